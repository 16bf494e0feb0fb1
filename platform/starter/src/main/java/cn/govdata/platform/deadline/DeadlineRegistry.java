package cn.govdata.platform.deadline;

import cn.govdata.calendar.DueTime;
import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.policy.Deadlines;
import cn.govdata.policy.JurisdictionProfile;
import cn.govdata.policy.Period;
import cn.govdata.policy.Rule;
import cn.govdata.policy.RuleKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where workflow code registers the statutory deadline of a step it starts and closes it when the
 * step is done; the {@code DeadlineEngine} reminds and fires. Deadlines live in the owning service's
 * {@code deadlines} collection, one per {@code process + step + subjectId}.
 */
public final class DeadlineRegistry {

    private static final Logger log = LoggerFactory.getLogger(DeadlineRegistry.class);

    private final DeadlineStore store;
    private final WorkingDayCalendar calendar;
    private final JurisdictionProfile profile;
    private final Clock clock;
    private final DeadlineMetrics metrics;

    DeadlineRegistry(DeadlineStore store, WorkingDayCalendar calendar, JurisdictionProfile profile, Clock clock,
                     DeadlineMetrics metrics) {
        this.store = store;
        this.calendar = calendar;
        this.profile = profile;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Starts watching a step. Idempotent: when the same process, step and subject are registered
     * already, whatever their state, the existing deadline is returned unchanged, so a workflow may
     * safely repeat the call when it handles an event twice.
     *
     * @throws IllegalArgumentException when the request lacks an identity, department or due time,
     *                                  names a rule that is not a period, or has a non-positive reminder lead time
     */
    public Deadline register(DeadlineRequest request) {
        requireText(request.process(), "process");
        requireText(request.step(), "step");
        requireText(request.subjectId(), "subjectId");
        requireText(request.responsibleDepartment(), "responsibleDepartment");
        if (request.action() == null) {
            throw new IllegalArgumentException("action is required");
        }
        Duration remindBefore = request.remindBefore();
        if (remindBefore != null && (remindBefore.isZero() || remindBefore.isNegative())) {
            throw new IllegalArgumentException("remindBefore must be positive but was " + remindBefore);
        }
        Due due = due(request);
        // MongoDB keeps milliseconds; what register returns must equal what find returns later.
        Instant now = millis(clock.instant());
        Instant dueAt = millis(due.at());
        var document = new DeadlineDocument(UUID.randomUUID().toString(), request.process(), request.step(),
                request.subjectId(), request.responsibleDepartment(), request.region(), millis(request.receivedAt()), dueAt,
                request.action(), remindBefore == null ? null : remindBefore.toString(),
                remindBefore == null ? null : millis(dueAt.minus(remindBefore)), due.ruleKey(), due.ruleSource(),
                request.citation() != null ? request.citation() : due.citation(), DeadlineState.PENDING, now, null, null,
                null, null, null, 0, null, due.period(), due.basis(), due.years(), null, null, null, null, null);
        try {
            store.insert(document);
            log.info("Deadline {}/{} for {} ({}) due {}{}{}", request.process(), request.step(), request.subjectId(),
                    request.responsibleDepartment(), dueAt, document.ruleCitation() == null ? "" : " per " + document.ruleCitation(),
                    document.calendarBasis() == null ? "" : " (" + document.calendarBasis() + " calendar)");
            return document.toDeadline();
        } catch (DuplicateKeyException alreadyRegistered) {
            Deadline existing = find(request.process(), request.step(), request.subjectId()).orElseThrow(() -> alreadyRegistered);
            if (!existing.dueAt().equals(document.dueAt())) {
                log.warn("Deadline {}/{} for {} registered again with due time {}; keeping the first registration's {}",
                        request.process(), request.step(), request.subjectId(), document.dueAt(), existing.dueAt());
            }
            return existing;
        }
    }

    /**
     * The step was done. Closes the deadline whether it is pending or already fired; done at or after
     * the due time before the engine fired, it still counts in {@code deadlines_missed} but sends no event.
     *
     * @return false when no open deadline exists for the step (never registered, or closed before)
     */
    public boolean complete(String process, String step, String subjectId) {
        return close(process, step, subjectId, DeadlineState.COMPLETED);
    }

    /** The step no longer needs doing (application withdrawn, case merged). Same return as {@link #complete}. */
    public boolean cancel(String process, String step, String subjectId) {
        return close(process, step, subjectId, DeadlineState.CANCELLED);
    }

    public Optional<Deadline> find(String process, String step, String subjectId) {
        return store.find(process, step, subjectId).map(DeadlineDocument::toDeadline);
    }

    Page<Deadline> forReview(Pageable pageable) {
        return store.forReview(pageable).map(DeadlineDocument::toDeadline);
    }

    Page<Deadline> list(DeadlineState state, String process, String department, String region, Pageable pageable) {
        return store.list(state, process, department, region, pageable).map(DeadlineDocument::toDeadline);
    }

    private boolean close(String process, String step, String subjectId, DeadlineState closed) {
        Instant now = clock.instant();
        Optional<DeadlineDocument> before = store.close(process, step, subjectId, closed, now);
        before.ifPresent(d -> {
            if (closed == DeadlineState.COMPLETED && d.state() == DeadlineState.PENDING && !now.isBefore(d.dueAt())) {
                metrics.missed(d.process(), d.responsibleDepartment());
            }
            log.info("Deadline {}/{} for {} {} ({})", process, step, subjectId, closed.name().toLowerCase(),
                    now.isBefore(d.dueAt()) ? "on time" : "after its due time " + d.dueAt());
        });
        return before.isPresent();
    }

    private Due due(DeadlineRequest request) {
        boolean byRule = request.rule() != null || request.ruleKey() != null;
        if (request.dueAt() != null && byRule) {
            throw new IllegalArgumentException("give either dueAt or a rule, not both");
        }
        if (request.dueAt() != null) {
            return new Due(request.dueAt(), null, null, null, null, null, null);
        }
        if (!byRule) {
            throw new IllegalArgumentException("a due time is required: dueAt, or receivedAt with a rule");
        }
        if (request.receivedAt() == null) {
            throw new IllegalArgumentException("receivedAt is required with a rule");
        }
        Rule<Period> rule = request.rule();
        String key = null;
        if (request.ruleKey() != null) {
            key = request.ruleKey().key();
            rule = periodRule(request.ruleKey());
        }
        DueTime due = Deadlines.dueTime(calendar, request.receivedAt(), rule.value());
        return new Due(due.at(), key, rule.source().name(), rule.citation(), rule.value().toString(), due.basis().name(),
                List.copyOf(due.calendarYears()));
    }

    /** The effective profile's rule for {@code key}. */
    Rule<Period> periodRule(RuleKey key) {
        Rule<?> rule = profile.rule(key);
        if (!(rule.value() instanceof Period)) {
            throw new IllegalArgumentException("rule " + key.key() + " is " + rule.value() + ", not a period");
        }
        @SuppressWarnings("unchecked") // checked just above
        Rule<Period> period = (Rule<Period>) rule;
        return period;
    }

    private static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    private record Due(Instant at, String ruleKey, String ruleSource, String citation, String period, String basis,
                       List<Integer> years) {
    }
}
