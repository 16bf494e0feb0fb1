package cn.govdata.events.deadline;

import java.time.Instant;

/**
 * A statutory deadline is close ({@code approaching}) or has passed ({@code missed}). The rule
 * citation lets a county platform show which article applies; {@code calendarBasis} (OFFICIAL or
 * PROVISIONAL, null from producers before it existed) says whether the due time rests only on years
 * with an official holiday notice.
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
        Instant firedAt,
        String calendarBasis) {

    /** Without a calendar basis, as before the field existed. */
    public DeadlineEvent(String deadlineId, String process, String step, String subjectId, String responsibleDepartment,
                         Instant dueAt, String action, String ruleCitation, Instant firedAt) {
        this(deadlineId, process, step, subjectId, responsibleDepartment, dueAt, action, ruleCitation, firedAt, null);
    }
}
