package cn.govdata.gateway.problem;

import cn.govdata.gateway.accesslog.LoggablePaths;
import cn.govdata.gateway.requestid.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Answers every error that escapes routing (no route, no instance, unreachable service, bugs) as a
 * problem body. Ordered before Boot's default handler (-1), which would answer plain JSON.
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        HttpStatusCode status = Problems.statusFor(error);
        if (status.is5xxServerError()) {
            log.warn("{} {} failed with {} [requestId={}]", exchange.getRequest().getMethod(),
                    LoggablePaths.of(RequestIds.originalPath(exchange)), status.value(), RequestIds.of(exchange), error);
        }
        exchange.getResponse().getHeaders().clearContentHeaders();
        return Problems.write(exchange, Problems.of(status, detail(error, status)));
    }

    // Only messages written for clients go out; anything else could leak hosts or internals.
    private static String detail(Throwable error, HttpStatusCode status) {
        if (status.value() == HttpStatus.NOT_FOUND.value()) {
            return "Nothing is served at this path";
        }
        if (error instanceof ResponseStatusException statusException && statusException.getReason() != null
                && status.is4xxClientError()) {
            return statusException.getReason();
        }
        if (status.value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            return "The service behind this path is unavailable right now";
        }
        if (status.value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
            return "The service behind this path did not answer in time";
        }
        if (status.is4xxClientError()) {
            return "The request cannot be processed";
        }
        return "The gateway failed to process the request";
    }
}
