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

    public static final EventType<AuditEvents.IncidentReported> INCIDENT_REPORTED = new EventType<>(
            "cn.govdata.audit.incident.reported.v1", Topics.AUDIT, AuditEvents.IncidentReported.class,
            SCHEMAS + "audit-incident-reported.v1.json");
    public static final EventType<AuditEvents.IncidentNotified> INCIDENT_NOTIFIED = new EventType<>(
            "cn.govdata.audit.incident.notified.v1", Topics.AUDIT, AuditEvents.IncidentNotified.class,
            SCHEMAS + "audit-incident-notified.v1.json");
    public static final EventType<AuditEvents.IncidentNotificationOverdue> INCIDENT_NOTIFICATION_OVERDUE = new EventType<>(
            "cn.govdata.audit.incident.notification-overdue.v1", Topics.AUDIT, AuditEvents.IncidentNotificationOverdue.class,
            SCHEMAS + "audit-incident-notification-overdue.v1.json");
    public static final EventType<AuditEvents.IncidentClosed> INCIDENT_CLOSED = new EventType<>(
            "cn.govdata.audit.incident.closed.v1", Topics.AUDIT, AuditEvents.IncidentClosed.class,
            SCHEMAS + "audit-incident-closed.v1.json");

    /** Listed in {@link EventTypes#all()}. */
    public static final List<EventType<?>> ALL = List.of(USAGE_LOG_DIGEST, ABNORMAL_ACCESS_DETECTED, SCORECARD_PUBLISHED,
            INCIDENT_REPORTED, INCIDENT_NOTIFIED, INCIDENT_NOTIFICATION_OVERDUE, INCIDENT_CLOSED);

    private AuditEventTypes() {
    }
}
