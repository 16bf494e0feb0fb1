package cn.govdata.events;

import cn.govdata.events.audit.AuditEvents;

import java.util.List;

/** Event types of the audit and supervision office (audit-service); topic {@link Topics#AUDIT}. */
public final class AuditEventTypes {

    static final String SCHEMAS = "cn/govdata/events/schemas/";

    public static final EventType<AuditEvents.UsageLogDigest> USAGE_LOG_DIGEST = new EventType<>(
            "cn.govdata.audit.usage-log.digest.v1", Topics.AUDIT, AuditEvents.UsageLogDigest.class,
            SCHEMAS + "audit-usage-log-digest.v1.json");
    public static final EventType<AuditEvents.AbnormalAccessDetected> ABNORMAL_ACCESS_DETECTED = new EventType<>(
            "cn.govdata.audit.abnormal-access.detected.v1", Topics.AUDIT, AuditEvents.AbnormalAccessDetected.class,
            SCHEMAS + "audit-abnormal-access-detected.v1.json");
    public static final EventType<AuditEvents.ScorecardPublished> SCORECARD_PUBLISHED = new EventType<>(
            "cn.govdata.audit.scorecard.published.v1", Topics.AUDIT, AuditEvents.ScorecardPublished.class,
            SCHEMAS + "audit-scorecard-published.v1.json");

    /** Listed in {@link EventTypes#all()}. */
    public static final List<EventType<?>> ALL = List.of(USAGE_LOG_DIGEST, ABNORMAL_ACCESS_DETECTED, SCORECARD_PUBLISHED);

    private AuditEventTypes() {
    }
}
