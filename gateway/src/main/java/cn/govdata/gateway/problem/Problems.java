package cn.govdata.gateway.problem;

import cn.govdata.gateway.requestid.RequestIds;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Builds and writes RFC 9457 problem bodies for everything the gateway answers itself, in the same
 * shape and with the same type URIs as the services, so a client parses one error format.
 */
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(slug));
        problem.setTitle(title);
        return problem;
    }

    /** A problem whose type and title follow from the status alone. */
    public static ProblemDetail of(HttpStatusCode status, String detail) {
        HttpStatus known = HttpStatus.resolve(status.value());
        String title = known != null ? known.getReasonPhrase() : "Error";
        return of(status, title.toLowerCase(Locale.ROOT).replace(' ', '-'), title, detail);
    }

    public static URI type(String slug) {
        return URI.create("https://govdata.cn/problems/" + slug);
    }

    /**
     * Writes the problem as the response. Extra headers (Retry-After, WWW-Authenticate) are the
     * caller's to set before.
     */
    public static Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            // Part of another answer is already on the wire; a second body would corrupt it.
            return Mono.empty();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", problem.getInstance() != null
                ? problem.getInstance().toString() : RequestIds.originalPath(exchange));
        String requestId = RequestIds.of(exchange);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setContentLength(bytes.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }

    /**
     * The status an unhandled error is answered with. Shared with the access log, which sees the
     * error before the exception handler has turned it into a response.
     */
    public static HttpStatusCode statusFor(Throwable error) {
        if (error instanceof ResponseStatusException statusException) {
            return statusException.getStatusCode();
        }
        if (error instanceof ConnectException || error instanceof UnknownHostException
                || error instanceof CallNotPermittedException) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        if (error instanceof TimeoutException) {
            return HttpStatus.GATEWAY_TIMEOUT;
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
