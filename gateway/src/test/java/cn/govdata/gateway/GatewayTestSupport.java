package cn.govdata.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The gateway with its real routes, no Eureka: the load balancer finds services through Spring
 * Cloud's simple discovery client instead. One WireMock server stands in for the domain services
 * and for Keycloak's certs endpoint; audit-service points at a closed port and objection-service
 * has no instance at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "resilience4j.timelimiter.configs.default.timeout-duration=3s"})
@AutoConfigureWebTestClient
abstract class GatewayTestSupport {

    static final String ISSUER_PATH = "/realms/govdata";
    static final WireMockServer backend = startBackend();
    static final int closedPort = closedPort();
    static final TestTokens tokens = new TestTokens(backend.baseUrl() + ISSUER_PATH);
    /** Operators' rate limits go here, never into the working directory. */
    static final Path rateLimitsFile = temporaryDirectory().resolve("rate-limits.json");

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void servicesLiveOnTheBackend(DynamicPropertyRegistry registry) {
        registry.add("govdata.security.issuer", () -> backend.baseUrl() + ISSUER_PATH);
        registry.add("govdata.gateway.rate-limit.overrides-file", rateLimitsFile::toString);
        for (String service : new String[] {"catalog-service", "sharing-service", "open-data-service"}) {
            registry.add("spring.cloud.discovery.client.simple.instances." + service + "[0].uri", backend::baseUrl);
        }
        registry.add("spring.cloud.discovery.client.simple.instances.audit-service[0].uri",
                () -> "http://127.0.0.1:" + closedPort);
    }

    @BeforeEach
    void keycloakServesItsKeys() {
        backend.resetAll();
        backend.stubFor(get(ISSUER_PATH + "/protocol/openid-connect/certs").willReturn(okJson(tokens.jwks())));
    }

    private static WireMockServer startBackend() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return server;
    }

    private static Path temporaryDirectory() {
        try {
            Path directory = Files.createTempDirectory("gateway-test");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
