package cn.govdata.gateway.ratelimit;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

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
    RedisClientBuckets redisClientBuckets(ApplicationContext context) {
        return new RedisClientBuckets(context);
    }

    @Bean
    ClientLimits clientLimits(RateLimitProperties properties) {
        return new ClientLimits(properties.defaultLimit(), new ClientLimitFile(properties.overridesFile()), Clock.systemUTC());
    }

    @Bean
    KeyResolver clientKeyResolver() {
        return new ClientKeyResolver();
    }

    @Bean
    ClientRateLimitFilter clientRateLimitFilter(ClientBuckets buckets, KeyResolver clientKeyResolver, ClientLimits limits) {
        return new ClientRateLimitFilter(buckets, clientKeyResolver, limits);
    }
}
