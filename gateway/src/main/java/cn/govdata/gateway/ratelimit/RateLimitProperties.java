package cn.govdata.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * Per-client token bucket: {@code replenishRate} requests a second sustained, bursts up to
 * {@code burstCapacity}. One bucket per client and route. These are the defaults; an operator
 * sets other values for one client id at run time ({@code PUT /api/gateway/rate-limits/{clientId}}).
 *
 * @param redis         keep the buckets in Redis ({@code spring.data.redis.*}) so several gateway
 *                      instances share them; off, each instance counts on its own
 * @param overridesFile where operators' per-client limits are kept across restarts
 */
@ConfigurationProperties("govdata.gateway.rate-limit")
record RateLimitProperties(
        @DefaultValue("false") boolean redis,
        @DefaultValue("20") int replenishRate,
        @DefaultValue("40") int burstCapacity,
        @DefaultValue("1") int requestedTokens,
        @DefaultValue("data/gateway/rate-limits.json") Path overridesFile) {

    RateLimitProperties {
        if (replenishRate < 1 || requestedTokens < 1 || burstCapacity < requestedTokens || burstCapacity < replenishRate) {
            throw new IllegalArgumentException("rate limit needs replenishRate >= 1, requestedTokens >= 1 and "
                    + "burstCapacity >= both, got " + replenishRate + "/" + requestedTokens + "/" + burstCapacity);
        }
    }

    ClientLimit defaultLimit() {
        return new ClientLimit(replenishRate, burstCapacity, requestedTokens);
    }
}
