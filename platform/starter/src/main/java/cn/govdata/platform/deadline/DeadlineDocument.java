package cn.govdata.platform.deadline;

import cn.govdata.platform.outbox.OutboxMessage;
import org.springframework.data.annotation.Id;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Storage shape of a deadline. The lease fields let one replica at a time fire it; the
 * {@code outbox} carries the event written in the same update that marks it reminded or fired,
 * which is what makes firing and publishing one atomic step without transactions.
 *
 * <p>{@code period} and {@code calendarYears} (every year whose days the due time was counted over)
 * let {@link DeadlineReplanning} recompute the due time when one of those years gets its notice.
 */
record DeadlineDocument(
        @Id String id,
        String process,
        String step,
        String subjectId,
        String responsibleDepartment,
        String region,
        Instant receivedAt,
        Instant dueAt,
        ExpiryAction action,
        String remindBefore,
        Instant remindAt,
        String rule,
        String ruleSource,
        String ruleCitation,
        DeadlineState state,
        Instant registeredAt,
        Instant remindedAt,
        Instant firedAt,
        Instant closedAt,
        String leaseOwner,
        Instant leaseUntil,
        int attempts,
        List<OutboxMessage> outbox,
        String period,
        String calendarBasis,
        List<Integer> calendarYears,
        Instant rescheduledFrom,
        Instant rescheduledAt,
        String rescheduleReason,
        Instant reviewDueAt,
        String reviewReason) {

    Deadline toDeadline() {
        return new Deadline(id, process, step, subjectId, responsibleDepartment, region, receivedAt, dueAt, action,
                remindBefore == null ? null : Duration.parse(remindBefore), remindAt, rule, ruleSource, ruleCitation, state,
                registeredAt, remindedAt, firedAt, closedAt, period, calendarBasis, rescheduledFrom, rescheduledAt,
                rescheduleReason, reviewDueAt, reviewReason);
    }
}
