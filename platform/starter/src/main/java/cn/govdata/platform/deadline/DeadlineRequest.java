package cn.govdata.platform.deadline;

import cn.govdata.policy.Period;
import cn.govdata.policy.Rule;
import cn.govdata.policy.RuleKey;

import java.time.Duration;
import java.time.Instant;

/**
 * What a workflow asks the {@link DeadlineRegistry} to watch. Built step by step:
 * <pre>
 * registry.register(DeadlineRequest.forStep("objection", "mark-disputed", objection.id())
 *         .responsible("BDC", "320100")
 *         .within(objection.receivedAt(), RuleKey.OBJECTION_MARK)   // or .dueAt(instant)
 *         .onExpiry(ExpiryAction.ESCALATE_TO_BUREAU)
 *         .remindBefore(Duration.ofHours(4)));
 * </pre>
 * The due time is either given ({@link #dueAt(Instant)}) or computed by the registry from a receipt
 * time and a rule with the working-day calendar: a {@link RuleKey} is looked up in the service's
 * effective jurisdiction profile, a {@link Rule} is used as given.
 *
 * @param process               workflow name, e.g. {@code conditional-share}; metrics are tagged with it, so keep the set small
 * @param step                  the step within the process, e.g. {@code provider-decision}
 * @param subjectId             the aggregate the step belongs to; the event's key and {@code ce_subject}
 * @param responsibleDepartment directory code of the department that must act; {@code ce_department}
 * @param region                administrative region code, {@code ce_region}; may be null
 * @param receivedAt            when the period started, with {@code rule} or {@code ruleKey}
 * @param citation              article to show, overriding the rule's own citation
 */
public record DeadlineRequest(
        String process,
        String step,
        String subjectId,
        String responsibleDepartment,
        String region,
        Instant dueAt,
        Instant receivedAt,
        Rule<Period> rule,
        RuleKey ruleKey,
        ExpiryAction action,
        Duration remindBefore,
        String citation) {

    /** Starts a request; the default reaction is {@link ExpiryAction#MARK_OVERDUE}. */
    public static DeadlineRequest forStep(String process, String step, String subjectId) {
        return new DeadlineRequest(process, step, subjectId, null, null, null, null, null, null,
                ExpiryAction.MARK_OVERDUE, null, null);
    }

    public DeadlineRequest responsible(String department, String region) {
        return new DeadlineRequest(process, step, subjectId, department, region, dueAt, receivedAt, rule, ruleKey, action,
                remindBefore, citation);
    }

    /** Due at a time the workflow worked out itself; replaces any rule given before. */
    public DeadlineRequest dueAt(Instant due) {
        return new DeadlineRequest(process, step, subjectId, responsibleDepartment, region, due, null, null, null, action,
                remindBefore, citation);
    }

    /** Due when {@code period} has run from {@code received}; the citation comes from the rule. */
    public DeadlineRequest within(Instant received, Rule<Period> period) {
        return new DeadlineRequest(process, step, subjectId, responsibleDepartment, region, null, received, period, null,
                action, remindBefore, citation);
    }

    /**
     * Due when the effective profile's rule for {@code key} has run from {@code received}: the
     * deployment's overrides apply, and the deadline records the rule key and its source.
     */
    public DeadlineRequest within(Instant received, RuleKey key) {
        return new DeadlineRequest(process, step, subjectId, responsibleDepartment, region, null, received, null, key,
                action, remindBefore, citation);
    }

    public DeadlineRequest onExpiry(ExpiryAction expiryAction) {
        return new DeadlineRequest(process, step, subjectId, responsibleDepartment, region, dueAt, receivedAt, rule, ruleKey,
                expiryAction, remindBefore, citation);
    }

    /** Sends {@code DeadlineApproaching} this long before the due time (at once if that is already past). */
    public DeadlineRequest remindBefore(Duration leadTime) {
        return new DeadlineRequest(process, step, subjectId, responsibleDepartment, region, dueAt, receivedAt, rule, ruleKey,
                action, leadTime, citation);
    }

    public DeadlineRequest citing(String article) {
        return new DeadlineRequest(process, step, subjectId, responsibleDepartment, region, dueAt, receivedAt, rule, ruleKey,
                action, remindBefore, article);
    }
}
