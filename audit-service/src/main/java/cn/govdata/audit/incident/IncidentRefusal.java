package cn.govdata.audit.incident;

import cn.govdata.domain.DomainModel;

import java.util.List;

/** Why the register refused a change; the web layer turns it into a problem detail. */
@DomainModel
public final class IncidentRefusal extends RuntimeException {

    public enum Reason {
        /** The incident is closed: the record is final. */
        CLOSED,
        /** Closure asked for while required notifications are missing (NJ 34 ¶2, SY 44). */
        NOTIFICATIONS_MISSING,
        /** A time that cannot be right (after now, before detection); {@link #field()} names it. */
        INVALID_TIME,
        /** A department notification that names no department, or another recipient that names one. */
        INVALID_RECIPIENT
    }

    private final Reason reason;
    private final String field;
    private final List<String> missing;

    IncidentRefusal(Reason reason, String field, List<String> missing, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
        this.missing = List.copyOf(missing);
    }

    public Reason reason() {
        return reason;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }

    /** The missing notifications' keys (DEPARTMENT:&lt;code&gt;, BUREAU, AFFECTED_USERS). */
    public List<String> missing() {
        return missing;
    }
}
