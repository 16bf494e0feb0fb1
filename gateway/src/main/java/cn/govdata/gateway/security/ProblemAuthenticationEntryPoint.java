package cn.govdata.gateway.security;

import cn.govdata.gateway.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401 (or 400 for a malformed Authorization header) as a problem body, with the RFC 6750
 * challenge Spring's own entry point would send, so OAuth clients still learn why a token failed.
 */
final class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    private static final String REALM = "govdata";

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException exception) {
        OAuth2Error error = exception instanceof OAuth2AuthenticationException oauth2 ? oauth2.getError() : null;
        HttpStatusCode status = error instanceof BearerTokenError bearer ? bearer.getHttpStatus() : HttpStatus.UNAUTHORIZED;
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge(error));
        String detail = error == null
                ? "A valid bearer token from the govdata realm is required"
                : "The bearer token was refused: " + describe(error);
        return Problems.write(exchange, Problems.of(status, "unauthorized", "Authentication required", detail));
    }

    private static String challenge(OAuth2Error error) {
        StringBuilder challenge = new StringBuilder("Bearer realm=\"" + REALM + "\"");
        if (error != null) {
            challenge.append(", error=\"").append(quotable(error.getErrorCode())).append('"');
            if (error.getDescription() != null) {
                challenge.append(", error_description=\"").append(quotable(error.getDescription())).append('"');
            }
            if (error.getUri() != null) {
                challenge.append(", error_uri=\"").append(quotable(error.getUri())).append('"');
            }
        }
        return challenge.toString();
    }

    private static String describe(OAuth2Error error) {
        return error.getDescription() != null ? error.getDescription() : error.getErrorCode();
    }

    // Token contents can surface in the description; keep the header a single, well-formed line.
    private static String quotable(String value) {
        return value.replaceAll("[\"\\\\\\p{Cntrl}]", "'");
    }
}
