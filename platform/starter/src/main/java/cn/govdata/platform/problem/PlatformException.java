package cn.govdata.platform.problem;

import cn.govdata.domain.Refusal;
import org.springframework.http.HttpStatus;

import java.util.Map;

/**
 * A refusal with an explicit HTTP status, for adapters that speak HTTP on purpose. Domain and
 * use-case code throws {@link Refusal}, whose kind the problem handler maps to a status.
 */
public class PlatformException extends Refusal {

    private final HttpStatus status;

    public PlatformException(HttpStatus status, String slug, String title, String detail, Map<String, Object> properties) {
        super(ProblemHandler.kindOf(status), slug, title, detail, properties);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    public static Refusal notFound(String what, String id) {
        return Refusal.notFound(what, id);
    }

    public static Refusal conflict(String slug, String detail) {
        return Refusal.conflict(slug, detail);
    }

    public static Refusal forbidden(String detail) {
        return Refusal.forbidden(detail);
    }

    public static Refusal invalidField(String field, String message) {
        return Refusal.invalidField(field, message);
    }
}
