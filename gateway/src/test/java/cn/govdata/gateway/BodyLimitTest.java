package cn.govdata.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/** Request bodies are bounded at the edge: 1 MB for JSON, more on upload endpoints, multipart only there. */
class BodyLimitTest extends GatewayTestSupport {

    static final String TOKEN = tokens.forClient("psb-system");

    static byte[] bytes(int n) {
        byte[] body = new byte[n];
        java.util.Arrays.fill(body, (byte) 'a');
        return body;
    }

    @Test
    void aJsonBodyAboveOneMegabyteIsA413ProblemAndNeverReachesTheService() {
        backend.stubFor(post(urlPathMatching("/api/catalog/.*")).willReturn(aResponse().withStatus(201).withBody("{}")));

        client.post().uri("/api/catalog/entries")
                .headers(h -> h.setBearerAuth(TOKEN))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(bytes(1024 * 1024 + 1))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.maxSize").isEqualTo("1 MB");
        backend.verify(0, postRequestedFor(urlPathMatching("/api/catalog/.*")));

        client.post().uri("/api/catalog/entries")
                .headers(h -> h.setBearerAuth(TOKEN))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"x\"}")
                .exchange()
                .expectStatus().isCreated();
    }

    @Test
    void aBodyWithoutContentLengthIsCountedAndCutAtTheLimit() {
        backend.stubFor(post(urlPathMatching("/api/catalog/.*")).willReturn(aResponse().withStatus(201).withBody("{}")));
        Flux<DataBuffer> chunks = Flux.range(0, 40)
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(bytes(64 * 1024)));

        client.post().uri("/api/catalog/entries")
                .headers(h -> h.setBearerAuth(TOKEN))
                .contentType(MediaType.APPLICATION_JSON)
                .body(chunks, DataBuffer.class)
                .exchange()
                .expectStatus().isEqualTo(413);
    }

    @Test
    void uploadEndpointsTakeLargerMultipartBodiesAndOnlyTheyTakeMultipart() {
        backend.stubFor(post(urlPathMatching("/api/catalog/entries/import")).willReturn(aResponse().withStatus(201).withBody("{}")));
        backend.stubFor(post(urlPathMatching("/api/catalog/entries")).willReturn(aResponse().withStatus(201).withBody("{}")));
        String boundary = "b0undary";
        byte[] twoMegabytes = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n"
                + "a".repeat(2 * 1024 * 1024) + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);

        client.post().uri("/api/catalog/entries/import")
                .headers(h -> h.setBearerAuth(TOKEN))
                .contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + boundary))
                .bodyValue(twoMegabytes)
                .exchange()
                .expectStatus().isCreated();
        client.post().uri("/api/catalog/entries/import")
                .headers(h -> h.setBearerAuth(TOKEN))
                .contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + boundary))
                .bodyValue(bytes(13 * 1024 * 1024))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.maxSize").isEqualTo("12 MB");
        client.post().uri("/api/catalog/entries")
                .headers(h -> h.setBearerAuth(TOKEN))
                .contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + boundary))
                .bodyValue("--" + boundary + "--\r\n")
                .exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        backend.verify(1, postRequestedFor(urlPathMatching("/api/catalog/.*")));
    }
}
