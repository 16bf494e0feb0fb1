package cn.govdata.gateway;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.hamcrest.Matchers.containsString;

class GatewayFailureTest extends GatewayTestSupport {

    @Test
    void aServiceThatIsDownIsAnsweredWithA503ProblemNamingIt() {
        client.get().uri("/api/audit/trail")
                .headers(headers -> headers.setBearerAuth(tokens.forClient("auditor")))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "10")
                .expectHeader().exists("X-Request-Id")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://govdata.cn/problems/service-unavailable")
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.service").isEqualTo("audit-service")
                .jsonPath("$.detail").value(containsString("audit-service"))
                .jsonPath("$.instance").isEqualTo("/api/audit/trail");
    }

    @Test
    void aServiceWithNoRegisteredInstanceIsAnsweredWithA503ProblemNamingIt() {
        client.get().uri("/api/objections/42")
                .headers(headers -> headers.setBearerAuth(tokens.forClient("county-portal")))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody()
                .jsonPath("$.service").isEqualTo("objection-service")
                .jsonPath("$.instance").isEqualTo("/api/objections/42");
    }

    @Test
    void aServiceTooSlowForTheTimeLimiterIsAnsweredWithA503Problem() {
        backend.stubFor(get("/api/catalog/slow").willReturn(okJson("{}").withFixedDelay(4_000)));

        client.get().uri("/api/catalog/slow")
                .headers(headers -> headers.setBearerAuth(tokens.forClient("county-portal")))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.service").isEqualTo("catalog-service")
                .jsonPath("$.detail").value(containsString("did not answer in time"));
    }

    @Test
    void anErrorTheServiceAnswersItselfIsPassedThroughUntouched() {
        backend.stubFor(get("/api/catalog/datasets/missing").willReturn(aProblem()));

        client.get().uri("/api/catalog/datasets/missing")
                .headers(headers -> headers.setBearerAuth(tokens.forClient("county-portal")))
                .exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("No dataset missing");
    }

    private static ResponseDefinitionBuilder aProblem() {
        return okJson("{\"status\":404,\"detail\":\"No dataset missing\"}").withStatus(404)
                .withHeader("Content-Type", "application/problem+json");
    }
}
