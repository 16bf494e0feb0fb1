package cn.govdata.gateway.ratelimit;

import org.springframework.cloud.gateway.filter.ratelimit.AbstractRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * In-memory token buckets: the rate limiter that works without Redis. Each gateway instance counts
 * on its own, so with N instances a client gets up to N times the rate; switch to Redis for a
 * shared count. Answers with the same headers as the Redis limiter, plus how long to wait.
 */
final class TokenBucketRateLimiter extends AbstractRateLimiter<TokenBucketRateLimiter.Config> implements ClientBuckets {

    static final String CONFIGURATION_PROPERTY_NAME = "token-bucket-rate-limiter";
    static final String RETRY_AFTER_HEADER = "Retry-After";

    // A full bucket is indistinguishable from a new one, so idle clients can be forgotten; swept
    // only past this many so a steady set of clients never pays for it.
    static final int SWEEP_ABOVE = 10_000;

    private final Config defaultConfig;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    TokenBucketRateLimiter(Config defaultConfig, ConfigurationService configurationService, LongSupplier nanoTime) {
        super(Config.class, CONFIGURATION_PROPERTY_NAME, configurationService);
        this.defaultConfig = defaultConfig;
        this.nanoTime = nanoTime;
    }

    @Override
    public Mono<Response> isAllowed(String routeId, String id) {
        return isAllowed(routeId, id, getConfig().getOrDefault(routeId, defaultConfig));
    }

    @Override
    public Mono<Response> take(String routeId, String key, ClientLimit limit) {
        return isAllowed(routeId, key, Config.of(limit.replenishRate(), limit.burstCapacity(), limit.requestedTokens()));
    }

    private Mono<Response> isAllowed(String routeId, String id, Config config) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(bucket -> bucket.isFullAt(now));
        }
        Bucket bucket = buckets.computeIfAbsent(routeId + '\n' + id, key -> new Bucket(config, now));
        return Mono.just(bucket.take(now, config));
    }

    int bucketCount() {
        return buckets.size();
    }

    private static final class Bucket {

        private Config config;
        private double tokens;
        private long refilledAt;

        Bucket(Config config, long now) {
            this.config = config;
            this.tokens = config.burstCapacity;
            this.refilledAt = now;
        }

        synchronized Response take(long now, Config config) {
            this.config = config;
            refill(now);
            boolean allowed = tokens >= config.requestedTokens;
            if (allowed) {
                tokens -= config.requestedTokens;
            }
            Map<String, String> headers = new HashMap<>(Map.of(
                    "X-RateLimit-Remaining", String.valueOf((long) Math.floor(tokens)),
                    "X-RateLimit-Replenish-Rate", String.valueOf(config.replenishRate),
                    "X-RateLimit-Burst-Capacity", String.valueOf(config.burstCapacity),
                    "X-RateLimit-Requested-Tokens", String.valueOf(config.requestedTokens)));
            if (!allowed) {
                double seconds = (config.requestedTokens - tokens) / config.replenishRate;
                headers.put(RETRY_AFTER_HEADER, String.valueOf(Math.max(1, (long) Math.ceil(seconds))));
            }
            return new Response(allowed, headers);
        }

        synchronized boolean isFullAt(long now) {
            refill(now);
            return tokens >= config.burstCapacity;
        }

        private void refill(long now) {
            double earned = (now - refilledAt) / 1e9 * config.replenishRate;
            tokens = Math.min(config.burstCapacity, tokens + earned);
            refilledAt = now;
        }
    }

    /** Mutable because routes may override it through the gateway's filter-argument binding. */
    static final class Config {

        private int replenishRate;
        private int burstCapacity;
        private int requestedTokens = 1;

        static Config of(int replenishRate, int burstCapacity, int requestedTokens) {
            Config config = new Config();
            config.setReplenishRate(replenishRate);
            config.setBurstCapacity(burstCapacity);
            config.setRequestedTokens(requestedTokens);
            return config;
        }

        public int getReplenishRate() {
            return replenishRate;
        }

        public void setReplenishRate(int replenishRate) {
            this.replenishRate = replenishRate;
        }

        public int getBurstCapacity() {
            return burstCapacity;
        }

        public void setBurstCapacity(int burstCapacity) {
            this.burstCapacity = burstCapacity;
        }

        public int getRequestedTokens() {
            return requestedTokens;
        }

        public void setRequestedTokens(int requestedTokens) {
            this.requestedTokens = requestedTokens;
        }
    }
}
