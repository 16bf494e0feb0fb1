package cn.govdata.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule the caller broke, said in the domain's terms: what kind of refusal it is, a stable slug
 * for clients to switch on, a title and a detail for people, and extra properties (field errors,
 * the deadline that passed, ...). Domain and use-case code throw it; the web layer decides what it
 * looks like on the wire (the starter's problem handler maps each {@link Kind} to a status code), so
 * nothing here knows about HTTP.
 */
public class Refusal extends RuntimeException {

    /** What went wrong from the caller's side; each maps to one response status. */
    public enum Kind {
        /** The request breaks a validation rule; {@code errors} names the fields. */
        INVALID,
        /** The caller is not signed in or its credential is not valid. */
        UNAUTHENTICATED,
        /** The caller's role, department or region does not allow this. */
        FORBIDDEN,
        /** The thing does not exist, or the caller may not know that it does. */
        NOT_FOUND,
        /** The request is well formed but the current state does not allow it. */
        CONFLICT,
        /** The body is larger than the operation accepts. */
        TOO_LARGE,
        /** The request is well formed and allowed, but its content cannot be processed as asked. */
        UNPROCESSABLE,
        /** The caller asked too often. */
        TOO_MANY_REQUESTS,
        /** A system this operation depends on does not answer; trying later may work. */
        UNAVAILABLE
    }

    /** One field a validation rule refused, named as the request spells it. */
    public record FieldError(String field, String message) {

        Map<String, String> asMap() {
            return Map.of("field", field, "message", message);
        }
    }

    private final Kind kind;
    private final String slug;
    private final String title;
    private final Map<String, Object> properties;

    public Refusal(Kind kind, String slug, String title, String detail, Map<String, Object> properties) {
        super(detail);
        if (kind == null || slug == null || title == null) {
            throw new IllegalArgumentException("A refusal needs a kind, a slug and a title");
        }
        this.kind = kind;
        this.slug = slug;
        this.title = title;
        this.properties = Map.copyOf(properties);
    }

    public Refusal(Kind kind, String slug, String title, String detail) {
        this(kind, slug, title, detail, Map.of());
    }

    public Kind kind() {
        return kind;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    /** Extra members of the problem body, e.g. {@code errors} or {@code deemedAt}. */
    public Map<String, Object> properties() {
        return properties;
    }

    public static Refusal notFound(String what, String id) {
        return new Refusal(Kind.NOT_FOUND, "not-found", what + " not found", what + " '" + id + "' does not exist");
    }

    public static Refusal conflict(String slug, String detail) {
        return new Refusal(Kind.CONFLICT, slug, "Conflict with the current state", detail);
    }

    public static Refusal forbidden(String detail) {
        return new Refusal(Kind.FORBIDDEN, "forbidden", "Forbidden", detail);
    }

    /** A single-field validation failure found by a domain rule rather than by Bean Validation. */
    public static Refusal invalidField(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    /** Several fields at once, so a caller fixes them in one round; the detail lists them in order. */
    public static Refusal invalid(List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("An invalid-request refusal names at least one field");
        }
        StringBuilder detail = new StringBuilder();
        for (FieldError error : errors) {
            detail.append(detail.isEmpty() ? "" : "; ").append(error.field()).append(": ").append(error.message());
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("errors", errors.stream().map(FieldError::asMap).toList());
        return new Refusal(Kind.INVALID, "validation", "Invalid request", detail.toString(), properties);
    }
}
