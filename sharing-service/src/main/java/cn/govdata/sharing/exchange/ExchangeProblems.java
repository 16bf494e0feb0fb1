package cn.govdata.sharing.exchange;

import cn.govdata.platform.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The platform's problem handler cannot set headers; throttled and provider-failure answers need
 * {@code Retry-After}. Ordered first and limited to the exchange's controller, so everything else
 * still goes through the platform handler.
 */
@RestControllerAdvice(assignableTypes = ExchangeController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ExchangeProblems {

    @ExceptionHandler(ExchangeException.class)
    ResponseEntity<ProblemDetail> exchange(ExchangeException e) {
        ProblemDetail problem = Problems.of(e.status(), e.slug(), e.title(), e.getMessage());
        e.properties().forEach(problem::setProperty);
        var response = ResponseEntity.status(e.status());
        if (e.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
        }
        return response.body(problem);
    }
}
