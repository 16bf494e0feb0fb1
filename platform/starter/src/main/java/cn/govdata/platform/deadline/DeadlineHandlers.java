package cn.govdata.platform.deadline;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * The usual {@link DeadlineHandler}: one process step whose miss calls one method of a use case,
 * and nothing to do when the reminder goes out. Spares each service its own anonymous class.
 *
 * <pre>{@code
 * @Bean
 * DeadlineHandler decisionMissed(Deciding deciding) {
 *     return DeadlineHandlers.onMissed("application", "decision", d -> deciding.decisionMissed(d.subjectId()));
 * }
 * }</pre>
 */
public final class DeadlineHandlers {

    private DeadlineHandlers() {
    }

    /** A handler for {@code process}/{@code step} that hands a missed deadline to {@code onMissed}. */
    public static DeadlineHandler onMissed(String process, String step, Consumer<Deadline> onMissed) {
        return new MissedHandler(Objects.requireNonNull(process, "process"), Objects.requireNonNull(step, "step"),
                Objects.requireNonNull(onMissed, "onMissed"));
    }

    private record MissedHandler(String process, String step, Consumer<Deadline> missed) implements DeadlineHandler {

        @Override
        public void onMissed(Deadline deadline) {
            missed.accept(deadline);
        }

        @Override
        public String toString() {
            return "DeadlineHandler[" + process + "/" + step + "]";
        }
    }
}
