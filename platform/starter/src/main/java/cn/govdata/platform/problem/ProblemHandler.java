package cn.govdata.platform.problem;

import cn.govdata.domain.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns every failure into an RFC 9457 body. Client mistakes name the offending field; anything
 * unexpected is a 500 whose body reveals nothing but the request id to quote to operators.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(Refusal.class)
    ResponseEntity<ProblemDetail> refused(Refusal e) {
        HttpStatus status = e instanceof PlatformException adapter ? adapter.status() : statusOf(e.kind());
        ProblemDetail problem = Problems.of(status, e.slug(), e.title(), e.getMessage());
        e.properties().forEach(problem::setProperty);
        return ResponseEntity.status(status).body(problem);
    }

    /** The one place a domain refusal becomes a status code. */
    public static HttpStatus statusOf(Refusal.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case UNPROCESSABLE -> HttpStatus.valueOf(422);
            case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    static Refusal.Kind kindOf(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> Refusal.Kind.INVALID;
            case UNAUTHORIZED -> Refusal.Kind.UNAUTHENTICATED;
            case FORBIDDEN -> Refusal.Kind.FORBIDDEN;
            case NOT_FOUND -> Refusal.Kind.NOT_FOUND;
            case CONFLICT -> Refusal.Kind.CONFLICT;
            case PAYLOAD_TOO_LARGE -> Refusal.Kind.TOO_LARGE;
            case TOO_MANY_REQUESTS -> Refusal.Kind.TOO_MANY_REQUESTS;
            case SERVICE_UNAVAILABLE -> Refusal.Kind.UNAVAILABLE;
            default -> status.is4xxClientError() ? Refusal.Kind.UNPROCESSABLE : Refusal.Kind.UNAVAILABLE;
        };
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<ProblemDetail> denied(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Problems.of(HttpStatus.FORBIDDEN, "forbidden",
                "Forbidden", "Your role or department does not allow this operation"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String message = "must be a valid " + (e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName());
        return ResponseEntity.badRequest().body(validation(List.of(Map.of("field", e.getName(), "message", message))));
    }

    /**
     * A multipart body that cannot be parsed (no boundary, truncated, garbage) is the client's
     * mistake. Oversized uploads ({@code MaxUploadSizeExceededException}, a subclass) are answered
     * 413 by the base class before this applies.
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> unreadableMultipart(MultipartException e) {
        log.info("Unreadable multipart body: {}", e.getMessage());
        return ResponseEntity.badRequest().body(validation(List.of(Map.of("field", "body",
                "message", "is not a readable multipart/form-data body"))));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unhandled failure", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
                "internal", "Internal error", "The request failed on our side; quote the requestId to the platform operator"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "message", message(f)))
                .collect(Collectors.toList());
        e.getBindingResult().getGlobalErrors().forEach(g ->
                errors.add(Map.of("field", g.getObjectName(), "message", String.valueOf(g.getDefaultMessage()))));
        return ResponseEntity.badRequest().body(validation(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, String>> errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> Map.of(
                        "field", r.getMethodParameter().getParameterName() == null ? "parameter" : r.getMethodParameter().getParameterName(),
                        "message", String.valueOf(err.getDefaultMessage()))))
                .toList();
        return ResponseEntity.badRequest().body(validation(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        // Name the JSON path that failed to bind, e.g. "level" for an unknown enum constant.
        String field = "body";
        String message = "is not valid JSON for this operation";
        if (e.getCause() instanceof DatabindException bind && !bind.getPath().isEmpty()) {
            field = bind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            message = bind instanceof InvalidFormatException invalid
                    ? "value '" + invalid.getValue() + "' is not accepted" + allowed(invalid.getTargetType())
                    : "has the wrong type or shape";
        }
        return ResponseEntity.badRequest().body(validation(List.of(Map.of("field", field, "message", message))));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        // The framework's own problems (405, 415, 404 for unknown paths...) get our type URIs and request id too.
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            HttpStatus status = HttpStatus.valueOf(statusCode.value());
            ProblemDetail ours = Problems.of(status, status.name().toLowerCase().replace('_', '-'),
                    problem.getTitle(), problem.getDetail());
            return new ResponseEntity<>(ours, headers, statusCode);
        }
        return new ResponseEntity<>(body, headers, statusCode);
    }

    private static ProblemDetail validation(List<Map<String, String>> errors) {
        String detail = errors.stream().map(e -> e.get("field") + ": " + e.get("message")).collect(Collectors.joining("; "));
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation", "Invalid request", detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    private static String message(FieldError f) {
        return f.getDefaultMessage() == null ? "is invalid" : f.getDefaultMessage();
    }

    private static String allowed(Class<?> target) {
        if (target != null && target.isEnum()) {
            return "; allowed: " + java.util.Arrays.stream(target.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        return "";
    }
}
