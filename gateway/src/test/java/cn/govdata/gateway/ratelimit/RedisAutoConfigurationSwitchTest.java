package cn.govdata.gateway.ratelimit;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class RedisAutoConfigurationSwitchTest {

    private static final String[] CANDIDATES = {
            "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration",
            "org.springframework.cloud.gateway.config.GatewayAutoConfiguration"};

    @Test
    void redisAutoConfigurationIsLeftOutUnlessTheRedisRateLimiterIsSwitchedOn() {
        assertThat(switchWith(new MockEnvironment()).match(CANDIDATES, null)).containsExactly(false, false, true);
    }

    @Test
    void redisAutoConfigurationComesBackWhenTheRedisRateLimiterIsSwitchedOn() {
        MockEnvironment environment = new MockEnvironment().withProperty("govdata.gateway.rate-limit.redis", "true");

        assertThat(switchWith(environment).match(CANDIDATES, null)).containsExactly(true, true, true);
    }

    private static RedisAutoConfigurationSwitch switchWith(MockEnvironment environment) {
        RedisAutoConfigurationSwitch redisSwitch = new RedisAutoConfigurationSwitch();
        redisSwitch.setEnvironment(environment);
        return redisSwitch;
    }
}
