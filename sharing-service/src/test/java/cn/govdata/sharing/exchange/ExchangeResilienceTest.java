package cn.govdata.sharing.exchange;

import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.sharing.grant.Grant;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static cn.govdata.sharing.exchange.ExchangeFixtures.NAME;
import static cn.govdata.sharing.exchange.ExchangeFixtures.PROVIDER;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@PlatformIntegrationTest
class ExchangeResilienceTest {

    private static final String KEY = "110101199003071234";

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    ProviderClient providerClient;

    private MvcResult call(String resourceId) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .get("/api/exchange/" + resourceId + "/records/" + KEY)
                        .with(ExchangeFixtures.hrssSystem()).header("X-Purpose", "pension check"))
                .andReturn();
    }

    @Test
    void aProviderThatIsDownIsAnswered503WithinASecondAndTheExchangeRecoversWhenItIsBack() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String resourceId = ExchangeFixtures.uniqueResourceId();
        ExchangeFixtures.peopleResource(mongo, resourceId);
        ExchangeFixtures.grant(mongo, resourceId, "HRSS", Grant.Kind.DATA, Grant.State.ACTIVE, List.of(NAME), List.of(), 0, 0);
        // A provider of its own on loopback: allowed by its exact address:port, as the local stack allows provider-sim.
        ExchangeFixtures.allow("127.0.0.1:" + port);
        ExchangeFixtures.registerPeopleApi(mvc, resourceId, "http://127.0.0.1:" + port + "/api/people/{key}", null, "2s");

        // Connection refused, retried once, then the breaker opens: every answer is a fast 503 with Retry-After.
        for (int i = 0; i < 12; i++) {
            long started = System.nanoTime();
            MvcResult result = call(resourceId);
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(result.getResponse().getStatus()).isEqualTo(503);
            assertThat(elapsedMillis).as("call %d answered in %d ms", i, elapsedMillis).isLessThan(1_000);
            assertThat(result.getResponse().getHeader("Retry-After")).isNotBlank();
            assertThat(result.getResponse().getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            assertThat(result.getResponse().getContentAsString()).contains("provider-unavailable");
        }
        assertThat(providerClient.breakerState(resourceId).name()).isEqualTo("OPEN");
        assertThat(call(resourceId).getResponse().getContentAsString()).contains("circuit breaker is open");

        WireMockServer back = new WireMockServer(options().port(port));
        back.start();
        try {
            back.stubFor(get(urlPathMatching("/api/people/.*")).willReturn(okJson(
                    ExchangeFixtures.person(KEY, "张三", "13812345678", "南京市玄武区中山路100号", "1990-03-07"))));
            // After wait-duration-in-open-state (10 s) the breaker lets trial calls through and closes.
            await().atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(call(resourceId).getResponse().getStatus()).isEqualTo(200));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                call(resourceId);
                assertThat(providerClient.breakerState(resourceId).name()).isEqualTo("CLOSED");
            });
        } finally {
            back.stop();
        }
    }

    @Test
    void aProviderSlowerThanItsTimeoutIsAnsweredWith504Fast() throws Exception {
        String resourceId = ExchangeFixtures.uniqueResourceId();
        ExchangeFixtures.peopleResource(mongo, resourceId);
        ExchangeFixtures.grant(mongo, resourceId, "HRSS", Grant.Kind.DATA, Grant.State.ACTIVE, List.of(NAME), List.of(), 0, 0);
        PROVIDER.stubFor(get(urlPathMatching("/" + resourceId + "/people/.*")).willReturn(aResponse().withFixedDelay(3_000)
                .withHeader("Content-Type", "application/json")
                .withBody(ExchangeFixtures.person(KEY, "张三", "13812345678", "南京市玄武区中山路100号", "1990-03-07"))));
        ExchangeFixtures.registerPeopleApi(mvc, resourceId, "300ms");

        long started = System.nanoTime();
        MvcResult result = call(resourceId);
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(result.getResponse().getStatus()).isEqualTo(504);
        assertThat(elapsedMillis).isLessThan(1_000);
        assertThat(result.getResponse().getContentAsString()).contains("provider-timeout").contains("300 ms");
        assertThat(result.getResponse().getHeader("Retry-After")).isNotBlank();
    }

    @Test
    void aProviderFailingWith5xxIsAnsweredAsABadGatewayProblem() throws Exception {
        String resourceId = ExchangeFixtures.uniqueResourceId();
        ExchangeFixtures.peopleResource(mongo, resourceId);
        ExchangeFixtures.grant(mongo, resourceId, "HRSS", Grant.Kind.DATA, Grant.State.ACTIVE, List.of(NAME), List.of(), 0, 0);
        PROVIDER.stubFor(get(urlPathMatching("/" + resourceId + "/people/.*")).willReturn(aResponse().withStatus(500)));
        ExchangeFixtures.registerPeopleApi(mvc, resourceId, "2s");

        MvcResult result = call(resourceId);

        assertThat(result.getResponse().getStatus()).isEqualTo(502);
        assertThat(result.getResponse().getContentAsString()).contains("provider-error");
    }
}
