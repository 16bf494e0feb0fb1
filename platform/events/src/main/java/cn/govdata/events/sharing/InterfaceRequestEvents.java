package cn.govdata.events.sharing;

import java.time.Instant;

/**
 * Requests for more service interfaces from a producing department (QZ 2.3), topic
 * govdata.sharing.v1, keyed by request id. Departments are named by directory code; people only by
 * their platform account where they decided or acted.
 */
public final class InterfaceRequestEvents {

    private InterfaceRequestEvents() {
    }

    /**
     * The bureau asked {@code provider} for a new interface (itself, or forwarding {@code consumer}'s
     * proposal); it is due at {@code answerDueAt} (QZ 2.3: 10 working days).
     */
    public record InterfaceRequested(String requestId, String provider, String consumer, String dataWanted, String scenario,
                                     String interfaceSpec, String requestedBy, Instant requestedAt, Instant answerDueAt) {
    }

    /** The bureau approved the provider's one written extension application (QZ 2.3: at most 5 working days). */
    public record InterfaceRequestExtended(String requestId, String provider, int workingDays, String reasons,
                                           String approvedBy, Instant approvedAt, Instant previousDueAt, Instant answerDueAt) {
    }

    /** The provider delivered the interface with its specification and usage notes. */
    public record InterfaceDelivered(String requestId, String provider, String consumer, String deliveredBy,
                                     Instant deliveredAt, Instant answerDueAt, boolean late) {
    }

    /** The technical service unit re-wrapped the delivered interface and published it on the platform (QZ 2.3). */
    public record InterfacePublished(String requestId, String provider, String consumer, String serviceName,
                                     String publishedBy, Instant publishedAt) {
    }

    /** The due time passed without a delivered interface; counted against the provider. */
    public record InterfaceRequestOverdue(String requestId, String provider, String consumer, Instant answerDueAt,
                                          boolean extended) {
    }
}
