package cn.govdata.sharing.exchange;

import cn.govdata.platform.requestid.RequestIds;
import cn.govdata.sharing.provider.ProviderAddresses;
import cn.govdata.sharing.provider.ProviderCredentials;
import cn.govdata.sharing.provider.ProviderRegistration;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedTimeLimiterMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Calls a provider's API on the consumer's behalf, guarded per provider registration by
 * Resilience4j: retry (connect failures only, the provider never saw the request) around a circuit
 * breaker (connect errors, timeouts and 5xx count as failures) around a bulkhead (calls in flight)
 * around a time limiter (the registration's timeout). One pooled Apache HttpClient 5 (async,
 * HTTP/1.1) serves all providers; its connections are reused across calls.
 *
 * <p>No DNS rebinding: each call resolves the provider's host once ({@link ProviderAddresses#check}),
 * and the request's target carries the checked address, so the connection goes to exactly that
 * address and nothing resolves the name again. TLS still verifies, and sends SNI for, the host name.
 * Pooled connections are keyed by host name and address, so one made to an address that was allowed
 * then is never reused for an address that was not checked. The client's own {@link DnsResolver}, in
 * case anything ever asks it, answers only with addresses that pass the same check.
 */
@Component
class ProviderClient {

    /** What the provider answered: 2xx and 4xx come back here, everything else is an {@link ExchangeException}. */
    record Reply(int status, byte[] body) {
    }

    private final CloseableHttpAsyncClient http;
    private final ScheduledExecutorService scheduler;
    private final ExchangeProperties properties;
    private final ProviderCredentials credentials;
    private final ProviderAddresses addresses;
    private final CircuitBreakerRegistry breakers;
    private final BulkheadRegistry bulkheads;
    private final TimeLimiterRegistry timeLimiters;
    private final RetryRegistry retries;
    private final Map<String, Guard> guards = new ConcurrentHashMap<>();

    ProviderClient(ExchangeProperties properties, ProviderCredentials credentials, ProviderAddresses addresses,
                   MeterRegistry meters) {
        this.properties = properties;
        this.credentials = credentials;
        this.addresses = addresses;
        this.scheduler = Executors.newScheduledThreadPool(2, daemon("exchange-timer"));
        // HTTP/1.1 on purpose: one HTTP/2 connection per host would funnel every call through it.
        // No redirects (a 3xx comes back as an answer, never followed to another host), no automatic
        // retries (Resilience4j decides), no cookies, no proxies from system properties.
        var connections = PoolingAsyncClientConnectionManagerBuilder.create()
                .setDnsResolver(new CheckingResolver(addresses))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                        .setTimeToLive(Timeout.ofMinutes(5))
                        .build())
                .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
                // Concurrency is each provider's bulkhead's business, not the pool's (whose defaults are 5 per route).
                .setMaxConnTotal(4_096)
                .setMaxConnPerRoute(1_024)
                .build();
        this.http = HttpAsyncClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(properties.connectTimeout()))
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableConnectionState()
                .build();
        this.http.start();
        this.breakers = CircuitBreakerRegistry.of(breakerConfig(properties.circuitBreaker()));
        this.bulkheads = BulkheadRegistry.ofDefaults();
        this.timeLimiters = TimeLimiterRegistry.ofDefaults();
        this.retries = RetryRegistry.of(retryConfig(properties.retry()));
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
        TaggedTimeLimiterMetrics.ofTimeLimiterRegistry(timeLimiters).bindTo(meters);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
    }

    @PreDestroy
    void close() {
        http.close(CloseMode.IMMEDIATE);
        scheduler.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The breaker's state, for tests and operators. */
    CircuitBreaker.State breakerState(String resourceId) {
        return breakers.find("provider-" + resourceId).map(CircuitBreaker::getState).orElse(CircuitBreaker.State.CLOSED);
    }

    Reply get(ProviderRegistration provider, URI uri, String consumerDepartment) {
        // Resolved and checked on every call: the name may point elsewhere now than at registration.
        // The connection below goes to these addresses only (DNS rebinding).
        var verdict = addresses.check(uri);
        if (!verdict.allowed()) {
            throw refused(provider, verdict.refusal().get());
        }
        List<InetAddress> checked = verdict.addresses();
        Guard guard = guardFor(provider);
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        String host = bare(uri.getHost());
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        var request = SimpleRequestBuilder.get(uri)
                .setVersion(HttpVersion.HTTP_1_1)
                // The time limiter decides; the client's own timeout only frees the connection behind it.
                .setRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(properties.connectTimeout()))
                        .setResponseTimeout(Timeout.of(provider.timeout().plusMillis(250)))
                        .setRedirectsEnabled(false)
                        .build())
                .addHeader("Accept", "application/json")
                .addHeader("X-Consumer-Department", consumerDepartment);
        String requestId = RequestIds.current();
        if (requestId != null) {
            request.addHeader(RequestIds.HEADER, requestId);
        }
        credentials.authorizationFor(provider.id()).ifPresent(value -> request.addHeader("Authorization", value));
        var built = request.build();
        long maxBytes = properties.maxResponseSize().toBytes();
        AtomicInteger attempt = new AtomicInteger();

        Supplier<CompletionStage<Reply>> call = () -> {
            // A retry after a connect failure tries the next checked address (a multi-homed provider).
            InetAddress address = checked.get(Math.floorMod(attempt.getAndIncrement(), checked.size()));
            HttpHost target = new HttpHost(scheme, address, host, port);
            CompletableFuture<Reply> reply = new CompletableFuture<>();
            Future<Reply> exchange = http.execute(target, SimpleRequestProducer.create(built), new LimitedReply(maxBytes),
                    null, null, new FutureCallback<>() {
                        @Override
                        public void completed(Reply result) {
                            if (result.status() >= 500) {
                                reply.completeExceptionally(new ProviderFailure("answered " + result.status()));
                            } else {
                                reply.complete(result);
                            }
                        }

                        @Override
                        public void failed(Exception e) {
                            reply.completeExceptionally(e);
                        }

                        @Override
                        public void cancelled() {
                            reply.cancel(false);
                        }
                    });
            // The time limiter cancels the stage on timeout: abort the exchange and drop its connection.
            reply.whenComplete((r, e) -> {
                if (reply.isCancelled()) {
                    exchange.cancel(true);
                }
            });
            return reply;
        };
        Supplier<CompletionStage<Reply>> guarded = Retry.decorateCompletionStage(guard.retry, scheduler,
                CircuitBreaker.decorateCompletionStage(guard.breaker,
                        Bulkhead.decorateCompletionStage(guard.bulkhead,
                                guard.timeLimiter.decorateCompletionStage(scheduler, call))));
        long deadline = provider.timeout().toMillis() * properties.retry().maxAttempts()
                + properties.connectTimeout().toMillis() * properties.retry().maxAttempts() + 1_000;
        try {
            return guarded.get().toCompletableFuture().get(deadline, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(provider, "the call was interrupted", Duration.ofSeconds(1));
        } catch (ExecutionException | CompletionException e) {
            throw translate(provider, guard, unwrap(e));
        } catch (TimeoutException e) {
            throw translate(provider, guard, e);
        }
    }

    private ExchangeException translate(ProviderRegistration provider, Guard guard, Throwable failure) {
        if (failure instanceof CallNotPermittedException) {
            return unavailable(provider, "its circuit breaker is open after repeated failures",
                    properties.circuitBreaker().waitDurationInOpenState());
        }
        if (failure instanceof BulkheadFullException) {
            return unavailable(provider, "it already has " + provider.maxConcurrent() + " calls in flight", Duration.ofSeconds(1));
        }
        if (failure instanceof TimeoutException || failure instanceof SocketTimeoutException && !(failure instanceof ConnectTimeoutException)) {
            return ExchangeException.provider(HttpStatus.GATEWAY_TIMEOUT, "provider-timeout", "Provider timed out",
                    "The provider of resource " + provider.id() + " did not answer within " + provider.timeout().toMillis() + " ms",
                    Duration.ofSeconds(2));
        }
        if (failure instanceof ProviderFailure pf) {
            return ExchangeException.provider(HttpStatus.BAD_GATEWAY, "provider-error", "Provider error",
                    "The provider of resource " + provider.id() + " failed: " + pf.getMessage(), Duration.ofSeconds(5));
        }
        if (failure instanceof ResponseTooLarge) {
            return ExchangeException.provider(HttpStatus.BAD_GATEWAY, "provider-response-too-large", "Provider response too large",
                    "The provider of resource " + provider.id() + " answered with more than "
                            + properties.maxResponseSize().toMegabytes() + " MB; narrow the query", null);
        }
        if (failure instanceof AddressRefused refusedAddress) {
            return refused(provider, refusedAddress.getMessage());
        }
        return unavailable(provider, "it cannot be reached (" + failure.getClass().getSimpleName() + ")", Duration.ofSeconds(5));
    }

    private static ExchangeException refused(ProviderRegistration provider, String why) {
        return ExchangeException.provider(HttpStatus.BAD_GATEWAY, "provider-address-refused", "Provider address refused",
                "The exchange does not call the provider of resource " + provider.id() + ": " + why, null);
    }

    private static String bare(String host) {
        return host != null && host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * The connection manager's resolver. Requests carry their checked address, so it is not asked in
     * normal operation; should anything ask, it answers only with addresses that pass the same check.
     */
    static final class CheckingResolver implements DnsResolver {
        private final ProviderAddresses addresses;

        CheckingResolver(ProviderAddresses addresses) {
            this.addresses = addresses;
        }

        @Override
        public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
            var verdict = addresses.check(host, port);
            if (!verdict.allowed()) {
                throw new AddressRefused(verdict.refusal().get());
            }
            return verdict.addresses().stream().map(a -> new InetSocketAddress(a, port)).toList();
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            throw new AddressRefused("the exchange resolves a provider's host only together with its port");
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return host;
        }
    }

    /** A connection the checks refused: never retried, never counted against the provider. */
    static final class AddressRefused extends UnknownHostException {
        AddressRefused(String message) {
            super(message);
        }
    }

    private static ExchangeException unavailable(ProviderRegistration provider, String why, Duration retryAfter) {
        return ExchangeException.provider(HttpStatus.SERVICE_UNAVAILABLE, "provider-unavailable", "Provider unavailable",
                "The provider of resource " + provider.id() + " (" + provider.providerDepartment() + ") is unavailable: " + why,
                retryAfter);
    }

    /** Registry names are the resource ids, so the resilience4j_* metrics carry them as the name tag. */
    private Guard guardFor(ProviderRegistration provider) {
        Guard guard = guards.get(provider.id());
        if (guard != null && guard.fits(provider)) {
            return guard;
        }
        return guards.compute(provider.id(), (id, existing) -> {
            if (existing != null && existing.fits(provider)) {
                return existing;
            }
            String name = "provider-" + id;
            CircuitBreaker breaker = existing != null ? existing.breaker : breakers.circuitBreaker(name);
            Retry retry = existing != null ? existing.retry : retries.retry(name);
            // A changed registration (timeout, concurrency) replaces its limiter and bulkhead; the
            // breaker keeps its state, and the micrometer bindings follow the registry's replace event.
            BulkheadConfig bulkheadConfig = BulkheadConfig.custom().maxConcurrentCalls(provider.maxConcurrent())
                    .maxWaitDuration(Duration.ZERO).build();
            Bulkhead bulkhead = bulkheads.find(name).isPresent()
                    ? replaced(bulkheads, name, Bulkhead.of(name, bulkheadConfig))
                    : bulkheads.bulkhead(name, bulkheadConfig);
            TimeLimiterConfig limiterConfig = TimeLimiterConfig.custom().timeoutDuration(provider.timeout())
                    .cancelRunningFuture(true).build();
            TimeLimiter timeLimiter = timeLimiters.find(name).isPresent()
                    ? replaced(timeLimiters, name, TimeLimiter.of(name, limiterConfig))
                    : timeLimiters.timeLimiter(name, limiterConfig);
            return new Guard(provider.timeoutMillis(), provider.maxConcurrent(), breaker, bulkhead, timeLimiter, retry);
        });
    }

    private static <E> E replaced(io.github.resilience4j.core.Registry<E, ?> registry, String name, E entry) {
        registry.replace(name, entry);
        return entry;
    }

    static CircuitBreakerConfig breakerConfig(ExchangeProperties.CircuitBreaker c) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(c.slidingWindowSize())
                .minimumNumberOfCalls(c.minimumNumberOfCalls())
                .failureRateThreshold(c.failureRateThreshold())
                .waitDurationInOpenState(c.waitDurationInOpenState())
                .permittedNumberOfCallsInHalfOpenState(c.permittedCallsInHalfOpenState())
                .recordException(e -> {
                    Throwable t = unwrap(e);
                    // Our own concurrency limit, oversized answers and refused addresses say nothing about the provider's health.
                    return !(t instanceof ResponseTooLarge || t instanceof BulkheadFullException || t instanceof AddressRefused);
                })
                .build();
    }

    static RetryConfig retryConfig(ExchangeProperties.Retry r) {
        return RetryConfig.custom()
                .maxAttempts(r.maxAttempts())
                .waitDuration(r.backoff())
                .retryOnException(e -> isConnectFailure(unwrap(e)))
                .failAfterMaxAttempts(false)
                .build();
    }

    /** The connection was never made, so the provider cannot have acted on the request: safe to repeat. */
    static boolean isConnectFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AddressRefused) {
                return false;
            }
            if (t instanceof ConnectException || t instanceof ConnectTimeoutException
                    || t instanceof java.nio.channels.UnresolvedAddressException || t instanceof UnknownHostException) {
                return true;
            }
            if (t instanceof ClosedChannelException) {
                return false;
            }
        }
        return false;
    }

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private record Guard(long timeoutMillis, int maxConcurrent, CircuitBreaker breaker, Bulkhead bulkhead,
                         TimeLimiter timeLimiter, Retry retry) {
        boolean fits(ProviderRegistration p) {
            return p.timeoutMillis() == timeoutMillis && p.maxConcurrent() == maxConcurrent;
        }
    }

    static final class ProviderFailure extends RuntimeException {
        ProviderFailure(String message) {
            super(message, null, false, false);
        }
    }

    static final class ResponseTooLarge extends IOException {
        ResponseTooLarge() {
            super("response too large");
        }
    }

    /** Collects the body but gives up (and drops the connection) once it exceeds {@code max} bytes. */
    static final class LimitedReply extends AbstractBinResponseConsumer<Reply> {
        private final long max;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private int status;

        LimitedReply(long max) {
            this.max = max;
        }

        @Override
        protected void start(HttpResponse response, ContentType contentType) {
            status = response.getCode();
        }

        @Override
        protected int capacityIncrement() {
            return 64 * 1024;
        }

        @Override
        protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
            if ((long) body.size() + src.remaining() > max) {
                throw new ResponseTooLarge();
            }
            byte[] chunk = new byte[src.remaining()];
            src.get(chunk);
            body.write(chunk);
        }

        @Override
        protected Reply buildResult() {
            return new Reply(status, body.toByteArray());
        }

        @Override
        public void releaseResources() {
        }
    }
}
