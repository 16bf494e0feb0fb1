package cn.govdata.platform.deadline;

/**
 * A service's own reaction to one kind of deadline, e.g. recording consent when a Shenyang provider
 * stays silent (SY 25, {@link ExpiryAction#AUTO_ACT}) or marking an objection disputed in Nanjing
 * (NJ 35). Register it as a bean; the engine picks it by {@link #process()} and {@link #step()}.
 *
 * <p>The engine calls {@link #onMissed} <em>before</em> it marks the deadline fired and writes the
 * event. If the handler throws, nothing is marked: the engine's lease on the deadline runs out
 * ({@code govdata.deadlines.lease}) and it is tried again, by this or another replica.
 *
 * <p><strong>Handlers must be idempotent.</strong> A handler can run more than once for the same
 * deadline: after a failure, after a crash between the handler and the marking, or when it outlives
 * its lease. Make the effect conditional on the aggregate's state ("grant only if still awaiting a
 * decision") so a repeat changes nothing. The same check protects against a step completed while
 * the handler ran: then the deadline is closed and no event goes out, but the handler has run.
 */
public interface DeadlineHandler {

    /** The process this handler serves, as in {@link DeadlineRequest#process()}. */
    String process();

    /** The step this handler serves, as in {@link DeadlineRequest#step()}. */
    String step();

    /** The due time passed with the step open. Throw to have it retried. */
    void onMissed(Deadline deadline);

    /** The reminder lead time was reached; most services only need the event. Throw to have it retried. */
    default void onApproaching(Deadline deadline) {
    }
}
