package cn.govdata.platform.deadline;

import java.time.Duration;
import java.time.Instant;

/**
 * One registered deadline as workflows and the read API see it. Identified by
 * {@code process + step + subjectId}; {@code id} is the {@code deadlineId} in its events.
 *
 * @param receivedAt  when the period started to run; null when the workflow gave the due time directly
 * @param dueAt       exclusive end of the period: done at {@code dueAt} is late (see WorkingDayCalendar)
 * @param remindAt    when {@code DeadlineApproaching} is sent, {@code dueAt - remindBefore}; null without a reminder
 * @param rule        the RuleKey key the due time came from, e.g. {@code objection-mark}; null otherwise
 * @param ruleSource  REGULATION, PLATFORM_DEFAULT or OVERRIDE when the due time came from a rule
 * @param ruleCitation article the deadline rests on, e.g. {@code NJ 35}; null for platform defaults and overrides
 * @param closedAt    when the step was completed or cancelled
 * @param period      the period the due time was computed with, e.g. {@code 15wd}; null for a given {@code dueAt}
 * @param calendarBasis OFFICIAL when {@code dueAt} rests only on years with an official holiday notice,
 *                    PROVISIONAL when a year was derived from the holiday law; null for a given {@code dueAt}
 * @param rescheduledFrom the due time before the last holiday notice moved it; null if never moved
 * @param rescheduledAt when it was moved
 * @param rescheduleReason which notice moved it
 * @param reviewDueAt for a deadline that fired on a provisional due time: the due time the notice
 *                    later gave it, for the bureau to review; null otherwise
 * @param reviewReason which notice made the difference
 */
public record Deadline(
        String id,
        String process,
        String step,
        String subjectId,
        String responsibleDepartment,
        String region,
        Instant receivedAt,
        Instant dueAt,
        ExpiryAction action,
        Duration remindBefore,
        Instant remindAt,
        String rule,
        String ruleSource,
        String ruleCitation,
        DeadlineState state,
        Instant registeredAt,
        Instant remindedAt,
        Instant firedAt,
        Instant closedAt,
        String period,
        String calendarBasis,
        Instant rescheduledFrom,
        Instant rescheduledAt,
        String rescheduleReason,
        Instant reviewDueAt,
        String reviewReason) {
}
