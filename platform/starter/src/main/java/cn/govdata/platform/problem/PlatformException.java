package cn.govdata.platform.problem;

import org.springframework.http.HttpStatus;

import java.util.Map;

/**
 * A rule the caller broke, answered as a problem response with this status. Use-case code throws
 * the named subclasses; the handler turns them into RFC 9457 bodies.
 */
public class PlatformException extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final Map<String, Object> properties;

    public PlatformException(HttpStatus status, String slug, String title, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.properties = Map.copyOf(properties);
    }

    public HttpStatus status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    public static PlatformException notFound(String what, String id) {
        return new PlatformException(HttpStatus.NOT_FOUND, "not-found", what + " not found",
                what + " '" + id + "' does not exist", Map.of());
    }

    public static PlatformException conflict(String slug, String detail) {
        return new PlatformException(HttpStatus.CONFLICT, slug, "Conflict with the current state", detail, Map.of());
    }

    public static PlatformException forbidden(String detail) {
        return new PlatformException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail, Map.of());
    }

    /** A single-field validation failure found by a domain rule rather than by Bean Validation. */
    public static PlatformException invalidField(String field, String message) {
        return new PlatformException(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                field + ": " + message, Map.of("errors", java.util.List.of(Map.of("field", field, "message", message))));
    }
}
