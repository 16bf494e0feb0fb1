package cn.govdata.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long the gateway remembers a token it has verified ({@link VerifiedTokens}).
 *
 * @param maxAge  the longest an entry is kept, however long the token still runs: it bounds how long a
 *                signing key removed from the realm's JWK set keeps admitting the tokens it signed
 * @param maxSize tokens remembered at most (least recently used leave first); 0 remembers none
 */
@ConfigurationProperties("govdata.gateway.jwt-cache")
record JwtCacheProperties(
        @DefaultValue("60s") Duration maxAge,
        @DefaultValue("10000") long maxSize) {

    JwtCacheProperties {
        if (maxAge == null || maxAge.isNegative()) {
            throw new IllegalArgumentException("govdata.gateway.jwt-cache.max-age: must be 0 or more");
        }
        if (maxSize < 0) {
            throw new IllegalArgumentException("govdata.gateway.jwt-cache.max-size: must be 0 or more");
        }
    }
}
