package cn.govdata.gateway.accesslog;

import cn.govdata.gateway.problem.Problems;
import cn.govdata.gateway.requestid.RequestIds;
import cn.govdata.gateway.security.Callers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * One line per request: method, path (record keys masked, see {@link LoggablePaths}), status, duration,
 * request id and calling client. Reactor
 * hops threads, so a request-wide MDC would leak between requests; the id is put into the MDC only
 * around this line, for log encoders that read it from there.
 */
@Component
class AccessLog implements WebFilter, Ordered {

    static final String MDC_REQUEST_ID = "requestId";

    private static final Logger log = LoggerFactory.getLogger("cn.govdata.gateway.access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long started = System.nanoTime();
        String method = exchange.getRequest().getMethod().name();
        String path = LoggablePaths.of(exchange.getRequest().getPath().value());
        return chain.filter(exchange)
                .doOnError(error -> write(exchange, method, path, started, statusAfter(exchange, error)))
                .doFinally(signal -> {
                    if (signal != SignalType.ON_ERROR) {
                        write(exchange, method, path, started, exchange.getResponse().getStatusCode());
                    }
                });
    }

    @Override
    public int getOrder() {
        // Right after the request id is assigned, so every other filter's time is included.
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    // The exception handler runs after this filter has seen the error, so the status it will
    // answer with is derived the same way here.
    private static HttpStatusCode statusAfter(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        return response.isCommitted() ? response.getStatusCode() : Problems.statusFor(error);
    }

    private static void write(ServerWebExchange exchange, String method, String path, long started,
            HttpStatusCode status) {
        if (!log.isInfoEnabled()) {
            return;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        String requestId = RequestIds.of(exchange);
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_REQUEST_ID, requestId)) {
            log.info("{} {} {} {}ms requestId={} client={}", method, path,
                    status != null ? status.value() : "-", millis, requestId, Callers.clientId(exchange));
        }
    }
}
