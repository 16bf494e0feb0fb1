package cn.govdata.gateway.ratelimit;

import cn.govdata.gateway.problem.Problems;
import cn.govdata.gateway.security.Callers;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Applies each client's limit ({@link ClientLimits}: the default or an operator's setting for its
 * client id) to every route. The gateway's own RequestRateLimiter filter answers a
 * refusal with an empty 429 and no Retry-After; clients here get a problem body that says when to
 * come back.
 */
final class ClientRateLimitFilter implements GlobalFilter, Ordered {

    private final ClientBuckets buckets;
    private final KeyResolver keyResolver;
    private final ClientLimits limits;

    ClientRateLimitFilter(ClientBuckets buckets, KeyResolver keyResolver, ClientLimits limits) {
        this.buckets = buckets;
        this.keyResolver = keyResolver;
        this.limits = limits;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return chain.filter(exchange);
        }
        // Anonymous callers share the client id "anonymous" (one bucket per address).
        ClientLimit limit = limits.limitFor(Callers.clientId(exchange));
        return keyResolver.resolve(exchange)
                .flatMap(key -> buckets.take(route.getId(), key, limit))
                .flatMap(response -> {
                    HttpHeaders headers = exchange.getResponse().getHeaders();
                    response.getHeaders().forEach((name, value) -> {
                        if (!TokenBucketRateLimiter.RETRY_AFTER_HEADER.equals(name)) {
                            headers.set(name, value);
                        }
                    });
                    if (response.isAllowed()) {
                        return chain.filter(exchange);
                    }
                    // The Redis limiter does not say when a token is due; at worst it is this far away.
                    String retryAfter = response.getHeaders().getOrDefault(TokenBucketRateLimiter.RETRY_AFTER_HEADER,
                            String.valueOf(limit.worstRetryAfterSeconds()));
                    headers.set(HttpHeaders.RETRY_AFTER, retryAfter);
                    return Problems.write(exchange, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests",
                            "Too many requests", "This client sent more requests than its rate limit allows; "
                                    + "retry after " + retryAfter + " s"));
                });
    }

    @Override
    public int getOrder() {
        // After the gateway's metrics filter (0), so refusals show up in the per-route counts.
        return 1;
    }
}
