package cn.govdata.platform.problem;

import cn.govdata.events.Topics;
import cn.govdata.platform.deadline.StarterTestApplication;
import cn.govdata.platform.security.GovdataSecurityAutoConfiguration;
import cn.govdata.platform.test.InMemoryWireStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Malformed input on a real servlet container answers 4xx problems, never 500. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "govdata.kafka.partitions=1",
        "spring.application.name=starter-test",
        "govdata.api-base=/api/test",
        "govdata.directory.replica.enabled=false",
        "spring.servlet.multipart.max-file-size=2KB",
        "spring.servlet.multipart.max-request-size=4KB",
        "govdata.privacy.pseudonym-key=dGVzdC1wc2V1ZG9ueW0ta2V5LWZvci10ZXN0cy0zMmI="})
@EmbeddedKafka(partitions = 1, topics = {Topics.CATALOG, Topics.DEADLINES})
@ContextConfiguration(classes = StarterTestApplication.class, initializers = InMemoryWireStore.class)
@Import(MalformedInputTest.Endpoints.class)
class MalformedInputTest {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String multipart(String boundary, String content) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
    }

    @Test
    void aNulALineBreakOrAnyControlCharacterInAQueryParameterIsA400NamingTheParameter() throws Exception {
        for (String q : List.of("%00", "a%0Ab", "x%7F", "%1B%5B2J")) {
            var response = get("/api/test/hygiene/search?page=1&q=" + q);
            assertThat(response.statusCode()).as(q).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
            assertThat(response.body()).as(q).contains("\"field\":\"q\"");
        }
        assertThat(get("/api/test/hygiene/search?q%00=x").body()).contains("\"field\":\"query\"");
        var fine = get("/api/test/hygiene/search?q=%E4%BC%81%E4%B8%9A+%E7%99%BB%E8%AE%B0");
        assertThat(fine.statusCode()).isEqualTo(200);
        assertThat(fine.body()).isEqualTo("企业 登记");
    }

    @Test
    void aGarbageMultipartBodyOnAnUploadEndpointIsA400Problem() throws Exception {
        var garbage = post("/api/test/hygiene/upload", "multipart/form-data; boundary=xyz", "\u0000garbage--xyz no parts");
        var noBoundary = post("/api/test/hygiene/upload", "multipart/form-data", multipart("xyz", "a,b"));
        var truncated = post("/api/test/hygiene/upload", "multipart/form-data; boundary=xyz",
                "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nabc");

        for (var response : List.of(garbage, noBoundary, truncated)) {
            assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
            assertThat(response.body()).contains("https://govdata.cn/problems/");
        }
        assertThat(post("/api/test/hygiene/upload", "multipart/form-data; boundary=xyz", multipart("xyz", "a,b")).body())
                .isEqualTo("3");
    }

    @Test
    void anUploadAboveTheMultipartLimitIsA413Problem() throws Exception {
        var response = post("/api/test/hygiene/upload", "multipart/form-data; boundary=xyz", multipart("xyz", "x".repeat(3000)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("https://govdata.cn/problems/");
    }

    @Test
    void aMultipartBodySentToAJsonEndpointIsNeverParsed() throws Exception {
        var response = post("/api/test/hygiene/json", "multipart/form-data; boundary=xyz", "garbage");

        assertThat(response.statusCode()).isEqualTo(415);
    }

    @TestConfiguration
    static class Endpoints {

        @Bean
        GovdataSecurityAutoConfiguration.AnonymousPaths hygieneEndpoints() {
            return new GovdataSecurityAutoConfiguration.AnonymousPaths(List.of("/api/test/hygiene/**"));
        }

        @Bean
        HygieneController hygieneController() {
            return new HygieneController();
        }
    }

    @RestController
    static class HygieneController {

        @GetMapping(value = "/api/test/hygiene/search", produces = "text/plain;charset=UTF-8")
        String search(@RequestParam String q) {
            return q;
        }

        @PostMapping(value = "/api/test/hygiene/upload", produces = "text/plain")
        String upload(@RequestPart("file") MultipartFile file) {
            return Long.toString(file.getSize());
        }

        @PostMapping("/api/test/hygiene/json")
        Map<String, Object> json(@RequestBody Map<String, Object> body) {
            return body;
        }
    }
}
