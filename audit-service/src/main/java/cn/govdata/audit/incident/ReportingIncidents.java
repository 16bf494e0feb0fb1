package cn.govdata.audit.incident;

import cn.govdata.audit.AuditProperties;
import cn.govdata.audit.warning.EarlyWarnings;
import cn.govdata.domain.Refusal;
import cn.govdata.events.AuditEventTypes;
import cn.govdata.events.audit.AuditEvents;
import cn.govdata.platform.deadline.Deadline;
import cn.govdata.platform.deadline.DeadlineRegistry;
import cn.govdata.platform.deadline.DeadlineRequest;
import cn.govdata.platform.deadline.ExpiryAction;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.outbox.OutboxMessage;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;
import cn.govdata.policy.JurisdictionProfile;
import cn.govdata.policy.Period;
import cn.govdata.policy.Rule;
import cn.govdata.policy.RuleKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The data security incident register's use cases (NJ 34, SY 44): report, open from an early
 * warning (SY 43), log containment, record notifications, close. The notification duty is a
 * statutory deadline of the starter's registry, due when the profile's
 * {@code security-incident-notification} period has run from the report; it is completed when the
 * last required notification is recorded and otherwise fires {@link #notificationMissed}.
 */
@Component
class ReportingIncidents {

    static final String PROCESS = "security-incident";
    static final String STEP = "notification";
    private static final Logger log = LoggerFactory.getLogger(ReportingIncidents.class);

    private final Incidents incidents;
    private final DeadlineRegistry deadlines;
    private final EarlyWarnings warnings;
    private final Events events;
    private final Clock clock;
    private final JurisdictionProfile profile;
    private final IncidentMetrics metrics;
    private final String bureauDepartment;

    ReportingIncidents(Incidents incidents, DeadlineRegistry deadlines, EarlyWarnings warnings, Events events, Clock clock,
                       JurisdictionProfile profile, IncidentMetrics metrics, AuditProperties properties) {
        this.incidents = incidents;
        this.deadlines = deadlines;
        this.warnings = warnings;
        this.events = events;
        this.clock = clock;
        this.profile = profile;
        this.metrics = metrics;
        this.bureauDepartment = properties.bureauDepartment();
    }

    /** What a reporter says about an incident; validated by the web layer. */
    record Report(String title, String description, Instant detectedAt, Severity severity, List<String> affectedResources,
                  List<String> affectedDepartments, boolean personalInformation, String suspectedCause) {
    }

    SecurityIncident report(Report report, Caller caller) {
        requireReporter(caller);
        String id = "INC-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT);
        return open(id, report, null, caller);
    }

    /**
     * Opens the incident an early warning points to, with the warning's departments and window; one
     * incident per warning (409 naming the existing one on a second call).
     */
    SecurityIncident fromWarning(String alertId, Severity severity, Boolean personalInformation, String title, Caller caller) {
        if (!caller.isBureau() && !caller.isOperator()) {
            throw Refusal.forbidden("只有市数据局或平台运维人员可以依据预警登记安全事件");
        }
        EarlyWarnings.Warning warning = warnings.find(alertId).orElseThrow(() -> Refusal.notFound("Early warning", alertId));
        String id = "INC-W-" + digest(alertId);
        if (incidents.find(id).isPresent()) {
            throw Refusal.conflict("incident-exists", "该预警已登记为安全事件 " + id);
        }
        Report report = reportOf(warning, severity, personalInformation, title);
        return open(id, report, warning, caller);
    }

    /**
     * What an early warning says about the incident: the consumer and the providers whose data it
     * fetched are affected; severity defaults to GENERAL and personal information to "no" until the
     * person opening it says otherwise.
     */
    static Report reportOf(EarlyWarnings.Warning warning, Severity severity, Boolean personalInformation, String title) {
        Set<String> departments = new LinkedHashSet<>(warning.providerDepartments());
        departments.add(warning.consumerDepartment());
        return new Report(title == null || title.isBlank() ? "安全预警：" + warning.kind() : title.strip(),
                warning.description() + "（预警窗口 " + warning.windowStart() + " 至 " + warning.windowEnd() + "）",
                warning.detectedAt(), severity == null ? Severity.GENERAL : severity, List.of(), List.copyOf(departments),
                Boolean.TRUE.equals(personalInformation), "安全预警（" + warning.kind() + "）");
    }

    private SecurityIncident open(String id, Report report, EarlyWarnings.Warning warning, Caller caller) {
        String warningId = warning == null ? null : warning.alertId();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String department = caller.departmentCode().orElse(bureauDepartment);
        if (report.detectedAt().isAfter(now)) {
            throw Refusal.invalidField("detectedAt", "发现时间不能晚于当前时间");
        }
        Rule<Period> rule = profile.securityIncidentNotification();
        Deadline deadline = deadlines.register(DeadlineRequest.forStep(PROCESS, STEP, id)
                .responsible(department, null)
                .within(now, RuleKey.SECURITY_INCIDENT_NOTIFICATION)
                .onExpiry(ExpiryAction.MARK_OVERDUE));
        String basis = rule.citation() != null ? rule.citation() : rule.note();
        SecurityIncident incident = SecurityIncident.report(id, report.title().strip(), report.description().strip(),
                report.detectedAt(), report.severity(), clean(report.affectedResources()), clean(report.affectedDepartments()),
                report.personalInformation(), blankToNull(report.suspectedCause()), warningId, caller.actor(), department,
                caller.isBureau(), now, deadline.dueAt(), basis);
        var reported = new AuditEvents.IncidentReported(id, incident.severity().name(), department, incident.affectedDepartments(),
                incident.affectedResources(), incident.personalInformation(), warning == null ? null : warning.kind(), incident.detectedAt(), now,
                incident.notificationDueAt(), incident.required(), basis);
        try {
            incidents.insert(incident, List.of(events.create(AuditEventTypes.INCIDENT_REPORTED, id, department, null, reported)));
        } catch (DuplicateKeyException openedMeanwhile) {
            throw Refusal.conflict("incident-exists", "该预警已登记为安全事件 " + id);
        }
        if (incident.required().isEmpty()) {
            deadlines.complete(PROCESS, STEP, id);
        }
        metrics.refresh();
        // The reporter's name stays in the register; logs carry no personal identifiers.
        log.info("Security incident {} ({}) reported by {}; {} notifications due {}", id, incident.severity(), department,
                incident.required().size(), incident.notificationDueAt());
        return incident;
    }

    SecurityIncident get(String id, Caller caller) {
        SecurityIncident incident = incidents.get(id).incident();
        requireVisible(incident, caller);
        return incident;
    }

    /** The department whose incidents the caller may list; null for oversight, which sees all. */
    String listedDepartment(Caller caller) {
        if (oversees(caller)) {
            return null;
        }
        return caller.departmentCode().orElseThrow(() -> Refusal.forbidden("您的账号不属于任何部门，无法查看安全事件"));
    }

    SecurityIncident contain(String id, String action, Caller caller) {
        return change(id, caller, false, incident -> incident.contain(action.strip(), caller.actor(), clock.instant()), i -> List.of());
    }

    SecurityIncident recordNotification(String id, Recipient recipient, String department, Instant notifiedAt, Channel channel,
                                        String summary, Caller caller) {
        Instant now = clock.instant();
        SecurityIncident next = change(id, caller, false,
                incident -> incident.recordNotification(recipient, department, notifiedAt == null ? now : notifiedAt, channel,
                        summary.strip(), caller.actor(), now),
                incident -> {
                    SecurityIncident.Notification n = incident.notifications().get(incident.notifications().size() - 1);
                    var notified = new AuditEvents.IncidentNotified(id, n.recipient().name(), n.department(), n.channel().name(),
                            n.notifiedAt(), !n.notifiedAt().isBefore(incident.notificationDueAt()), incident.missing(), now);
                    String feed = n.department() != null ? n.department() : incident.reportingDepartment();
                    return List.of(events.create(AuditEventTypes.INCIDENT_NOTIFIED, id, feed, null, notified));
                });
        if (next.missing().isEmpty()) {
            deadlines.complete(PROCESS, STEP, id);
        }
        return next;
    }

    SecurityIncident close(String id, String summary, Caller caller) {
        Instant now = clock.instant();
        return change(id, caller, true, incident -> incident.close(summary.strip(), caller.actor(), now),
                incident -> List.of(events.create(AuditEventTypes.INCIDENT_CLOSED, id, incident.reportingDepartment(), null,
                        new AuditEvents.IncidentClosed(id, incident.severity().name(), incident.containment().size(),
                                incident.notifications().size(), incident.notifiedInTime(), incident.reportedAt(), now))));
    }

    /**
     * The notification period ran out (deadline handler). Marks the entry overdue and tells the
     * audit feed which notifications are missing; does nothing when they were all recorded meanwhile,
     * the entry is closed or already marked, so a repeated call changes nothing.
     */
    void notificationMissed(String id) {
        for (int attempt = 0; attempt < 5; attempt++) {
            var loaded = incidents.find(id);
            if (loaded.isEmpty() || !loaded.get().incident().overdueNow()) {
                return;
            }
            SecurityIncident incident = loaded.get().incident();
            SecurityIncident next = incident.markOverdue();
            var overdue = new AuditEvents.IncidentNotificationOverdue(id, incident.severity().name(), incident.notificationDueAt(),
                    incident.missing(), incident.citation(), clock.instant());
            if (incidents.update(loaded.get(), next, List.of(events.create(AuditEventTypes.INCIDENT_NOTIFICATION_OVERDUE, id,
                    incident.reportingDepartment(), null, overdue)))) {
                metrics.refresh();
                log.warn("Security incident {}: notification period ran out at {} with {} missing", id,
                        incident.notificationDueAt(), incident.missing());
                return;
            }
        }
        throw new IllegalStateException("Security incident " + id + " kept changing while being marked overdue; retried later");
    }

    private SecurityIncident change(String id, Caller caller, boolean closing, UnaryOperator<SecurityIncident> change,
                                    java.util.function.Function<SecurityIncident, List<OutboxMessage>> eventsOf) {
        var loaded = incidents.get(id);
        SecurityIncident incident = loaded.incident();
        requireVisible(incident, caller);
        requireActor(incident, caller, closing);
        SecurityIncident next = change.apply(incident);
        if (!incidents.update(loaded, next, eventsOf.apply(next))) {
            throw Refusal.conflict("concurrent-change", "安全事件 " + id + " 刚被他人修改，请刷新后重试");
        }
        metrics.refresh();
        return next;
    }

    private void requireReporter(Caller caller) {
        if (!caller.isBureau() && !caller.isOperator()
                && !(caller.hasRole(Roles.DEPT_DATA_OFFICER) && caller.departmentCode().isPresent())) {
            throw Refusal.forbidden("只有部门数据管理员、平台运维人员或市数据局可以报告安全事件");
        }
    }

    private static boolean oversees(Caller caller) {
        return caller.isBureau() || caller.isOperator() || caller.isAuditor();
    }

    private static boolean concerns(SecurityIncident incident, Caller caller) {
        return caller.departmentCode().map(own -> own.equals(incident.reportingDepartment())
                || incident.affectedDepartments().contains(own)).orElse(false);
    }

    private static void requireVisible(SecurityIncident incident, Caller caller) {
        if (!oversees(caller) && !concerns(incident, caller)) {
            throw Refusal.forbidden("部门只能查看本部门报告或涉及本部门的安全事件");
        }
    }

    /**
     * The bureau and operators act on every entry. A department's data officers log containment and
     * notifications where their department reported or is affected, and close what their department reported.
     */
    private static void requireActor(SecurityIncident incident, Caller caller, boolean closing) {
        if (caller.isBureau() || caller.isOperator()) {
            return;
        }
        boolean officer = caller.hasRole(Roles.DEPT_DATA_OFFICER);
        boolean reporter = caller.departmentCode().map(incident.reportingDepartment()::equals).orElse(false);
        if (!officer || (closing ? !reporter : !concerns(incident, caller))) {
            throw Refusal.forbidden(closing ? "只有报告部门的数据管理员、平台运维人员或市数据局可以结案"
                    : "只有相关部门的数据管理员、平台运维人员或市数据局可以更新安全事件");
        }
    }

    private static List<String> clean(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).distinct().toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
