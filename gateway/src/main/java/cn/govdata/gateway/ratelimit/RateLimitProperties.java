package cn.govdata.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-client token bucket: {@code replenishRate} requests a second sustained, bursts up to
 * {@code burstCapacity}. One bucket per client and route.
 *
 * @param redis keep the buckets in Redis ({@code spring.data.redis.*}) so several gateway
 *              instances share them; off, each instance counts on its own
 */
@ConfigurationProperties("govdata.gateway.rate-limit")
record RateLimitProperties(
        @DefaultValue("false") boolean redis,
        @DefaultValue("20") int replenishRate,
        @DefaultValue("40") int burstCapacity,
        @DefaultValue("1") int requestedTokens) {

    RateLimitProperties {
        if (replenishRate < 1 || requestedTokens < 1 || burstCapacity < requestedTokens || burstCapacity < replenishRate) {
            throw new IllegalArgumentException("rate limit needs replenishRate >= 1, requestedTokens >= 1 and "
                    + "burstCapacity >= both, got " + replenishRate + "/" + requestedTokens + "/" + burstCapacity);
        }
    }
}
