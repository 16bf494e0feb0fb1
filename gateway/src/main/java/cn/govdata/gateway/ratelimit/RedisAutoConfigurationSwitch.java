package cn.govdata.gateway.ratelimit;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Redis is on the classpath for the optional shared rate limiter only. Without this, Boot would
 * configure a connection to localhost:6379 and a Redis health check that turns the gateway DOWN
 * wherever no Redis runs. Registered in META-INF/spring.factories.
 */
final class RedisAutoConfigurationSwitch implements AutoConfigurationImportFilter, EnvironmentAware {

    static final String SWITCH = "govdata.gateway.rate-limit.redis";
    private static final String REDIS_AUTO_CONFIGURATIONS = "org.springframework.boot.data.redis.autoconfigure.";

    private boolean redisEnabled;

    @Override
    public void setEnvironment(Environment environment) {
        this.redisEnabled = environment.getProperty(SWITCH, Boolean.class, false);
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean[] matches = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            String candidate = autoConfigurationClasses[i];
            matches[i] = redisEnabled || candidate == null || !candidate.startsWith(REDIS_AUTO_CONFIGURATIONS);
        }
        return matches;
    }
}
