package cn.govdata.gateway.security;

import org.springframework.core.Ordered;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.security.Principal;

/**
 * Which client system is calling: the token's {@code azp} (Keycloak's client id). Recorded once,
 * right behind the security chain, for the access log and the rate limiter; filters in front of
 * the chain cannot see the principal, only the exchange attributes.
 */
@Component
public final class Callers implements WebFilter, Ordered {

    public static final String ANONYMOUS = "anonymous";

    private static final String CLIENT_ID = Callers.class.getName() + ".clientId";
    private static final String SUBJECT = Callers.class.getName() + ".subject";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return exchange.getPrincipal()
                .doOnNext(principal -> {
                    exchange.getAttributes().put(CLIENT_ID, clientIdOf(principal));
                    exchange.getAttributes().put(SUBJECT, principal.getName());
                })
                .then(chain.filter(exchange));
    }

    @Override
    public int getOrder() {
        // Spring Security's chain runs at -100.
        return 0;
    }

    /** The calling client's id, or {@link #ANONYMOUS} for requests without a (valid) token. */
    public static String clientId(ServerWebExchange exchange) {
        return exchange.getAttributeOrDefault(CLIENT_ID, ANONYMOUS);
    }

    /**
     * Who within the client: the token subject. People share the portal client, so their limits
     * must not be one bucket; a partner system's service account has a single subject anyway.
     */
    public static String subject(ServerWebExchange exchange) {
        return exchange.getAttributeOrDefault(SUBJECT, ANONYMOUS);
    }

    private static String clientIdOf(Principal principal) {
        if (principal instanceof JwtAuthenticationToken token) {
            String azp = token.getToken().getClaimAsString("azp");
            if (azp != null && !azp.isBlank()) {
                return azp;
            }
            String clientId = token.getToken().getClaimAsString("client_id");
            if (clientId != null && !clientId.isBlank()) {
                return clientId;
            }
        }
        return principal.getName();
    }
}
