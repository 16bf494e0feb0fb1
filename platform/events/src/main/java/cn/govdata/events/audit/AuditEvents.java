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
}
