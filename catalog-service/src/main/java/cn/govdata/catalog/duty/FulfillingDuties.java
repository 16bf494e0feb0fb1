package cn.govdata.catalog.duty;

import cn.govdata.catalog.entry.CatalogEntry;
import cn.govdata.catalog.entry.Entries;
import cn.govdata.platform.deadline.Deadline;
import cn.govdata.platform.deadline.DeadlineRegistry;
import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides whether a duty is fulfilled: every listed entry had a change submitted (or its
 * withdrawal requested) after the duty opened; a census duty when its department confirms it.
 * Checked when the duty is read, when the department closes it, and when its deadline fires.
 */
@Service
class FulfillingDuties {

    /** Entry history actions that show the department dealt with the entry (see CatalogEntry). */
    private static final Set<String> DEALT_WITH = Set.of("submitted", "withdrawal requested", "withdrawal filed");

    /** How long a deadline without its duty is given for the duty's insert to land before it is treated as orphaned. */
    private static final Duration ORPHAN_GRACE = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(FulfillingDuties.class);

    private final Duties duties;
    private final Entries entries;
    private final DeadlineRegistry deadlines;
    private final DutyEvents events;
    private final DutyMetrics metrics;
    private final ReevaluatingEntries reevaluating;
    private final Clock clock;

    FulfillingDuties(Duties duties, Entries entries, DeadlineRegistry deadlines, DutyEvents events, DutyMetrics metrics,
                     ReevaluatingEntries reevaluating, Clock clock) {
        this.reevaluating = reevaluating;
        this.duties = duties;
        this.entries = entries;
        this.deadlines = deadlines;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Per listed entry, the first qualifying action after the duty opened, and the entries still waiting for one. */
    record Check(List<CatalogDuty.Evidence> evidence, List<String> outstanding) {
        boolean complete() {
            return outstanding.isEmpty();
        }

        Instant completedAt() {
            return evidence.stream().map(CatalogDuty.Evidence::at).max(Comparator.naturalOrder()).orElseThrow();
        }

        String lastActor() {
            return evidence.stream().max(Comparator.comparing(CatalogDuty.Evidence::at)).map(CatalogDuty.Evidence::actor).orElseThrow();
        }
    }

    Check check(CatalogDuty duty) {
        List<CatalogDuty.Evidence> evidence = new ArrayList<>();
        List<String> outstanding = new ArrayList<>();
        for (String entryId : duty.entryIds()) {
            Optional<CatalogEntry.HistoryEntry> first = entries.findEntry(entryId).stream()
                    .flatMap(e -> e.history().stream())
                    .filter(h -> DEALT_WITH.contains(h.action()) && !h.at().isBefore(duty.openedAt()))
                    .min(Comparator.comparing(CatalogEntry.HistoryEntry::at));
            first.ifPresentOrElse(h -> evidence.add(new CatalogDuty.Evidence(entryId, h.action(), h.at(), h.actor())),
                    () -> outstanding.add(entryId));
        }
        return new Check(evidence, outstanding);
    }

    /** The department's data officer closes the duty; entry duties are verified first. */
    CatalogDuty fulfil(String id, String confirmation, Caller officer) {
        return fulfil(id, confirmation, null, officer);
    }

    /**
     * As {@link #fulfil(String, String, Caller)}; a re-evaluation duty (SY 31/37) also needs the
     * evaluation's {@code outcome}: kept restricted, with the reasons as {@code confirmation}, or
     * type changed, shown by a change (or withdrawal) of the entry after the duty opened.
     */
    CatalogDuty fulfil(String id, String confirmation, ReevaluationOutcome outcome, Caller officer) {
        DutyDocument loaded = duties.find(id).orElseThrow(() -> Refusal.notFound("Catalog duty", id));
        CatalogDuty duty = loaded.duty();
        if (!officer.hasRole(Roles.DEPT_DATA_OFFICER) || !officer.departmentCode().map(duty.department()::equals).orElse(false)) {
            throw Refusal.forbidden("Only a data officer of " + duty.department() + " closes its duties");
        }
        if (duty.state() == DutyState.FULFILLED) {
            throw Refusal.conflict("duty-fulfilled", "Duty " + id + " was fulfilled at " + duty.fulfilledAt());
        }
        String text = confirmation == null || confirmation.isBlank() ? null : confirmation.strip();
        CatalogDuty next;
        if (duty.isReevaluation()) {
            next = evaluated(duty, text, outcome, officer);
        } else if (duty.isCensus()) {
            if (text == null) {
                throw Refusal.invalidField("confirmation", "confirm what the census of " + duty.censusYear()
                        + " found, e.g. that every resource is catalogued and up to date");
            }
            next = duty.fulfil(clock.instant(), officer.actor(), text, List.of());
        } else {
            Check check = check(duty);
            if (!check.complete()) {
                throw Refusal.conflict("duty-not-fulfilled", "Duty " + id + " needs a change submitted (or a "
                        + "withdrawal requested) after " + duty.openedAt() + " for " + String.join(", ", check.outstanding()));
            }
            // Fulfilled when the last change went to the bureau, not when the officer got round to closing it.
            next = duty.fulfil(check.completedAt(), officer.actor(), text, check.evidence());
        }
        if (!duties.replace(loaded, next, events.fulfilled(next))) {
            throw Refusal.conflict("concurrent-change", "Duty " + id + " changed meanwhile; reload it and try again");
        }
        deadlines.complete(OpeningDuties.PROCESS, OpeningDuties.STEP, id);
        log.info("Duty {} of {} fulfilled {} by {}", id, next.department(), next.onTime() ? "on time" : "late", officer.actor());
        if (next.isReevaluation()) {
            reevaluating.evaluated(next);
        }
        return next;
    }

    private CatalogDuty evaluated(CatalogDuty duty, String reasons, ReevaluationOutcome outcome, Caller officer) {
        if (outcome == null) {
            throw Refusal.invalidField("outcome", "请填写评估结论：KEEP_RESTRICTED（维持限制并说明理由）或 "
                    + "TYPE_CHANGED（已提交变更共享/开放类型的新版本）（" + duty.citation() + "）");
        }
        if (outcome == ReevaluationOutcome.KEEP_RESTRICTED) {
            if (reasons == null) {
                throw Refusal.invalidField("confirmation", "维持有条件共享、不予共享或有条件开放、不予开放的，须说明理由（"
                        + duty.citation() + "）");
            }
            return duty.fulfil(clock.instant(), officer.actor(), reasons, List.of(), outcome);
        }
        Check check = check(duty);
        if (!check.complete()) {
            throw Refusal.conflict("duty-not-fulfilled", "变更共享或开放类型须先提交新版本：" + duty.id()
                    + " 开启（" + duty.openedAt() + "）后 " + String.join(", ", check.outstanding()) + " 未提交变更");
        }
        return duty.fulfil(check.completedAt(), officer.actor(), reasons, check.evidence(), outcome);
    }

    /** Refreshes ({@link #refresh}) the duties in scope whose entries may have fulfilled them meanwhile. */
    void refreshAwaitingEntryChanges(Duties.Scope scope) {
        duties.awaitingEntryChanges(scope).forEach(this::refresh);
    }

    /**
     * The duty as it stands now ({@link #refresh}), if it exists and its department is one
     * {@code departmentVisible} admits; empty otherwise.
     */
    Optional<CatalogDuty> current(String id, Predicate<String> departmentVisible) {
        return duties.find(id).filter(loaded -> departmentVisible.test(loaded.department())).map(this::refresh);
    }

    /**
     * The duty as it stands now: an open or overdue entry duty whose entries have all been dealt
     * with meanwhile is fulfilled on the spot.
     */
    CatalogDuty refresh(DutyDocument loaded) {
        CatalogDuty duty = loaded.duty();
        if (duty.state() == DutyState.FULFILLED || duty.closedByConfirmation()) {
            return duty;
        }
        Check check = check(duty);
        if (!check.complete()) {
            return duty;
        }
        CatalogDuty next = duty.fulfil(check.completedAt(), check.lastActor(), null, check.evidence());
        if (!duties.replace(loaded, next, events.fulfilled(next))) {
            // Someone else moved it (the deadline handler, the officer); theirs is the current state.
            return duties.find(duty.id()).map(DutyDocument::duty).orElse(duty);
        }
        deadlines.complete(OpeningDuties.PROCESS, OpeningDuties.STEP, duty.id());
        log.info("Duty {} of {} found fulfilled {}", duty.id(), duty.department(), next.onTime() ? "on time" : "late");
        return next;
    }

    /**
     * The due time passed with the deadline open. Idempotent: only an OPEN duty moves, and only one
     * conditional update can move it. A duty fulfilled meanwhile is recorded as such and its
     * deadline completed, so no DeadlineMissed goes out; otherwise the duty turns OVERDUE and the
     * engine sends DeadlineMissed after this returns.
     *
     * @throws IllegalStateException to have the engine retry, when the duty changed concurrently
     *                               or has not been stored yet
     */
    void onDeadlineMissed(Deadline deadline) {
        Optional<DutyDocument> found = duties.find(deadline.subjectId());
        if (found.isEmpty()) {
            if (deadline.registeredAt().plus(ORPHAN_GRACE).isAfter(clock.instant())) {
                throw new IllegalStateException("Duty " + deadline.subjectId() + " is not stored yet; retrying");
            }
            log.warn("Deadline {} belongs to no stored duty {} (opening failed after registering it); cancelling it",
                    deadline.id(), deadline.subjectId());
            deadlines.cancel(deadline.process(), deadline.step(), deadline.subjectId());
            return;
        }
        DutyDocument loaded = found.get();
        CatalogDuty duty = loaded.duty();
        switch (duty.state()) {
            case FULFILLED -> deadlines.complete(deadline.process(), deadline.step(), duty.id());
            case OVERDUE -> log.debug("Duty {} is already overdue", duty.id());
            case OPEN -> {
                Check check = duty.closedByConfirmation() ? null : check(duty);
                if (check != null && check.complete()) {
                    CatalogDuty next = duty.fulfil(check.completedAt(), check.lastActor(), null, check.evidence());
                    requireStored(duties.replace(loaded, next, events.fulfilled(next)), duty);
                    deadlines.complete(deadline.process(), deadline.step(), duty.id());
                    log.info("Duty {} of {} was fulfilled {} before its deadline fired", duty.id(), duty.department(),
                            next.onTime() ? "on time" : "late");
                } else {
                    CatalogDuty next = duty.markOverdue(clock.instant());
                    requireStored(duties.replace(loaded, next, events.overdue(next)), duty);
                    metrics.overdue(duty.department());
                    log.info("Duty {} of {} is overdue since {}; outstanding: {}", duty.id(), duty.department(), duty.dueAt(),
                            check == null ? (duty.isCensus() ? "census confirmation" : "evaluation outcome") : check.outstanding());
                }
            }
        }
    }

    private static void requireStored(boolean stored, CatalogDuty duty) {
        if (!stored) {
            throw new IllegalStateException("Duty " + duty.id() + " changed while its deadline fired; retrying");
        }
    }
}
