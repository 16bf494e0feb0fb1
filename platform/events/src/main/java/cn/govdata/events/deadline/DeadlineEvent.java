package cn.govdata.events.deadline;

import java.time.Instant;

/**
 * A statutory deadline is close ({@code approaching}) or has passed ({@code missed}). The rule
 * citation lets a county platform show which article applies.
 */
public record DeadlineEvent(
        String deadlineId,
        String process,
        String step,
        String subjectId,
        String responsibleDepartment,
        Instant dueAt,
        String action,
        String ruleCitation,
        Instant firedAt) {
}
