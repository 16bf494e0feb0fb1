package cn.govdata.events.audit;

import java.time.Instant;
import java.util.List;

/**
 * What the audit and supervision office tells departments and county platforms (topic
 * govdata.audit.v1). Each event names one department in {@code ce_department}, so a department's
 * own system can follow its feed by filtering on that header.
 */
public final class AuditEvents {

    private AuditEvents() {
    }

    /**
     * A department's usage log for one closed period (QZ 8.4: 使用日志推送给相应的数据生产应用单位):
     * who used its data ({@code asProvider}) and which data it used ({@code asConsumer}), grouped by
     * counterpart, resource and purpose. Lines beyond the digest's limit are summed into the totals
     * and {@code truncated} is set; the full log is at {@code usageLogPath}.
     */
    public record UsageLogDigest(String department, Instant periodStart, Instant periodEnd, long accesses, long records,
                                 List<UsageLine> asProvider, List<UsageLine> asConsumer, boolean truncated,
                                 String usageLogPath, Instant compiledAt) {
    }

    /**
     * One group of accesses: {@code counterpartDepartment} is the consumer in an {@code asProvider}
     * line and the provider in an {@code asConsumer} line; {@code users} are the people or partner
     * systems that made the calls.
     */
    public record UsageLine(String counterpartDepartment, String resourceId, String purpose, List<String> items,
                            List<String> users, long accesses, long records, Instant firstAt, Instant lastAt) {
    }

    /**
     * Early warning (SY 43): an access pattern out of the ordinary for this consumer. {@code kind} is
     * UNUSUAL_VOLUME (records in the window against the consumer's own moving baseline),
     * OFF_HOURS_BULK (records outside working hours on the official calendar) or ENUMERATION
     * (distinct record keys looked up in the window).
     */
    public record AbnormalAccessDetected(String alertId, String kind, String consumerDepartment, String clientId,
                                         List<String> providerDepartments, Instant windowStart, Instant windowEnd,
                                         long observed, double baseline, long threshold, String description,
                                         Instant detectedAt) {
    }

    /**
     * A department's supervision scorecard for one month (NT 31, SY 12, QY 47), as kept in the
     * published monthly snapshot. Scores are percentages; null means nothing to assess this month.
     */
    public record ScorecardPublished(String month, String department, Double overall, List<ScoreItem> items,
                                     Instant periodStart, Instant periodEnd, String jurisdiction, Instant takenAt) {
    }

    /** One scorecard line: {@code passed} of {@code total} cases met the rule. */
    public record ScoreItem(String item, Double score, long passed, long total, String basis) {
    }
    /**
     * A data security incident was entered in the register (NJ 34, SY 44; from an early warning of
     * kind {@code warningKind}, SY 43, when that is set). Free text (title, what happened, the suspected
     * cause) and the warning's id, which names the consumer's client or user, stay in the register;
     * the event carries only codes, flags and times.
     * {@code requiredNotifications} lists DEPARTMENT:&lt;code&gt;, BUREAU and, with personal
     * information involved, AFFECTED_USERS, all due by {@code notificationDueAt}.
     */
    public record IncidentReported(String incidentId, String severity, String reportingDepartment, List<String> affectedDepartments,
                                   List<String> affectedResources, boolean personalInformation, String warningKind,
                                   Instant detectedAt, Instant reportedAt, Instant notificationDueAt,
                                   List<String> requiredNotifications, String citation) {
    }

    /**
     * One notification of an incident was recorded: to a department ({@code recipientDepartment}),
     * the bureau or the affected users, through {@code channel}. {@code stillMissing} names the
     * required notifications not yet recorded.
     */
    public record IncidentNotified(String incidentId, String recipient, String recipientDepartment, String channel,
                                   Instant notifiedAt, boolean late, List<String> stillMissing, Instant recordedAt) {
    }

    /** The notification period ran out with required notifications missing (NJ 34, SY 44). */
    public record IncidentNotificationOverdue(String incidentId, String severity, Instant notificationDueAt,
                                              List<String> missing, String citation, Instant detectedAt) {
    }

    /** An incident was closed after every required notification had been recorded. */
    public record IncidentClosed(String incidentId, String severity, int containmentSteps, int notifications,
                                 boolean notifiedInTime, Instant reportedAt, Instant closedAt) {
    }
}
