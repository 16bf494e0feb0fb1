package cn.govdata.platform.deadline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deadline meters, tagged by process and responsible department only: step and subject would make
 * a series per case. Prometheus names: {@code deadlines_due}, {@code deadlines_missed_total},
 * {@code deadlines_reminded_total}, {@code deadline_handler_failures_total},
 * {@code deadlines_pending_provisional} and {@code deadlines_rescheduled_total}.
 */
final class DeadlineMetrics {

    private static final String NONE = "none";

    private final MeterRegistry meters;
    private final Map<List<String>, AtomicLong> overdue = new ConcurrentHashMap<>();
    private final Map<List<String>, AtomicLong> provisional = new ConcurrentHashMap<>();

    DeadlineMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void reminded(String process, String department) {
        Counter.builder("deadlines_reminded").description("Reminders sent before a statutory deadline")
                .tags("process", process, "department", tag(department)).register(meters).increment();
    }

    /** A deadline passed with its step open: fired by the engine, or the step completed late before the engine got to it. */
    void missed(String process, String department) {
        Counter.builder("deadlines_missed").description("Statutory deadlines that passed with the step still open")
                .tags("process", process, "department", tag(department)).register(meters).increment();
    }

    void handlerFailed(String process, String step) {
        Counter.builder("deadline_handler_failures").description("Deadline handler attempts that threw and will be retried")
                .tags("process", process, "step", step).register(meters).increment();
    }

    /**
     * Sets {@code deadlines_due} from a fresh count. A combination seen before and now absent goes
     * to 0 instead of disappearing, so a dashboard shows the backlog being cleared.
     */
    void overdue(Map<List<String>, Long> counts) {
        counts.keySet().forEach(this::gauge);
        overdue.forEach((labels, value) -> value.set(counts.getOrDefault(labels, 0L)));
    }

    /** Sets {@code deadlines_pending_provisional} the same way: pending deadlines whose due time rests on a provisional year. */
    void pendingProvisional(Map<List<String>, Long> counts) {
        counts.keySet().forEach(labels -> gauge(provisional, "deadlines_pending_provisional",
                "Pending deadlines whose due time rests on a year without an official holiday notice", labels));
        provisional.forEach((labels, value) -> value.set(counts.getOrDefault(labels, 0L)));
    }

    void rescheduled(String process, String department) {
        Counter.builder("deadlines_rescheduled").description("Pending deadlines moved by a holiday notice")
                .tags("process", process, "department", tag(department)).register(meters).increment();
    }

    private AtomicLong gauge(List<String> processAndDepartment) {
        return gauge(overdue, "deadlines_due", "Open deadlines (pending or fired, step not done) whose due time has passed",
                processAndDepartment);
    }

    private AtomicLong gauge(Map<List<String>, AtomicLong> values, String name, String description, List<String> processAndDepartment) {
        return values.computeIfAbsent(processAndDepartment, labels -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get)
                    .description(description)
                    .tags("process", labels.get(0), "department", tag(labels.get(1)))
                    .register(meters);
            return value;
        });
    }

    private static String tag(String department) {
        return department == null || department.isBlank() ? NONE : department;
    }
}
