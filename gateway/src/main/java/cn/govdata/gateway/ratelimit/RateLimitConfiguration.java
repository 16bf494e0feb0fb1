package cn.govdata.gateway.ratelimit;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    @ConditionalOnBooleanProperty(name = RedisAutoConfigurationSwitch.SWITCH, havingValue = false, matchIfMissing = true)
    TokenBucketRateLimiter tokenBucketRateLimiter(RateLimitProperties properties,
            ConfigurationService configurationService) {
        return new TokenBucketRateLimiter(TokenBucketRateLimiter.Config.of(properties.replenishRate(),
                properties.burstCapacity(), properties.requestedTokens()), configurationService, System::nanoTime);
    }

    /** Counts in Redis, shared by every gateway instance; its script comes from the gateway's Redis auto-configuration. */
    @Bean
    @ConditionalOnBooleanProperty(name = RedisAutoConfigurationSwitch.SWITCH)
    RedisRateLimiter redisRateLimiter(RateLimitProperties properties) {
        return new RedisRateLimiter(properties.replenishRate(), properties.burstCapacity(), properties.requestedTokens());
    }

    @Bean
    KeyResolver clientKeyResolver() {
        return new ClientKeyResolver();
    }

    @Bean
    ClientRateLimitFilter clientRateLimitFilter(RateLimiter<?> rateLimiter, KeyResolver clientKeyResolver,
            RateLimitProperties properties) {
        return new ClientRateLimitFilter(rateLimiter, clientKeyResolver, properties);
    }
}
