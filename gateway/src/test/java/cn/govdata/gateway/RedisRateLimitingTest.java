package cn.govdata.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/** No Redis runs here: this proves the switch and that an unreachable Redis does not stop traffic. */
class RedisRateLimitingTest extends GatewayTestSupport {

    @Autowired
    ApplicationContext context;

    @DynamicPropertySource
    static void redisIsSwitchedOnButUnreachable(DynamicPropertyRegistry registry) {
        registry.add("govdata.gateway.rate-limit.redis", () -> "true");
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> closedPort);
    }

    @Test
    void theRedisRateLimiterTakesOverWhenSwitchedOn() {
        assertThat(context.getBean(RateLimiter.class)).isInstanceOf(RedisRateLimiter.class);
        assertThat(context.containsBean("redisClientBuckets")).isTrue();
        assertThat(context.containsBean("tokenBucketRateLimiter")).isFalse();
        assertThat(context.getBeanNamesForType(ReactiveRedisConnectionFactory.class)).isNotEmpty();
    }

    @Test
    void requestsStillPassWhileRedisIsUnreachable() {
        backend.stubFor(get("/api/catalog/datasets").willReturn(okJson("[]")));

        client.get().uri("/api/catalog/datasets")
                .headers(headers -> headers.setBearerAuth(tokens.forClient("county-portal")))
                .exchange()
                .expectStatus().isOk();
    }
}
