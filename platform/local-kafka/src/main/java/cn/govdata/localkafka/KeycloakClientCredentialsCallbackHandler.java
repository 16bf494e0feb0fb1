package cn.govdata.localkafka;

import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallback;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler;
import org.apache.kafka.common.security.plain.PlainAuthenticateCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SASL/PLAIN for clients without an OAuth flow (Debian 12's kcat: librdkafka 2.0.2, built without
 * libcurl, and whose SCRAM fails against Kafka 4 brokers): the user name and password are a
 * Keycloak client id and secret. The broker exchanges them for a token with the client-credentials
 * grant and accepts the connection only if Kafka's own OAUTHBEARER validator accepts that token
 * (signature against the realm's JWKS, issuer, audience govdata-kafka) and the token's principal
 * (azp) is the client named. So the principal, User:county-pukou, and its ACLs are the same as with
 * OAUTHBEARER, and no second password exists for a county.
 *
 * <p>JAAS option {@code tokenEndpointUrl}; the validator reads the broker's
 * {@code sasl.oauthbearer.*} settings. The secret crosses the wire as with any PLAIN login, so only
 * over TLS outside a loopback development stack. The token request runs on the broker's network
 * thread that authenticates the connection (at most 10 s if Keycloak hangs); counties connect
 * rarely and keep their connections, so nothing is cached.
 *
 * <p>A JAAS option {@code user_<name>="<password>"} (the syntax of Kafka's own PLAIN handler) names a
 * local principal that is not a Keycloak client: the local stack's read-only {@code system-test}
 * principal, so kcat can read internal topics by hand with the same rights as the system tests.
 */
public class KeycloakClientCredentialsCallbackHandler implements AuthenticateCallbackHandler {

    private static final Logger log = LoggerFactory.getLogger(KeycloakClientCredentialsCallbackHandler.class);
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final OAuthBearerValidatorCallbackHandler validator = new OAuthBearerValidatorCallbackHandler();
    private URI tokenEndpoint;
    private Map<String, String> localUsers = Map.of();

    @Override
    public void configure(Map<String, ?> configs, String saslMechanism, List<AppConfigurationEntry> jaasConfigEntries) {
        Object url = jaasConfigEntries.stream().map(e -> e.getOptions().get("tokenEndpointUrl"))
                .filter(v -> v != null).findFirst().orElse(null);
        if (url == null) {
            throw new IllegalArgumentException("JAAS option tokenEndpointUrl is required for " + getClass().getSimpleName());
        }
        tokenEndpoint = URI.create(url.toString());
        Map<String, String> users = new HashMap<>();
        jaasConfigEntries.forEach(e -> e.getOptions().forEach((key, value) -> {
            if (key.startsWith("user_") && value != null) {
                users.put(key.substring("user_".length()), value.toString());
            }
        }));
        localUsers = Map.copyOf(users);
        validator.configure(configs, OAuthBearerLoginModule.OAUTHBEARER_MECHANISM, List.of(new AppConfigurationEntry(
                OAuthBearerLoginModule.class.getName(), AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of())));
    }

    @Override
    public void handle(Callback[] callbacks) throws IOException, UnsupportedCallbackException {
        String username = null;
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback name) {
                username = name.getDefaultName();
            } else if (callback instanceof PlainAuthenticateCallback plain) {
                plain.authenticated(username != null && authenticate(username, new String(plain.password())));
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    private boolean authenticate(String clientId, String secret) throws IOException, UnsupportedCallbackException {
        String local = localUsers.get(clientId);
        if (local != null) {
            return MessageDigest.isEqual(local.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
        }
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        Matcher token = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            log.info("Keycloak refused client credentials of {} ({})", clientId, response.statusCode());
            return false;
        }
        var validation = new OAuthBearerValidatorCallback(token.group(1));
        validator.handle(new Callback[] {validation});
        if (validation.token() == null) {
            log.info("Token of {} refused: {}", clientId, validation.errorStatus());
            return false;
        }
        return clientId.equals(validation.token().principalName());
    }

    @Override
    public void close() {
        validator.close();
    }
}
