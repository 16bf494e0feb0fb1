package cn.govdata.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

class GatewaySecurityTest extends GatewayTestSupport {

    @Test
    void aRequestWithoutATokenIsRefusedWithAProblemAndABearerChallenge() {
        client.get().uri("/api/catalog/datasets")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer realm=\"govdata\""))
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("X-Request-Id")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://govdata.cn/problems/unauthorized")
                .jsonPath("$.title").isEqualTo("Authentication required")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.detail").exists()
                .jsonPath("$.instance").isEqualTo("/api/catalog/datasets")
                .jsonPath("$.requestId").exists();
        backend.verify(0, getRequestedFor(urlPathMatching("/api/.*")));
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        expectRefused(tokens.withIssuer("http://127.0.0.1:9/realms/elsewhere"), "iss");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        expectRefused(tokens.withAudience("account"), "aud");
    }

    @Test
    void anExpiredTokenIsRefused() {
        expectRefused(tokens.expired(), "expired");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        expectRefused(tokens.signedByAStranger(), "");
    }

    @Test
    void healthIsReachableWithoutAToken() {
        client.get().uri("/actuator/health")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/actuator/health/readiness")
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void publicOpenDataDownloadsNeedNoToken() {
        backend.stubFor(get("/api/open-data/public/datasets/bus-stops.csv")
                .willReturn(aResponse().withHeader("Content-Type", "text/csv").withBody("id,name\n1,Station\n")));

        client.get().uri("/api/open-data/public/datasets/bus-stops.csv")
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("id,name\n1,Station\n");
    }

    @Test
    void writingToThePublicOpenDataPathStillNeedsAToken() {
        client.post().uri("/api/open-data/public/datasets")
                .exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void theGatewayActuatorEndpointIsNotExposedToAnySignedInCaller() {
        client.get().uri("/actuator/gateway/routes")
                .headers(headers -> headers.setBearerAuth(tokens.forClient("platform-operator")))
                .exchange()
                .expectStatus().isNotFound();
        client.get().uri("/actuator/env")
                .headers(headers -> headers.setBearerAuth(tokens.forClient("platform-operator")))
                .exchange()
                .expectStatus().isNotFound();
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
    }

    @Test
    void aServicesActuatorIsNeverRoutedWhateverTheToken() {
        backend.stubFor(get(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(200).withBody("{}")));

        for (String path : new String[] {"/api/catalog/actuator/env", "/api/sharing/actuator", "/api/open-data/actuator/heapdump"}) {
            client.get().uri(path)
                    .headers(headers -> headers.setBearerAuth(tokens.forClient("platform-operator")))
                    .exchange()
                    .expectStatus().isForbidden();
        }
        backend.verify(0, getRequestedFor(urlPathMatching(".*/actuator.*")));
    }

    @Test
    void theAuditPublicKeysNeedNoToken() {
        // audit-service is down in these tests: the fallback's 503 shows the request was routed, not refused.
        client.get().uri("/api/audit/keys")
                .exchange()
                .expectStatus().value(status -> assertThat(status).isNotIn(401, 403));
    }

    private void expectRefused(String token, String reason) {
        backend.stubFor(get(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(200)));

        client.get().uri("/api/catalog/datasets")
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE,
                        allOf(startsWith("Bearer realm=\"govdata\""), containsString("error=\"invalid_token\"")))
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.detail").value(containsString(reason));
        backend.verify(0, getRequestedFor(urlPathMatching("/api/.*")));
    }
}
