package cn.govdata.platform.deadline;

/**
 * What the platform does when a statutory deadline passes with the step still open. Sent as the
 * {@code action} of {@code DeadlineMissed} (its wire name); consumers such as the bureau's
 * supervision desk act on it. A reminder before the due time is independent of the action: any
 * deadline may carry a {@code remindBefore} lead time.
 */
public enum ExpiryAction {
    /** Record the step as overdue; counted on the department's supervision scorecard (NT 31). */
    MARK_OVERDUE("MARK_OVERDUE"),
    /** Hand the case to the data bureau to coordinate or supervise. */
    ESCALATE_TO_BUREAU("ESCALATE"),
    /**
     * The regulation decides for the silent party, e.g. Shenyang's silence-is-consent (SY 25). The
     * owning service does it in a {@link DeadlineHandler} before the deadline is marked fired.
     */
    AUTO_ACT("AUTO_ACT");

    /** Value of {@code action} in a {@code DeadlineApproaching} event. */
    static final String REMIND = "REMIND";

    private final String wireName;

    ExpiryAction(String wireName) {
        this.wireName = wireName;
    }

    /** The value in the event's {@code action} field (schema deadline.v1.json). */
    public String wireName() {
        return wireName;
    }
}
