package cn.govdata.platform.deadline;

/**
 * Life of a deadline. {@code PENDING} and {@code FIRED} are open: the step is not done yet. A
 * fired deadline stays open until the step completes late or is cancelled, so overdue work stays
 * visible rather than vanishing when the event goes out.
 */
public enum DeadlineState {
    /** Armed: the engine fires it at its due time (and reminds at its lead time). */
    PENDING,
    /** Due time passed with the step open; {@code DeadlineMissed} was sent. */
    FIRED,
    /** The step was done, on time or late. */
    COMPLETED,
    /** The step no longer needs doing, e.g. the application was withdrawn. */
    CANCELLED;

    public boolean isOpen() {
        return this == PENDING || this == FIRED;
    }
}
