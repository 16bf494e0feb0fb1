package cn.govdata.gateway.requestid;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an {@code X-Request-Id}, sends it to the service and back to the caller, so
 * one id finds a request in the gateway's log and in every service's log. Runs first, so even a
 * 401 from the security chain or a 404 without a route carries it.
 */
@Component
public final class RequestIds implements WebFilter, Ordered {

    public static final String HEADER = "X-Request-Id";

    // Kept as exchange attributes: security and routing hand later filters copies of the exchange,
    // and only the attribute map is shared by all of them.
    private static final String ID = RequestIds.class.getName() + ".id";
    private static final String PATH = RequestIds.class.getName() + ".path";

    // Anything a client sends ends up in logs and downstream headers: accept only short, plain
    // tokens (the same rule the services apply).
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String given = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = given != null && ACCEPTABLE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        exchange.getAttributes().put(ID, id);
        exchange.getAttributes().put(PATH, exchange.getRequest().getPath().value());

        ServerHttpResponse response = exchange.getResponse();
        // Set at commit rather than now: the service echoes the header too, and copying its
        // response headers would otherwise leave two values.
        response.beforeCommit(() -> {
            response.getHeaders().set(HEADER, id);
            return Mono.empty();
        });
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> headers.set(HEADER, id)).build();
        return chain.filter(exchange.mutate().request(request).build());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** This request's id, or null if the request never passed the filter. */
    public static String of(ServerWebExchange exchange) {
        return exchange.getAttribute(ID);
    }

    /** The path the caller asked for, even after a circuit breaker forwarded the request to a fallback. */
    public static String originalPath(ServerWebExchange exchange) {
        return exchange.getAttributeOrDefault(PATH, exchange.getRequest().getPath().value());
    }
}
