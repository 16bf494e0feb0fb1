package cn.govdata.gateway.fallback;

import cn.govdata.gateway.problem.Problems;
import cn.govdata.gateway.accesslog.LoggablePaths;
import cn.govdata.gateway.requestid.RequestIds;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.swagger.v3.oas.annotations.Hidden;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Where each route's circuit breaker forwards a failed call (service down, no instance registered,
 * too slow, circuit open): a 503 problem that names the service, instead of a bare 500 or a hung
 * connection.
 */
@Hidden
@RestController
class FallbackController {

    private static final Logger log = LoggerFactory.getLogger(FallbackController.class);
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9-]{1,64}");

    private final FallbackProperties properties;

    FallbackController(FallbackProperties properties) {
        this.properties = properties;
    }

    @RequestMapping("/fallback/{service}")
    Mono<Void> serviceUnavailable(@PathVariable String service, ServerWebExchange exchange) {
        if (!SERVICE_NAME.matcher(service).matches()) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        log.warn("{} unavailable for {} [requestId={}]: {}", service, LoggablePaths.of(RequestIds.originalPath(exchange)),
                RequestIds.of(exchange), cause == null ? "no cause recorded" : cause.toString());

        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                "Service unavailable", reason(service, cause));
        problem.setProperty("service", service);
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER,
                String.valueOf(Math.max(1, properties.retryAfter().toSeconds())));
        return Problems.write(exchange, problem);
    }

    private static String reason(String service, Throwable cause) {
        if (cause instanceof CallNotPermittedException) {
            return service + " has been failing and is not being called for a while";
        }
        if (cause instanceof TimeoutException) {
            return service + " did not answer in time";
        }
        return service + " is unavailable right now";
    }
}
