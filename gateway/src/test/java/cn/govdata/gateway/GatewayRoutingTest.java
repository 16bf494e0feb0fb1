package cn.govdata.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;

class GatewayRoutingTest extends GatewayTestSupport {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void aValidTokenIsProxiedWithItsAuthorizationAndARequestIdReachingTheService() {
        backend.stubFor(get("/api/catalog/datasets?page=0").willReturn(okJson("{\"items\":[]}")));
        String token = tokens.forClient("county-portal");

        String requestId = client.get().uri("/api/catalog/datasets?page=0")
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueMatches("X-Request-Id", UUID_PATTERN)
                .expectBody().json("{\"items\":[]}")
                .returnResult().getResponseHeaders().getFirst("X-Request-Id");

        backend.verify(getRequestedFor(urlEqualTo("/api/catalog/datasets?page=0"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .withHeader("X-Request-Id", equalTo(requestId)));
    }

    @Test
    void aRequestIdTheCallerSendsIsPassedThroughToTheServiceAndBack() {
        backend.stubFor(post("/api/sharing/requests").willReturn(okJson("{}").withStatus(201)
                .withHeader("X-Request-Id", "county-portal-0001")));

        client.post().uri("/api/sharing/requests")
                .headers(headers -> headers.setBearerAuth(tokens.forClient("county-portal")))
                .header("X-Request-Id", "county-portal-0001")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"dataset\":\"bus-stops\"}")
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("X-Request-Id", "county-portal-0001");

        backend.verify(postRequestedFor(urlEqualTo("/api/sharing/requests"))
                .withHeader("X-Request-Id", equalTo("county-portal-0001"))
                .withRequestBody(equalTo("{\"dataset\":\"bus-stops\"}")));
    }

    @Test
    void aRequestIdThatCouldPolluteLogsIsReplacedWithAFreshOne() {
        backend.stubFor(get("/api/exchange/tasks").willReturn(okJson("[]")));

        client.get().uri("/api/exchange/tasks")
                .headers(headers -> headers.setBearerAuth(tokens.forClient("county-portal")))
                .header("X-Request-Id", "x".repeat(200))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueMatches("X-Request-Id", UUID_PATTERN);

        backend.verify(getRequestedFor(urlEqualTo("/api/exchange/tasks"))
                .withHeader("X-Request-Id", matching(UUID_PATTERN)));
    }

    @Test
    void eachServicesOpenApiDocumentIsServedUnderItsOwnName() {
        backend.stubFor(get("/v3/api-docs").willReturn(okJson("{\"openapi\":\"3.1.0\"}")));

        client.get().uri("/v3/api-docs/open-data-service")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.openapi").isEqualTo("3.1.0");

        backend.verify(getRequestedFor(urlEqualTo("/v3/api-docs")));
    }

    @Test
    void theSwaggerUiListsEveryService() {
        client.get().uri("/v3/api-docs/swagger-config")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.urls[*].url").value(hasItems(
                        "/v3/api-docs/catalog-service", "/v3/api-docs/sharing-service",
                        "/v3/api-docs/open-data-service", "/v3/api-docs/objection-service",
                        "/v3/api-docs/audit-service"));
        client.get().uri("/swagger-ui.html")
                .exchange()
                .expectStatus().is3xxRedirection();
    }

    @Test
    void aPathWithoutARouteIsANotFoundProblem() {
        client.get().uri("/api/nowhere")
                .headers(headers -> headers.setBearerAuth(tokens.forClient("county-portal")))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("X-Request-Id")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://govdata.cn/problems/not-found")
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.instance").isEqualTo("/api/nowhere");
    }

    @Test
    void requestsAreCountedPerRouteInPrometheus() {
        backend.stubFor(get("/api/catalog/departments").willReturn(okJson("[]")));
        client.get().uri("/api/catalog/departments")
                .headers(headers -> headers.setBearerAuth(tokens.forClient("county-portal")))
                .exchange()
                .expectStatus().isOk();

        String scrape = client.get().uri("/actuator/prometheus")
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(scrape).containsPattern("spring_cloud_gateway_requests_seconds_count\\{[^}]*routeId=\"catalog\"");
    }
}
