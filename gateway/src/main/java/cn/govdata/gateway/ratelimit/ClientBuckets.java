package cn.govdata.gateway.ratelimit;

import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import reactor.core.publisher.Mono;

/**
 * Takes a request's tokens from the bucket of one client on one route, under the limit that
 * applies to that client right now. The limit travels with each call, so an operator's change
 * reaches the bucket on its next request without a restart.
 */
interface ClientBuckets {

    Mono<RateLimiter.Response> take(String routeId, String key, ClientLimit limit);
}
