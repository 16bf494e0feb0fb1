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

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Calls a provider's API on the consumer's behalf, guarded per provider registration by
 * Resilience4j: retry (connect failures only, the provider never saw the request) around a circuit
 * breaker (connect errors, timeouts and 5xx count as failures) around a bulkhead (calls in flight)
 * around a time limiter (the registration's timeout). One pooled JDK HTTP/1.1 client serves all
 * providers; its connections are reused across calls.
 */
@Component
class ProviderClient {

    /** What the provider answered: 2xx and 4xx come back here, everything else is an {@link ExchangeException}. */
    record Reply(int status, byte[] body) {
    }

    private final HttpClient http;
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
        // HTTP/1.1 on purpose: the JDK's HTTP/2 client funnels every call to a host through one
        // connection, and on plain http it would try an h2c upgrade first. Idle connections are pooled.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // Completions run on the client's selector thread: everything chained to a provider call
                // (status check, breaker and bulkhead bookkeeping, waking the waiting request thread) is
                // short and never blocks, and a hand-off to a pool per response cost more than the work.
                .executor(Runnable::run)
                .build();
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
        // Checked again on every call: the name may point elsewhere now than at registration (DNS rebinding).
        var verdict = addresses.check(uri);
        if (!verdict.allowed()) {
            throw ExchangeException.provider(HttpStatus.BAD_GATEWAY, "provider-address-refused", "Provider address refused",
                    "The exchange does not call the provider of resource " + provider.id() + ": " + verdict.refusal().get(), null);
        }
        Guard guard = guardFor(provider);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET()
                // The time limiter decides; the client's own timeout only frees the connection behind it.
                .timeout(provider.timeout().plusMillis(250))
                .header("Accept", "application/json")
                .header("X-Consumer-Department", consumerDepartment);
        String requestId = RequestIds.current();
        if (requestId != null) {
            request.header(RequestIds.HEADER, requestId);
        }
        credentials.authorizationFor(provider.id()).ifPresent(value -> request.header("Authorization", value));
        HttpRequest built = request.build();
        long maxBytes = properties.maxResponseSize().toBytes();

        Supplier<CompletionStage<Reply>> call = () -> http.sendAsync(built, limited(maxBytes)).thenApply(response -> {
            if (response.statusCode() >= 500) {
                throw new ProviderFailure("answered " + response.statusCode());
            }
            return new Reply(response.statusCode(), response.body());
        });
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
        if (failure instanceof TimeoutException || failure instanceof HttpTimeoutException && !(failure instanceof HttpConnectTimeoutException)) {
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
        return unavailable(provider, "it cannot be reached (" + failure.getClass().getSimpleName() + ")", Duration.ofSeconds(5));
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
                    // Our own concurrency limit and oversized answers say nothing about the provider's health.
                    return !(t instanceof ResponseTooLarge || t instanceof BulkheadFullException);
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
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException
                    || t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
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
    private static HttpResponse.BodyHandler<byte[]> limited(long max) {
        return info -> new HttpResponse.BodySubscriber<>() {
            private final CompletableFuture<byte[]> body = new CompletableFuture<>();
            private final List<ByteBuffer> parts = new ArrayList<>();
            private Flow.Subscription subscription;
            private long size;

            @Override
            public CompletionStage<byte[]> getBody() {
                return body;
            }

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<ByteBuffer> items) {
                for (ByteBuffer item : items) {
                    size += item.remaining();
                    if (size > max) {
                        subscription.cancel();
                        body.completeExceptionally(new ResponseTooLarge());
                        return;
                    }
                    parts.add(item);
                }
            }

            @Override
            public void onError(Throwable throwable) {
                body.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                byte[] bytes = new byte[(int) size];
                int at = 0;
                for (ByteBuffer part : parts) {
                    int n = part.remaining();
                    part.get(bytes, at, n);
                    at += n;
                }
                body.complete(bytes);
            }
        };
    }
}
