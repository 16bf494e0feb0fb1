package cn.govdata.system;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The running stack as a partner system sees it: the gateway, Keycloak's token endpoint and the
 * Kafka bootstrap address, read from {@code .govdata/endpoints.env} written by {@code ./govdata up}
 * (environment variables of the same names win).
 */
final class Stack {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Properties ENDPOINTS = load();

    private Stack() {
    }

    static String get(String name) {
        String value = System.getenv(name) != null ? System.getenv(name) : ENDPOINTS.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set: run ./govdata up first (it writes .govdata/endpoints.env)");
        }
        return value;
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("govdata"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Cannot find the repository root (the directory holding ./govdata)");
        }
        return dir;
    }

    private static Properties load() {
        Properties properties = new Properties();
        try {
            Path file = root().resolve(".govdata/endpoints.env");
            if (Files.exists(file)) {
                try (var reader = Files.newBufferedReader(file)) {
                    properties.load(reader);
                }
            }
        } catch (IOException | IllegalStateException e) {
            // Fall back to environment variables only.
        }
        return properties;
    }

    static String passwordToken(String username) {
        return token(Map.of("grant_type", "password", "client_id", get("PORTAL_CLIENT_ID"), "username", username,
                "password", get("DEMO_PASSWORD")));
    }

    static String clientToken(String clientId, String secret) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    private static String token(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        var response = send(HttpRequest.newBuilder(URI.create(get("KEYCLOAK_TOKEN_URL")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (response.status() != 200) {
            throw new IllegalStateException("Keycloak refused the token request: " + response.status() + " " + response.body());
        }
        return response.json().get("access_token").asString();
    }

    /**
     * Kafka client settings of the read-only {@code system-test} principal (SCRAM-SHA-512, password
     * per stack in endpoints.env; deploy/kafka/acls.tsv) on top of {@code settings}.
     */
    static Map<String, Object> kafka(Map<String, ?> settings) {
        Map<String, Object> config = new LinkedHashMap<>(settings);
        config.put("bootstrap.servers", get("KAFKA_BOOTSTRAP"));
        config.put("security.protocol", get("KAFKA_SECURITY_PROTOCOL"));
        config.put("sasl.mechanism", "SCRAM-SHA-512");
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + get("KAFKA_SYSTEM_TEST_USER") + "\" password=\"" + get("KAFKA_SYSTEM_TEST_PASSWORD") + "\";");
        return config;
    }

    /**
     * Kafka client settings of a county sub-platform: SASL/OAUTHBEARER with the client credentials it
     * has in Keycloak; the client fetches (and refreshes) the token itself, the broker checks it
     * against the realm's JWKS.
     */
    static Map<String, Object> countyKafka(String clientId, String secret, Map<String, ?> settings) {
        // Kafka 4 refuses to call a token endpoint that is not explicitly allowed.
        System.setProperty("org.apache.kafka.sasl.oauthbearer.allowed.urls", get("KAFKA_OAUTH_TOKEN_URL"));
        Map<String, Object> config = new LinkedHashMap<>(settings);
        config.put("bootstrap.servers", get("KAFKA_BOOTSTRAP"));
        config.put("security.protocol", get("KAFKA_SECURITY_PROTOCOL"));
        config.put("sasl.mechanism", "OAUTHBEARER");
        config.put("sasl.oauthbearer.token.endpoint.url", get("KAFKA_OAUTH_TOKEN_URL"));
        config.put("sasl.login.callback.handler.class",
                "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler");
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId=\""
                + clientId + "\" clientSecret=\"" + secret + "\";");
        return config;
    }

    static Response call(String method, String path, String token, String body) {
        return call(method, path, token, body, Map.of());
    }

    /** A call with extra request headers, e.g. the exchange's {@code X-Purpose}. */
    static Response call(String method, String path, String token, String body, Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(URI.create(get("GATEWAY_URL") + path)).timeout(Duration.ofSeconds(30));
        headers.forEach(builder::header);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        // A well-behaved partner system honours 429 + Retry-After instead of failing.
        Response response = send(builder);
        for (int attempt = 0; response.status() == 429 && attempt < 5; attempt++) {
            pause(Math.min(5, Long.parseLong(response.headers().getOrDefault("retry-after", "1"))));
            response = send(builder);
        }
        return response;
    }

    private static void pause(long seconds) {
        try {
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A multipart/form-data upload of one file, as a browser or partner system sends it. */
    static Response multipart(String path, String token, String field, String filename, String contentType, byte[] content) {
        String boundary = "govdata-" + java.util.UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(get("GATEWAY_URL") + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            return new Response(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        @Override
        public String toString() {
            return status + " " + headers.get("content-type") + " " + body;
        }
    }

    /** Runs a ./govdata subcommand, e.g. restarting one service, and fails the test if it fails. */
    static void govdata(String... args) {
        govdata(Map.of(), args);
    }

    /** Runs a ./govdata subcommand with extra environment, e.g. GOVDATA_JURISDICTION for a restart. */
    static void govdata(Map<String, String> environment, String... args) {
        var command = new java.util.ArrayList<String>();
        command.add(root().resolve("govdata").toString());
        command.addAll(java.util.List.of(args));
        try {
            var builder = new ProcessBuilder(command).directory(root().toFile()).inheritIO();
            builder.environment().putAll(environment);
            Process process = builder.start();
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("./govdata " + String.join(" ", args) + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
