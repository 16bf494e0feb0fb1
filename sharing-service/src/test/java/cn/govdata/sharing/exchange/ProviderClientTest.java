package cn.govdata.sharing.exchange;

import cn.govdata.sharing.provider.ProviderCredentials;
import cn.govdata.sharing.provider.ProviderRegistration;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderClientTest {

    private final WireMockServer provider = new WireMockServer(options().dynamicPort());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ProviderClient client;

    @BeforeEach
    void start() {
        provider.start();
        var credentials = new ProviderCredentials(new MockEnvironment()
                .withProperty("govdata.exchange.provider-credentials[101001-PSB-000001]", "Bearer s3cr3t"));
        var addresses = new cn.govdata.sharing.provider.ProviderAddresses(new cn.govdata.sharing.provider.ProviderProperties(null, null, 0, null),
                new MockEnvironment().withProperty("govdata.exchange.providers.allow", "127.0.0.1:" + provider.port() + ",[::1]:" + provider.port()
                        + ",127.0.0.1:9"));
        client = new ProviderClient(new ExchangeProperties(null, null, 0, null, 0, null, null, null, null, null), credentials,
                addresses, meters);
    }

    @AfterEach
    void stop() {
        client.close();
        provider.stop();
    }

    private ProviderRegistration registration(String resourceId, long timeoutMillis, int maxConcurrent) {
        return new ProviderRegistration(resourceId, "PSB", ProviderRegistration.Mode.API,
                "http://127.0.0.1:" + provider.port() + "/people/{key}", null, timeoutMillis, "公民身份号码", List.of(), List.of(),
                maxConcurrent, List.of(), "psb-officer", Instant.now(), Instant.now(), 1L);
    }

    @Test
    void theConfiguredCredentialIsSentAsAuthorizationAndNeverForOtherResources() {
        provider.stubFor(get(urlEqualTo("/people/1")).willReturn(okJson("{\"a\":1}")));

        var reply = client.get(registration("101001-PSB-000001", 2_000, 8), URI.create(provider.baseUrl() + "/people/1"), "HRSS");
        client.get(registration("101001-PSB-000002", 2_000, 8), URI.create(provider.baseUrl() + "/people/1"), "HRSS");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(new String(reply.body())).isEqualTo("{\"a\":1}");
        provider.verify(1, getRequestedFor(urlEqualTo("/people/1")).withHeader("Authorization", equalTo("Bearer s3cr3t"))
                .withHeader("X-Consumer-Department", equalTo("HRSS")));
        provider.verify(1, getRequestedFor(urlEqualTo("/people/1")).withoutHeader("Authorization"));
    }

    @Test
    void aNotFoundIsAnAnswerNotAFailureAndAServerErrorIsABadGateway() {
        provider.stubFor(get(urlEqualTo("/people/missing")).willReturn(aResponse().withStatus(404)));
        provider.stubFor(get(urlEqualTo("/people/broken")).willReturn(aResponse().withStatus(503)));
        var registration = registration("R-404", 2_000, 8);

        assertThat(client.get(registration, URI.create(provider.baseUrl() + "/people/missing"), "HRSS").status()).isEqualTo(404);
        assertThatThrownBy(() -> client.get(registration, URI.create(provider.baseUrl() + "/people/broken"), "HRSS"))
                .isInstanceOfSatisfying(ExchangeException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(502);
                    assertThat(e.outcome()).isEqualTo(ExchangeException.Outcome.PROVIDER_ERROR);
                });
        // The 5xx was not retried: the provider saw the request.
        provider.verify(1, getRequestedFor(urlEqualTo("/people/broken")));
    }

    @Test
    void aConnectFailureIsRetriedOnceAndTheBreakerMetricsArePublished() {
        var registration = new ProviderRegistration("R-down", "PSB", ProviderRegistration.Mode.API,
                "http://127.0.0.1:9/people/{key}", null, 2_000, "k", List.of(), List.of(), 8, List.of(), "x", Instant.now(),
                Instant.now(), 1L);

        assertThatThrownBy(() -> client.get(registration, URI.create("http://127.0.0.1:9/people/1"), "HRSS"))
                .isInstanceOfSatisfying(ExchangeException.class, e -> assertThat(e.status().value()).isEqualTo(503));

        assertThat(meters.find("resilience4j.retry.calls").tag("name", "provider-R-down").tag("kind", "failed_with_retry")
                .functionCounter().count()).isEqualTo(1);
        assertThat(meters.find("resilience4j.circuitbreaker.state").tag("name", "provider-R-down").gauges()).isNotEmpty();
        assertThat(meters.find("resilience4j.bulkhead.available.concurrent.calls").tag("name", "provider-R-down").gauge())
                .isNotNull();
    }

    @Test
    void aChangedTimeoutOrConcurrencyReplacesTheLimiterAndBulkheadButKeepsTheBreaker() {
        provider.stubFor(get(urlEqualTo("/people/slow")).willReturn(okJson("{}").withFixedDelay(400)));
        var patient = registration("R-change", 2_000, 8);
        var hasty = registration("R-change", 150, 4);

        assertThat(client.get(patient, URI.create(provider.baseUrl() + "/people/slow"), "HRSS").status()).isEqualTo(200);
        assertThatThrownBy(() -> client.get(hasty, URI.create(provider.baseUrl() + "/people/slow"), "HRSS"))
                .isInstanceOfSatisfying(ExchangeException.class, e -> assertThat(e.status().value()).isEqualTo(504));
        assertThat(meters.find("resilience4j.bulkhead.max.allowed.concurrent.calls").tag("name", "provider-R-change").gauge().value())
                .isEqualTo(4);
    }

    @Test
    void aNameThatRebindsToLoopbackAfterTheFirstCallIsRefusedAndNoConnectionIsMadeToLoopback() throws Exception {
        // 127.0.0.2, named exactly on the allow-list, stands in for the provider's public address (no test
        // may send traffic off this machine); a listener on 127.0.0.1 at the same port counts every
        // connection made there. The name provider.example resolves only through the test's resolver.
        var publicProvider = new WireMockServer(options().port(0).bindAddress("127.0.0.2"));
        publicProvider.start();
        int port = publicProvider.port();
        var loopbackConnections = new AtomicInteger();
        try (var loopback = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
            loopback.setSoTimeout(100);
            Thread listener = new Thread(() -> {
                while (!loopback.isClosed()) {
                    try (var ignored = loopback.accept()) {
                        loopbackConnections.incrementAndGet();
                    } catch (SocketTimeoutException e) {
                        // keep listening
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            listener.start();
            var answers = new ArrayDeque<>(List.of("127.0.0.2", "127.0.0.1"));
            var lookups = new AtomicInteger();
            var rebinding = new cn.govdata.sharing.provider.ProviderAddresses(
                    new cn.govdata.sharing.provider.ProviderProperties(null, null, 0, null),
                    new MockEnvironment().withProperty("govdata.exchange.providers.allow", "127.0.0.2:" + port),
                    host -> {
                        lookups.incrementAndGet();
                        return new InetAddress[]{InetAddress.getByName(answers.isEmpty() ? "127.0.0.1" : answers.poll())};
                    });
            var rebindingClient = new ProviderClient(new ExchangeProperties(null, null, 0, null, 0, null, null, null, null, null),
                    new ProviderCredentials(new MockEnvironment()), rebinding, meters);
            try {
                publicProvider.stubFor(get(urlEqualTo("/people/1")).willReturn(okJson("{\"a\":1}")));
                var registration = new ProviderRegistration("R-rebind", "PSB", ProviderRegistration.Mode.API,
                        "http://provider.example:" + port + "/people/{key}", null, 2_000, "k", List.of(), List.of(), 8, List.of(),
                        "x", Instant.now(), Instant.now(), 1L);
                URI uri = URI.create("http://provider.example:" + port + "/people/1");

                assertThat(rebindingClient.get(registration, uri, "HRSS").status()).isEqualTo(200);
                assertThatThrownBy(() -> rebindingClient.get(registration, uri, "HRSS"))
                        .isInstanceOfSatisfying(ExchangeException.class, e -> {
                            assertThat(e.status().value()).isEqualTo(502);
                            assertThat(e.getMessage()).contains("127.0.0.1").contains("loopback");
                        });

                // One lookup per call, no second one behind the check; the host name still goes in the Host header.
                assertThat(lookups).hasValue(2);
                publicProvider.verify(1, getRequestedFor(urlEqualTo("/people/1"))
                        .withHeader("Host", equalTo("provider.example:" + port)));
                Thread.sleep(300);
                assertThat(loopbackConnections).hasValue(0);
            } finally {
                rebindingClient.close();
                loopback.close();
                listener.join(2_000);
            }
        } finally {
            publicProvider.stop();
        }
    }
}
