package cn.govdata.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

// Two requests a client, then one more every two seconds: slack enough for a slow machine to send
// three requests before the third is due.
@TestPropertySource(properties = {
        "govdata.gateway.rate-limit.replenish-rate=1",
        "govdata.gateway.rate-limit.requested-tokens=2",
        "govdata.gateway.rate-limit.burst-capacity=4"})
class RateLimitingTest extends GatewayTestSupport {

    @Autowired
    ApplicationContext context;

    @Test
    void withoutTheRedisSwitchTheLimiterIsInMemoryAndNoRedisConnectionIsConfigured() {
        assertThat(context.getBean(RateLimiter.class).getClass().getSimpleName()).isEqualTo("TokenBucketRateLimiter");
        assertThat(context.getBeanNamesForType(ReactiveRedisConnectionFactory.class)).isEmpty();
    }

    @Test
    void aClientExceedingItsRateLimitGetsA429ProblemWithRetryAfter() {
        backend.stubFor(get("/api/catalog/datasets").willReturn(okJson("[]")));
        String token = tokens.forClient("busy-county");

        for (int i = 0; i < 2; i++) {
            client.get().uri("/api/catalog/datasets")
                    .headers(headers -> headers.setBearerAuth(token))
                    .exchange()
                    .expectStatus().isOk()
                    .expectHeader().exists("X-RateLimit-Remaining");
        }
        client.get().uri("/api/catalog/datasets")
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().valueMatches(HttpHeaders.RETRY_AFTER, "[12]")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://govdata.cn/problems/too-many-requests")
                .jsonPath("$.status").isEqualTo(429)
                .jsonPath("$.instance").isEqualTo("/api/catalog/datasets");

        String scrape = client.get().uri("/actuator/prometheus")
                .exchange()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(scrape).containsPattern(
                "spring_cloud_gateway_requests_seconds_count\\{[^}]*httpStatusCode=\"429\"[^}]*routeId=\"catalog\"");
    }

    @Test
    void oneClientUsingUpItsLimitLeavesOtherClientsAlone() {
        backend.stubFor(get("/api/catalog/departments").willReturn(okJson("[]")));
        String greedy = tokens.forClient("greedy-county");
        for (int i = 0; i < 3; i++) {
            client.get().uri("/api/catalog/departments").headers(headers -> headers.setBearerAuth(greedy)).exchange();
        }

        client.get().uri("/api/catalog/departments")
                .headers(headers -> headers.setBearerAuth(tokens.forClient("patient-county")))
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void anonymousDownloadsAreLimitedByAddress() {
        backend.stubFor(get("/api/open-data/public/files/budget.csv").willReturn(okJson("[]")));
        for (int i = 0; i < 2; i++) {
            client.get().uri("/api/open-data/public/files/budget.csv").exchange().expectStatus().isOk();
        }

        client.get().uri("/api/open-data/public/files/budget.csv")
                .exchange()
                .expectStatus().isEqualTo(429);
    }
}
