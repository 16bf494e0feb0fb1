package cn.govdata.gateway;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.hamcrest.Matchers.containsString;

/** The 工作台 console's files through the gateway: public, a single page, cached by what can change. */
class ConsoleServingTest extends GatewayTestSupport {

    static final Path dist = builtConsole();

    @DynamicPropertySource
    static void consoleDirectory(DynamicPropertyRegistry registry) {
        registry.add("govdata.console.directory", dist::toString);
    }

    /** The first file read after start-up can take seconds on a busy machine; the default 5 s is not about this feature. */
    @BeforeEach
    void patientClient() {
        client = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void theConsolePageNeedsNoTokenAndIsRevalidatedOnEveryLoad() {
        client.get().uri("/console/")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().value(HttpHeaders.CACHE_CONTROL, containsString("no-cache"))
                .expectBody(String.class).value(containsString("<div id=\"app\">"));
    }

    @Test
    void theConsoleMayRunOnlyItsOwnScriptsAndTalkOnlyToTheGatewayAndKeycloak() {
        String keycloak = backend.baseUrl();
        client.get().uri("/console/")
                .exchange()
                .expectHeader().value("Content-Security-Policy", containsString("script-src 'self';"))
                .expectHeader().value("Content-Security-Policy", containsString("connect-src 'self' " + keycloak + ";"))
                .expectHeader().value("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        client.get().uri("/api/catalog/deadlines").exchange()
                .expectHeader().doesNotExist("Content-Security-Policy");
    }

    @Test
    void aClientRouteAnswersThePageSoAReloadWorks() {
        client.get().uri("/console/review/320100-PSB-00001")
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(containsString("<div id=\"app\">"));
    }

    @Test
    void hashedAssetsAreCachedForAYear() {
        client.get().uri("/console/assets/index-3f2a9c.js")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().value(HttpHeaders.CACHE_CONTROL, containsString("max-age=31536000"))
                .expectHeader().value(HttpHeaders.CACHE_CONTROL, containsString("immutable"));
    }

    @Test
    void aMissingFileIsNotFoundRatherThanThePage() {
        client.get().uri("/console/assets/gone-000000.js").exchange().expectStatus().isNotFound();
    }

    @Test
    void theBarePathRedirectsToTheConsole() {
        client.get().uri("/console")
                .exchange()
                .expectStatus().isEqualTo(301)
                .expectHeader().location("/console/");
    }

    @Test
    void theConsoleLearnsWhereToSignInFromTheGateway() {
        client.get().uri("/console/config.json")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.authority").isEqualTo(backend.baseUrl() + ISSUER_PATH)
                .jsonPath("$.clientId").isEqualTo("govdata-console");
    }

    @Test
    void writingUnderTheConsolePathStillNeedsAToken() {
        client.post().uri("/console/").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void theApisBehindTheConsoleStillNeedAToken() {
        client.get().uri("/api/catalog/deadlines").exchange().expectStatus().isUnauthorized();
    }

    private static Path builtConsole() {
        try {
            Path dir = Files.createTempDirectory("console-dist");
            Files.createDirectories(dir.resolve("assets"));
            Files.writeString(dir.resolve("index.html"), "<!doctype html><html><body><div id=\"app\"></div></body></html>");
            Files.writeString(dir.resolve("assets/index-3f2a9c.js"), "console.log('工作台')");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
