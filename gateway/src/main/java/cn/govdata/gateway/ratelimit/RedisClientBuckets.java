package cn.govdata.gateway.ratelimit;

import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.ApplicationContext;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Buckets in Redis, shared by every gateway instance. The gateway's Redis limiter takes its rate
 * from its own configuration only, so there is one limiter per distinct limit (a handful: the
 * default and the operators' settings); the bucket's Redis key depends on route and client only,
 * so a client whose limit changes keeps its bucket.
 */
final class RedisClientBuckets implements ClientBuckets {

    private final ApplicationContext context;
    private final Map<ClientLimit, RedisRateLimiter> limiters = new ConcurrentHashMap<>();

    RedisClientBuckets(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public Mono<RateLimiter.Response> take(String routeId, String key, ClientLimit limit) {
        return limiters.computeIfAbsent(limit, this::limiter).isAllowed(routeId, key);
    }

    private RedisRateLimiter limiter(ClientLimit limit) {
        RedisRateLimiter limiter = new RedisRateLimiter(limit.replenishRate(), limit.burstCapacity(), limit.requestedTokens());
        // Where it finds the Redis template and the token-bucket script.
        limiter.setApplicationContext(context);
        return limiter;
    }
}
