package cn.govdata.sharing.exchange;

import cn.govdata.platform.problem.PlatformException;
import org.springframework.http.HttpStatus;

import java.time.Duration;
import java.util.Map;

/**
 * A refused or failed exchange call: a problem body like every other error, plus the metrics
 * outcome it counts as and, for throttling and provider trouble, when to try again.
 */
final class ExchangeException extends PlatformException {

    enum Outcome {
        OK, DENIED, THROTTLED, PROVIDER_ERROR;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Outcome outcome;
    private final Duration retryAfter;

    ExchangeException(HttpStatus status, String slug, String title, String detail, Outcome outcome, Duration retryAfter,
                      Map<String, Object> properties) {
        super(status, slug, title, detail, properties);
        this.outcome = outcome;
        this.retryAfter = retryAfter;
    }

    static ExchangeException denied(HttpStatus status, String slug, String title, String detail) {
        return new ExchangeException(status, slug, title, detail, Outcome.DENIED, null, Map.of());
    }

    static ExchangeException denied(HttpStatus status, String slug, String title, String detail, Map<String, Object> properties) {
        return new ExchangeException(status, slug, title, detail, Outcome.DENIED, null, properties);
    }

    static ExchangeException throttled(String slug, String detail, Duration retryAfter, Map<String, Object> properties) {
        return new ExchangeException(HttpStatus.TOO_MANY_REQUESTS, slug, "Too many requests", detail, Outcome.THROTTLED,
                retryAfter, properties);
    }

    static ExchangeException provider(HttpStatus status, String slug, String title, String detail, Duration retryAfter) {
        return new ExchangeException(status, slug, title, detail, Outcome.PROVIDER_ERROR, retryAfter, Map.of());
    }

    Outcome outcome() {
        return outcome;
    }

    Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, at least 1, as the Retry-After header wants them. */
    String retryAfterSeconds() {
        long millis = retryAfter.toMillis();
        return Long.toString(Math.max(1, (millis + 999) / 1000));
    }
}
