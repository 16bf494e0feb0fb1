package cn.govdata.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import java.nio.file.Files;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operators give one partner system a higher (or lower) limit at run time. The default here is
 * tiny (1/s, burst 5) so that a client left on it is refused within 50 requests however slowly
 * this machine sends them, and one raised to 100/s, burst 100, never is.
 */
@TestPropertySource(properties = {
        "govdata.gateway.rate-limit.replenish-rate=1",
        "govdata.gateway.rate-limit.burst-capacity=5"})
class ClientRateLimitsTest extends GatewayTestSupport {

    static final String OPERATOR = tokens.forClientWithRoles("govdata-portal", "platform-operator");
    static final String OFFICER = tokens.forClientWithRoles("govdata-portal", "department-officer");

    @AfterEach
    void backToDefaults() {
        for (String clientId : new String[] {"psb-system", "tax-system"}) {
            client.delete().uri("/api/gateway/rate-limits/" + clientId)
                    .headers(h -> h.setBearerAuth(OPERATOR)).exchange().expectStatus().isNoContent();
        }
    }

    @Test
    void a_client_raised_to_100_a_second_is_not_refused_at_50_requests_while_a_client_on_the_default_is() {
        backend.stubFor(get("/api/exchange/R1/records/k").willReturn(okJson("{}")));
        client.put().uri("/api/gateway/rate-limits/psb-system")
                .headers(h -> h.setBearerAuth(OPERATOR))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("replenishRate", 100, "burstCapacity", 100))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.clientId").isEqualTo("psb-system")
                .jsonPath("$.replenishRate").isEqualTo(100)
                .jsonPath("$.burstCapacity").isEqualTo(100)
                .jsonPath("$.source").isEqualTo("override");

        assertThat(statuses("psb-system", 50)).containsOnlyKeys(200);
        Map<Integer, Integer> other = statuses("tax-system", 50);
        assertThat(other).containsKey(429);
        assertThat(other.get(200)).isLessThan(50);
    }

    @Test
    void a_reset_client_is_back_on_the_default_limit() {
        backend.stubFor(get("/api/exchange/R1/records/k").willReturn(okJson("{}")));
        client.put().uri("/api/gateway/rate-limits/tax-system")
                .headers(h -> h.setBearerAuth(OPERATOR))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("replenishRate", 100, "burstCapacity", 200))
                .exchange().expectStatus().isOk();
        client.get().uri("/api/gateway/rate-limits")
                .headers(h -> h.setBearerAuth(OPERATOR))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.defaultLimit.replenishRate").isEqualTo(1)
                .jsonPath("$.clients[?(@.clientId == 'tax-system')].burstCapacity").isEqualTo(200);

        client.delete().uri("/api/gateway/rate-limits/tax-system")
                .headers(h -> h.setBearerAuth(OPERATOR)).exchange().expectStatus().isNoContent();

        client.get().uri("/api/gateway/rate-limits/tax-system")
                .headers(h -> h.setBearerAuth(OPERATOR))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.source").isEqualTo("default")
                .jsonPath("$.replenishRate").isEqualTo(1)
                .jsonPath("$.burstCapacity").isEqualTo(5);
        assertThat(statuses("tax-system", 20)).containsKey(429);
    }

    @Test
    void a_setting_is_written_to_the_overrides_file_before_it_is_answered() throws Exception {
        client.put().uri("/api/gateway/rate-limits/psb-system")
                .headers(h -> h.setBearerAuth(OPERATOR))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("replenishRate", 60, "burstCapacity", 90))
                .exchange().expectStatus().isOk();

        assertThat(Files.readString(rateLimitsFile))
                .contains("\"clientId\" : \"psb-system\"", "\"replenishRate\" : 60", "\"burstCapacity\" : 90");
    }

    @Test
    void a_burst_below_the_rate_is_a_400_problem_naming_the_field() {
        client.put().uri("/api/gateway/rate-limits/psb-system")
                .headers(h -> h.setBearerAuth(OPERATOR))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("replenishRate", 100, "burstCapacity", 10))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://govdata.cn/problems/validation")
                .jsonPath("$.errors[0].field").isEqualTo("burstCapacity");
        client.put().uri("/api/gateway/rate-limits/psb-system")
                .headers(h -> h.setBearerAuth(OPERATOR))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("burstCapacity", 10))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("replenishRate");
        client.put().uri("/api/gateway/rate-limits/psb-system")
                .headers(h -> h.setBearerAuth(OPERATOR))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"replenishRate\": \"fast\"")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("body");
        client.put().uri("/api/gateway/rate-limits/{id}", "no spaces")
                .headers(h -> h.setBearerAuth(OPERATOR))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("replenishRate", 1, "burstCapacity", 1))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("clientId");
    }

    @Test
    void only_platform_operators_may_read_or_change_limits() {
        client.put().uri("/api/gateway/rate-limits/psb-system")
                .headers(h -> h.setBearerAuth(OFFICER))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("replenishRate", 100, "burstCapacity", 100))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.get().uri("/api/gateway/rate-limits")
                .headers(h -> h.setBearerAuth(tokens.forClient("psb-system")))
                .exchange()
                .expectStatus().isForbidden();
        client.delete().uri("/api/gateway/rate-limits/psb-system")
                .exchange()
                .expectStatus().isUnauthorized();
        client.get().uri("/api/gateway/rate-limits/psb-system")
                .headers(h -> h.setBearerAuth(OPERATOR))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.source").isEqualTo("default");
    }

    private Map<Integer, Integer> statuses(String clientId, int requests) {
        String token = tokens.forClient(clientId);
        Map<Integer, Integer> counts = new java.util.TreeMap<>();
        for (int i = 0; i < requests; i++) {
            int status = client.get().uri("/api/exchange/R1/records/k")
                    .headers(h -> h.setBearerAuth(token))
                    .exchange().returnResult(Void.class).getStatus().value();
            counts.merge(status, 1, Integer::sum);
        }
        return counts;
    }
}
