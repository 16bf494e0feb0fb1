package cn.govdata.gateway.ratelimit;

import cn.govdata.gateway.security.Callers;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;

/**
 * Rate-limit key: the token's client id and subject (one bucket per partner system, one per
 * person signed in through the shared portal client), or the caller's address for anonymous
 * open-data downloads. The address is the TCP peer, not X-Forwarded-For, which any client can forge.
 */
final class ClientKeyResolver implements KeyResolver {

    @Override
    public Mono<String> resolve(ServerWebExchange exchange) {
        String clientId = Callers.clientId(exchange);
        if (!Callers.ANONYMOUS.equals(clientId)) {
            return Mono.just("client:" + clientId + ":" + Callers.subject(exchange));
        }
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String address = remote == null ? "unknown"
                : remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
        return Mono.just("ip:" + address);
    }
}
