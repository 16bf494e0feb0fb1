package cn.govdata.platform.deadline;

import cn.govdata.calendar.DueTime;
import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.events.EventTypes;
import cn.govdata.events.deadline.DeadlineRescheduled;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.outbox.OutboxMessage;
import cn.govdata.policy.Deadlines;
import cn.govdata.policy.Period;
import cn.govdata.policy.RuleKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Recomputes this service's deadlines after the calendar adopted a new or replaced schedule for a
 * year. A pending deadline counted over days of that year gets its due time from its receipt time and
 * stored period again; if it moved, one guarded update sets the new due time and queues
 * {@code DeadlineRescheduled} (so the move and its event are one write). Deadlines registered with a
 * fixed {@code dueAt} are the workflow's own and are left alone. A deadline that fired already is
 * never moved: when the notice would have given it another due time it is marked for the bureau's
 * review instead ({@code GET <api-base>/deadlines/provisional-review}).
 *
 * <p>Pending deadlines registered by a rule key before due times recorded their period and years are
 * recomputed on every re-plan from the profile's rule (and then carry both). Idempotent: running it
 * again for the same notice finds nothing to move.
 */
public final class DeadlineReplanning {

    private static final Logger log = LoggerFactory.getLogger(DeadlineReplanning.class);
    private static final List<String> PENDING = List.of(DeadlineState.PENDING.name());
    private static final List<String> FIRED_OR_CLOSED_AFTER = List.of(DeadlineState.FIRED.name(),
            DeadlineState.COMPLETED.name(), DeadlineState.CANCELLED.name());

    private final DeadlineStore store;
    private final WorkingDayCalendar calendar;
    private final Events events;
    private final Clock clock;
    private final DeadlineMetrics metrics;
    private final DeadlineRegistry registry;

    DeadlineReplanning(DeadlineStore store, WorkingDayCalendar calendar, Events events, Clock clock, DeadlineMetrics metrics,
                       DeadlineRegistry registry) {
        this.store = store;
        this.calendar = calendar;
        this.events = events;
        this.clock = clock;
        this.metrics = metrics;
        this.registry = registry;
    }

    /** What one re-plan did. */
    public record Result(int rescheduled, int confirmed, int markedForReview) {
    }

    /**
     * @param year   the year whose schedule the calendar has just adopted
     * @param notice the notice's title and number, quoted in the events and on the deadlines
     */
    public Result replan(int year, String notice) {
        String reason = year + "年节假日安排已按通知生效：" + notice;
        Instant now = clock.instant();
        int moved = 0;
        int confirmed = 0;
        List<DeadlineDocument> pending = new java.util.ArrayList<>(store.dependingOn(year, PENDING));
        pending.addAll(store.pendingWithoutCalendarYears());
        for (DeadlineDocument d : pending) {
            DueTime due = recompute(d);
            if (due == null) {
                continue;
            }
            Instant newDue = millis(due.at());
            Update update = new Update().set("calendarBasis", due.basis().name()).set("calendarYears", List.copyOf(due.calendarYears()))
                    .set("period", period(d));
            if (newDue.equals(d.dueAt())) {
                if (store.reschedule(d.id(), d.dueAt(), now, update, null)) {
                    confirmed++;
                }
                continue;
            }
            update.set("dueAt", newDue).set("rescheduledFrom", d.dueAt()).set("rescheduledAt", millis(now))
                    .set("rescheduleReason", reason);
            if (d.remindBefore() != null) {
                update.set("remindAt", newDue.minus(Duration.parse(d.remindBefore())));
            }
            OutboxMessage event = events.create(EventTypes.DEADLINE_RESCHEDULED, d.subjectId(), d.responsibleDepartment(),
                    d.region(), new DeadlineRescheduled(d.id(), d.process(), d.step(), d.subjectId(), d.responsibleDepartment(),
                            d.dueAt(), newDue, due.basis().name(), d.ruleCitation(), year, notice, reason, now));
            if (store.reschedule(d.id(), d.dueAt(), now, update, event)) {
                moved++;
                metrics.rescheduled(d.process(), d.responsibleDepartment());
                log.info("Deadline {}/{} of {} ({}) rescheduled from {} to {} by the {} notice", d.process(), d.step(),
                        d.subjectId(), d.responsibleDepartment(), d.dueAt(), newDue, year);
            } else {
                log.info("Deadline {} changed while re-planning (fired, closed or being fired); left as it is", d.id());
            }
        }
        int review = 0;
        for (DeadlineDocument d : store.dependingOn(year, FIRED_OR_CLOSED_AFTER)) {
            if (d.firedAt() == null || !"PROVISIONAL".equals(d.calendarBasis())) {
                continue;
            }
            DueTime recomputed = recompute(d);
            if (recomputed == null) {
                continue;
            }
            Instant officialDue = millis(recomputed.at());
            if (!officialDue.equals(d.dueAt())) {
                store.markForReview(d.id(), officialDue, reason);
                review++;
                log.warn("Deadline {}/{} of {} ({}) fired at its provisional due time {}; under the {} notice it would be due {}. "
                        + "Listed for the bureau's review.", d.process(), d.step(), d.subjectId(), d.responsibleDepartment(),
                        d.dueAt(), year, officialDue);
            }
        }
        log.info("Re-planned deadlines for the {} schedule: {} moved, {} confirmed, {} fired ones listed for review",
                year, moved, confirmed, review);
        return new Result(moved, confirmed, review);
    }

    /** Null when the deadline's period cannot be known (a rule key this profile no longer has as a period). */
    private DueTime recompute(DeadlineDocument d) {
        String period = period(d);
        return period == null ? null : Deadlines.dueTime(calendar, d.receivedAt(), Period.parse(period));
    }

    // Deadlines from before periods were stored carry only their rule key; the profile gives the period.
    private String period(DeadlineDocument d) {
        if (d.period() != null) {
            return d.period();
        }
        try {
            return registry.periodRule(RuleKey.fromKey(d.rule())).value().toString();
        } catch (RuntimeException unknownRule) {
            log.warn("Deadline {} names rule {} which is not a period of this profile; not re-planned", d.id(), d.rule());
            return null;
        }
    }

    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
