package cn.govdata.objection.cases.deadlines;

import cn.govdata.objection.cases.model.CaseState;
import cn.govdata.objection.cases.model.CaseStep;
import cn.govdata.objection.cases.model.ObjectionCase;
import cn.govdata.objection.cases.model.Step;
import cn.govdata.objection.cases.store.CaseDocument;
import cn.govdata.objection.cases.store.CaseEvents;
import cn.govdata.objection.cases.store.Cases;
import cn.govdata.platform.deadline.Deadline;
import cn.govdata.platform.deadline.DeadlineHandler;
import cn.govdata.platform.deadline.DeadlineHandlers;
import cn.govdata.platform.deadline.ExpiryAction;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One deadline handler per statutory step of a case; each records the miss on the case (and for
 * Nanjing's mark, marks) before the engine sends DeadlineMissed.
 */
@Configuration(proxyBeanMethods = false)
class MissedSteps {

    private static final Logger log = LoggerFactory.getLogger(MissedSteps.class);

    private final Cases cases;
    private final CaseEvents events;
    private final StepDeadlines deadlines;
    private final Clock clock;
    private final MeterRegistry meters;

    MissedSteps(Cases cases, CaseEvents events, StepDeadlines deadlines, Clock clock, MeterRegistry meters) {
        this.cases = cases;
        this.events = events;
        this.deadlines = deadlines;
        this.clock = clock;
        this.meters = meters;
    }

    @Bean
    DeadlineHandler objectionMarkMissed() {
        return handler(Step.MARK);
    }

    @Bean
    DeadlineHandler objectionTransferMissed() {
        return handler(Step.TRANSFER);
    }

    @Bean
    DeadlineHandler objectionPlatformDecisionMissed() {
        return handler(Step.PLATFORM_DECISION);
    }

    @Bean
    DeadlineHandler objectionSourceDecisionMissed() {
        return handler(Step.SOURCE_DECISION);
    }

    @Bean
    DeadlineHandler objectionVerifyMissed() {
        return handler(Step.VERIFY);
    }

    @Bean
    DeadlineHandler objectionFixMissed() {
        return handler(Step.FIX);
    }

    private DeadlineHandler handler(Step step) {
        return DeadlineHandlers.onMissed(Step.PROCESS, step.wireName(), this::stepMissed);
    }

    /**
     * A step's deadline fired. Under Nanjing an unmarked but identified record is
     * marked now (NJ 35); any other missed step is recorded against its department and escalated. Safe
     * to repeat: a step already recorded as missed, or done meanwhile, changes nothing.
     */
    void stepMissed(Deadline deadline) {
        Step step = Step.valueOf(deadline.step().toUpperCase().replace('-', '_'));
        Optional<CaseDocument> found = cases.find(deadline.subjectId());
        if (found.isEmpty()) {
            // Registered for a case whose write never happened: nothing to watch.
            deadlines.close(deadline.subjectId(), step, true);
            return;
        }
        CaseDocument loaded = found.get();
        ObjectionCase c = loaded.objection();
        Optional<CaseStep> open = c.open(step);
        if (open.isEmpty()) {
            Optional<CaseStep> last = c.step(step);
            if (last.isPresent() && last.get().missedAt() != null) {
                return; // done by this handler on an earlier attempt; the engine still sends its event
            }
            // Done (or cancelled) but the registry did not hear of it: close it there so no event goes out.
            deadlines.close(c.id(), step, last.map(CaseStep::cancelled).orElse(true));
            return;
        }
        if (open.get().missedAt() != null) {
            return;
        }
        Instant now = clock.instant();
        if (step == Step.MARK && deadline.action() == ExpiryAction.AUTO_ACT && c.state() == CaseState.RECEIVED
                && c.recordKey() != null) {
            ObjectionCase marked = c.markedAutomatically(now);
            cases.update(loaded, marked, List.of(events.disputed(marked)));
            log.info("Case {} marked disputed automatically: the mark deadline {} passed ({})", c.id(), deadline.dueAt(),
                    deadline.ruleCitation());
            return;
        }
        ObjectionCase escalated = c.escalated(step, now);
        cases.update(loaded, escalated, List.of(events.escalated(escalated, escalated.step(step).orElseThrow(), now)));
        meters.counter("objection_steps_escalated", "step", step.wireName()).increment();
        log.warn("Case {}: step {} of {} missed its deadline {}; escalated to the bureau", c.id(), step.wireName(),
                open.get().responsibleDepartment(), deadline.dueAt());
    }
}
