package cn.govdata.gateway;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

import com.sun.net.httpserver.HttpServer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files and exports stream through the gateway for as long as they take, while ordinary routes
 * keep their time limit (3 s in these tests, 10 s in production). On an ordinary route the circuit
 * breaker first holds the whole request body, then its time limit runs from forwarding until the
 * service's response headers: it cuts a service slow to start answering (an export being prepared,
 * a large upload being processed), not a response body already streaming. A transfer route has no
 * circuit breaker, streams both ways and still gives up on a service that does not start
 * answering (here after 8 s).
 */
@TestPropertySource(properties = {
        "govdata.gateway.transfers.download-response-timeout=8000",
        "govdata.gateway.transfers.upload-response-timeout=20000",
        // Out of the way: these requests are about time, not about rates.
        "govdata.gateway.rate-limit.replenish-rate=1000",
        "govdata.gateway.rate-limit.burst-capacity=1000"})
class TransferRoutesTest extends GatewayTestSupport {

    static final String TOKEN = tokens.forClient("psb-system");
    static final int SLOW_BODY = 4 * 1024 * 1024;
    // Longer than the 3 s time limit of ordinary routes.
    static final int SLOW_MILLIS = 5_000;

    record Received(HttpStatus status, long bytes, Throwable error) {
    }

    /**
     * objection-service (which has no instance in the other gateway tests) here reads each request body whole before it answers, as a service taking
     * an upload does (WireMock answers as soon as the headers are in), says how much it got, notes
     * when each request began to arrive and, given {@code ?processMillis=}, takes that long to answer.
     */
    static final Map<String, Instant> requestStarted = new ConcurrentHashMap<>();
    static final HttpServer uploads = startUploadService();

    @DynamicPropertySource
    static void objectionServiceTakesUploads(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.objection-service[0].uri",
                () -> "http://127.0.0.1:" + uploads.getAddress().getPort());
    }

    private static HttpServer startUploadService() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                requestStarted.put(exchange.getRequestURI().getPath(), Instant.now());
                long received;
                try (InputStream body = exchange.getRequestBody()) {
                    received = body.transferTo(OutputStream.nullOutputStream());
                }
                String query = exchange.getRequestURI().getQuery();
                if (query != null && query.startsWith("processMillis=")) {
                    try {
                        Thread.sleep(Long.parseLong(query.substring("processMillis=".length())));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                byte[] answer = ("{\"received\":" + received + "}").getBytes(StandardCharsets.US_ASCII);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(201, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void a_download_on_a_transfer_route_streams_past_the_route_time_limit() {
        backend.stubFor(get("/api/open-data/public/datasets/D1/download").willReturn(slowBody()));

        long started = System.nanoTime();
        Received received = receive("/api/open-data/public/datasets/D1/download");

        assertThat(received.error()).isNull();
        assertThat(received.status()).isEqualTo(HttpStatus.OK);
        assertThat(received.bytes()).isEqualTo(SLOW_BODY);
        // Not a speed goal: proof that the transfer outlasted the limit an ordinary route has.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(3));
    }

    @Test
    void a_download_the_service_starts_after_the_route_time_limit_is_served_on_a_transfer_route() {
        backend.stubFor(get("/api/catalog/entries/export").willReturn(lateAnswer()));
        slowClient().get().uri("/api/catalog/entries/export")
                .headers(h -> h.setBearerAuth(TOKEN))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("id,name\n");
    }

    @Test
    void the_same_late_answer_on_an_ordinary_route_is_cut_at_the_time_limit() {
        backend.stubFor(get("/api/catalog/entries/E1").willReturn(lateAnswer()));

        slowClient().get().uri("/api/catalog/entries/E1")
                .headers(h -> h.setBearerAuth(TOKEN))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody().jsonPath("$.detail").isEqualTo("catalog-service did not answer in time");
    }

    @Test
    void a_transfer_route_whose_service_does_not_start_answering_fails_fast_with_a_504_problem() {
        backend.stubFor(get("/api/catalog/entries/export").willReturn(aResponse().withFixedDelay(12_000).withBody("late")));

        slowClient().get().uri("/api/catalog/entries/export")
                .headers(h -> h.setBearerAuth(TOKEN))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    /**
     * The first call to a service builds its load-balancer context, seconds on a slow machine,
     * blocking the request meanwhile; the timed requests below must not include that.
     */
    @BeforeEach
    void eachServiceHasBeenCalledBefore() {
        client.post().uri("/api/objections/cases/C0/decision")
                .headers(h -> h.setBearerAuth(TOKEN))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus().isCreated();
        for (String path : new String[] {"/api/catalog/entries/E0", "/api/open-data/public/datasets/D0/records"}) {
            backend.stubFor(get(path).willReturn(okJson("{}")));
            client.get().uri(path).headers(h -> h.setBearerAuth(TOKEN)).exchange().expectStatus().isOk();
        }
    }

    @Test
    void an_upload_on_a_transfer_route_reaches_the_service_while_it_is_still_being_sent_and_arrives_whole() {
        AtomicReference<Instant> lastChunkSent = new AtomicReference<>();

        slowClient().post().uri("/api/objections/cases")
                .headers(h -> h.setBearerAuth(TOKEN))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(slowUpload(40, 64 * 1024).doOnComplete(() -> lastChunkSent.set(Instant.now())), DataBuffer.class)
                .exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.received").isEqualTo(40 * 64 * 1024);

        assertThat(requestStarted.get("/api/objections/cases")).isBefore(lastChunkSent.get());
    }

    /**
     * Why uploads need their own routes: a route with a circuit breaker holds the whole request body
     * in the gateway before forwarding it (so that its fallback could forward it again).
     */
    @Test
    void an_upload_on_an_ordinary_route_is_held_by_the_gateway_until_it_is_complete() {
        AtomicReference<Instant> lastChunkSent = new AtomicReference<>();

        slowClient().post().uri("/api/objections/cases/C1/decision")
                .headers(h -> h.setBearerAuth(TOKEN))
                .contentType(MediaType.APPLICATION_JSON)
                .body(slowUpload(40, 16 * 1024).doOnComplete(() -> lastChunkSent.set(Instant.now())), DataBuffer.class)
                .exchange()
                .expectStatus().isCreated();

        assertThat(requestStarted.get("/api/objections/cases/C1/decision")).isAfter(lastChunkSent.get());
    }

    @Test
    void a_streamed_upload_over_its_limit_is_counted_as_it_passes_and_cut_with_a_413_problem() {
        // 28 MB without a Content-Length to an endpoint that takes 27 MB.
        Flux<DataBuffer> body = Flux.range(0, 28 * 16).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[64 * 1024]));

        slowClient().post().uri("/api/objections/cases")
                .headers(h -> h.setBearerAuth(TOKEN))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(body, DataBuffer.class)
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void an_upload_the_service_answers_after_the_route_time_limit_is_served_on_a_transfer_route() {
        slowClient().post().uri("/api/objections/cases?processMillis=" + SLOW_MILLIS)
                .headers(h -> h.setBearerAuth(TOKEN))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(new byte[256 * 1024])
                .exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.received").isEqualTo(256 * 1024);
    }

    @Test
    void the_same_slow_service_on_an_ordinary_route_is_cut_at_the_time_limit() {
        slowClient().post().uri("/api/objections/cases/C1/decision?processMillis=" + SLOW_MILLIS)
                .headers(h -> h.setBearerAuth(TOKEN))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(new byte[256 * 1024])
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody().jsonPath("$.detail").isEqualTo("objection-service did not answer in time");
    }

    private WebTestClient slowClient() {
        return client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** Headers after five seconds: longer than the ordinary routes' limit, shorter than the transfer routes'. */
    private static ResponseDefinitionBuilder lateAnswer() {
        return aResponse().withFixedDelay(SLOW_MILLIS).withHeader("Content-Type", "text/csv").withBody("id,name\n");
    }

    private static ResponseDefinitionBuilder slowBody() {
        return aResponse().withHeader("Content-Type", "text/csv").withBody(new byte[SLOW_BODY])
                .withChunkedDribbleDelay(50, SLOW_MILLIS);
    }

    /** Chunks sent over about five seconds, without a Content-Length, as a slow client sends a file. */
    private static Flux<DataBuffer> slowUpload(int chunks, int chunkSize) {
        return Flux.range(0, chunks).delayElements(Duration.ofMillis(SLOW_MILLIS / chunks))
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[chunkSize]));
    }

    /** Counts the body as it arrives instead of holding it. */
    private Received receive(String uri) {
        FluxExchangeResult<DataBuffer> result = slowClient().get().uri(uri)
                .headers(h -> h.setBearerAuth(TOKEN))
                .exchange()
                .returnResult(DataBuffer.class);
        AtomicLong bytes = new AtomicLong();
        Throwable error = null;
        try {
            result.getResponseBody().doOnNext(buffer -> {
                bytes.addAndGet(buffer.readableByteCount());
                DataBufferUtils.release(buffer);
            }).blockLast(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            error = e;
        }
        return new Received(HttpStatus.valueOf(result.getStatus().value()), bytes.get(), error);
    }
}
