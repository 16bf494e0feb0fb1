package cn.govdata.objection.cases.model;

import cn.govdata.domain.DomainModel;

import java.time.Instant;

/**
 * One statutory step of a case with its deadline, as the case keeps it: the source of truth for
 * the tracking page and the per-department counts, mirrored in the deadline registry.
 *
 * @param periodStart when the statutory period started (receipt, transfer or decision)
 * @param action      the deadline's ExpiryAction name: ESCALATE_TO_BUREAU, or AUTO_ACT for Nanjing's mark
 * @param missedAt    when the deadline fired with the step undone; counted against the responsible department
 * @param escalated   the missed step went to the data bureau (rather than being done automatically)
 */
@DomainModel
public record CaseStep(Step step, String responsibleDepartment, Instant periodStart, Instant dueAt, String rule,
                       String citation, String action, Instant closedAt, boolean cancelled, Instant missedAt,
                       boolean escalated) {

    public boolean isOpen() {
        return closedAt == null;
    }

    /** Done before its due time; null while open or when cancelled. */
    public Boolean onTime() {
        return closedAt == null || cancelled ? null : closedAt.isBefore(dueAt);
    }

    CaseStep done(Instant at) {
        return new CaseStep(step, responsibleDepartment, periodStart, dueAt, rule, citation, action, at, false, missedAt, escalated);
    }

    CaseStep cancelledAt(Instant at) {
        return new CaseStep(step, responsibleDepartment, periodStart, dueAt, rule, citation, action, at, true, missedAt, escalated);
    }

    CaseStep missed(Instant at, boolean toBureau) {
        return new CaseStep(step, responsibleDepartment, periodStart, dueAt, rule, citation, action, closedAt, cancelled, at,
                toBureau);
    }
}
