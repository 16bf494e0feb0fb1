package cn.govdata.system;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A malformed-input battery generated from the OpenAPI documents: every operation of every service
 * gets invalid JSON, bodies of the wrong type, a garbage multipart body, a NUL, a huge value and
 * nonsense in each path and query parameter, as the bureau (who passes most role checks, so the
 * input reaches the operation) and as a department officer. None may answer 5xx: a client's
 * mistake is a 4xx problem.
 */
class MalformedInputSystemTest {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String HUGE = "x".repeat(20_000);
    static final List<String> BAD_PATH_VALUES = List.of("%00", "a%0Ab", "x".repeat(4000), "-1", "..%2F..%2Fetc",
            "%E4%B8%AD%E6%96%87%F0%9F%98%80", "%20", "99999999999999999999999");
    static final List<String> BAD_QUERY_VALUES = List.of("%00", "%0D%0A", "-1", "99999999999999999999999", "abc",
            "x".repeat(8000), "%5B%5D%7B%7D", "2026-13-45T99:99:99Z", "true%27%22%3C");
    static final List<String> BAD_BODIES = List.of("{\"a\":", "[1,2,3]", "\"text\"", "12", "null",
            "{\"name\":" + "[".repeat(2000) + "]".repeat(2000) + "}", "{\"\u0000\":\"\u0000\"}",
            "{\"name\":\"" + HUGE + "\",\"code\":123,\"level\":[],\"region\":{}}");

    static OpenApiOperations operations;
    static Map<String, String> tokens;

    @BeforeAll
    static void load() {
        operations = OpenApiOperations.load();
        tokens = Map.of("bureau", Stack.passwordToken("bureau"), "psb-officer", Stack.passwordToken("psb-officer"));
    }

    record Failure(String caller, String request, int status, String body) {
        @Override
        public String toString() {
            return caller + " " + request + " -> " + status + " " + body.substring(0, Math.min(200, body.length()));
        }
    }

    static int send(String method, String pathAndQuery, String token, String contentType, byte[] body, List<Failure> failures,
                    String caller) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(Stack.get("GATEWAY_URL") + pathAndQuery)).timeout(Duration.ofSeconds(30));
        } catch (IllegalArgumentException notAUri) {
            return -1;
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<String> response;
            try {
                response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.net.http.HttpTimeoutException slow) {
                // The shared 2-core machine sometimes stalls a request for 30 s under this load; one retry tells a
                // stall from an operation that never answers.
                response = HTTP.send(request.timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString());
            }
            for (int attempt = 0; response.statusCode() == 429 && attempt < 10; attempt++) {
                Thread.sleep(1000);
                response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
            if (response.statusCode() >= 500) {
                failures.add(new Failure(caller, method + " " + abbreviate(pathAndQuery)
                        + (contentType == null ? "" : " [" + contentType + ": " + abbreviate(body == null ? "" : new String(body)) + "]"),
                        response.statusCode(), response.body()));
            }
            return response.statusCode();
        } catch (IOException e) {
            failures.add(new Failure(caller, method + " " + abbreviate(pathAndQuery), -1, e.toString()));
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 60) + "…(" + text.length() + " chars)…" + text.substring(text.length() - 20) : text;
    }

    @Test
    void noMalformedRequestToAnyOperationAnswers5xx() {
        List<Failure> failures = new ArrayList<>();
        int requests = 0;
        for (var entry : tokens.entrySet()) {
            String caller = entry.getKey();
            String token = entry.getValue();
            for (var op : operations.all()) {
                boolean hasPathParameters = op.path().contains("{");
                if (hasPathParameters) {
                    for (String value : BAD_PATH_VALUES) {
                        send(op.method(), op.path(value) + op.requiredQuery(), token, op.hasBody() ? "application/json" : null,
                                op.hasBody() ? "{}".getBytes() : null, failures, caller);
                        requests++;
                    }
                }
                String base = op.path("X1");
                for (var p : op.parameters()) {
                    if (!p.in().equals("query")) {
                        continue;
                    }
                    for (String value : BAD_QUERY_VALUES) {
                        String query = op.requiredQuery().replaceAll("([?&])" + p.name() + "=[^&]*", "$1");
                        String sep = query.isEmpty() ? "?" : (query.endsWith("&") || query.endsWith("?") ? "" : "&");
                        send(op.method(), base + query + sep + p.name() + "=" + value, token, null, null, failures, caller);
                        requests++;
                    }
                }
                send(op.method(), base + op.requiredQuery() + (op.requiredQuery().isEmpty() ? "?" : "&") + "unexpected%00=%00",
                        token, null, null, failures, caller);
                requests++;
                if (!op.method().equals("GET") && !op.method().equals("DELETE")) {
                    for (String body : BAD_BODIES) {
                        send(op.method(), base + op.requiredQuery(), token, "application/json",
                                body.getBytes(java.nio.charset.StandardCharsets.UTF_8), failures, caller);
                        requests++;
                    }
                    send(op.method(), base + op.requiredQuery(), token, "multipart/form-data; boundary=zz",
                            "--zz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n\u0000garbage".getBytes(), failures, caller);
                    send(op.method(), base + op.requiredQuery(), token, "multipart/form-data",
                            "no boundary at all".getBytes(), failures, caller);
                    send(op.method(), base + op.requiredQuery(), token, "text/plain", HUGE.getBytes(), failures, caller);
                    requests += 3;
                }
            }
        }
        System.out.println("Malformed-input battery: " + operations.all().size() + " operations, " + requests
                + " requests, " + failures.size() + " answered 5xx");
        failures.forEach(f -> System.out.println("  5xx: " + f));
        assertThat(failures).as("requests answered 5xx").isEmpty();
    }
}
