package cn.govdata.objection.cases.deadlines;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.objection.cases.model.CaseStep;
import cn.govdata.objection.cases.model.ObjectionCase;
import cn.govdata.objection.cases.model.Step;
import cn.govdata.objection.cases.model.StepPlanner;
import cn.govdata.objection.cases.store.Cases;
import cn.govdata.platform.deadline.DeadlineRegistry;
import cn.govdata.platform.deadline.DeadlineRequest;
import cn.govdata.platform.deadline.ExpiryAction;
import cn.govdata.policy.Deadlines;
import cn.govdata.policy.JurisdictionProfile;
import cn.govdata.policy.Period;
import cn.govdata.policy.Rule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Times the steps of a case by the effective profile and keeps the deadline registry in step with
 * the case. The case is written first (it is the source of truth, with its events in the same
 * write); the registry follows. Registering is idempotent, so a crash in between is repaired by
 * the sweep at start-up, and a deadline whose step was done meanwhile is closed by the handler
 * instead of firing ({@link MissedSteps}).
 */
@Component
public class StepDeadlines implements StepPlanner {

    private static final Logger log = LoggerFactory.getLogger(StepDeadlines.class);

    private final DeadlineRegistry registry;
    private final WorkingDayCalendar calendar;
    private final JurisdictionProfile profile;
    private final Cases cases;

    StepDeadlines(DeadlineRegistry registry, WorkingDayCalendar calendar, JurisdictionProfile profile, Cases cases) {
        this.registry = registry;
        this.calendar = calendar;
        this.profile = profile;
        this.cases = cases;
    }

    @Override
    public CaseStep open(Step step, String responsibleDepartment, Instant periodStart, boolean autoAct) {
        Rule<Period> rule = rule(step);
        Instant due = Deadlines.due(calendar, periodStart, rule).truncatedTo(ChronoUnit.MILLIS);
        ExpiryAction action = autoAct ? ExpiryAction.AUTO_ACT : ExpiryAction.ESCALATE_TO_BUREAU;
        return new CaseStep(step, responsibleDepartment, periodStart.truncatedTo(ChronoUnit.MILLIS), due, step.ruleKey().key(),
                rule.citation(), action.name(), null, false, null, false);
    }

    /** Nanjing obliges the platform itself to mark within a working day (NJ 35), so it marks when the day runs out. */
    public boolean platformMarksWhenDue() {
        return profile.objectionMark().isRegulated();
    }

    /** Registers the steps {@code after} opened and closes those it finished or cancelled. */
    public void follow(ObjectionCase before, ObjectionCase after) {
        for (CaseStep step : after.steps()) {
            CaseStep earlier = before == null ? null : before.steps().stream()
                    .filter(s -> s.step() == step.step()).findFirst().orElse(null);
            if (step.isOpen() && earlier == null) {
                register(after, step);
            } else if (!step.isOpen() && (earlier == null || earlier.isOpen() || step.missedAt() != null)) {
                // A fired deadline stays open in the registry until its step is done, even when the case closed the step
                // in the handler (Nanjing's automatic mark): close those too, idempotently.
                if (earlier == null) {
                    continue; // opened and done in one go (marked on receipt): nothing was registered
                }
                close(after.id(), step.step(), step.cancelled());
            }
        }
    }

    /** Makes sure every open step of an open case is watched; run at start-up to repair interrupted writes. */
    @EventListener(ApplicationReadyEvent.class)
    void watchOpenSteps() {
        int[] count = {0};
        cases.streamOpen().forEach(c -> c.steps().stream().filter(CaseStep::isOpen).forEach(s -> {
            register(c, s);
            count[0]++;
        }));
        if (count[0] > 0) {
            log.info("Checked the deadlines of {} open objection steps", count[0]);
        }
    }

    public void close(String caseId, Step step, boolean cancelled) {
        if (cancelled) {
            registry.cancel(Step.PROCESS, step.wireName(), caseId);
        } else {
            registry.complete(Step.PROCESS, step.wireName(), caseId);
        }
    }

    private void register(ObjectionCase c, CaseStep step) {
        registry.register(DeadlineRequest.forStep(Step.PROCESS, step.step().wireName(), c.id())
                .responsible(step.responsibleDepartment(), c.resource().region())
                .within(step.periodStart(), step.step().ruleKey())
                .onExpiry(ExpiryAction.valueOf(step.action())));
    }

    @SuppressWarnings("unchecked") // every objection rule key is a period rule (RuleKey's value type)
    private Rule<Period> rule(Step step) {
        Rule<?> rule = profile.rule(step.ruleKey());
        if (!(rule.value() instanceof Period)) {
            throw new IllegalStateException("rule " + step.ruleKey().key() + " is not a period");
        }
        return (Rule<Period>) rule;
    }
}
