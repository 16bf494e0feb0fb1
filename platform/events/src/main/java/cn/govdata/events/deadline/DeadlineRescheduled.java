package cn.govdata.events.deadline;

import java.time.Instant;

/**
 * A pending deadline's due time moved because the holiday schedule of a year it depended on became
 * official or was replaced. Sent once per move, keyed by the subject like the other deadline events,
 * with {@code ce_department} the responsible department.
 *
 * @param previousDueAt the due time before the notice, exclusive end as always
 * @param dueAt         the due time now
 * @param calendarBasis OFFICIAL or PROVISIONAL: what {@code dueAt} rests on
 * @param noticeYear    the year whose schedule changed
 * @param notice        the notice's title and document number
 * @param reason        human-readable, e.g. "2027 holiday notice 国办发明电〔2026〕N号 loaded"
 */
public record DeadlineRescheduled(
        String deadlineId,
        String process,
        String step,
        String subjectId,
        String responsibleDepartment,
        Instant previousDueAt,
        Instant dueAt,
        String calendarBasis,
        String ruleCitation,
        int noticeYear,
        String notice,
        String reason,
        Instant rescheduledAt) {
}
