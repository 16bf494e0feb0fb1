package cn.govdata.audit.incident;

import cn.govdata.audit.warning.EarlyWarnings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecurityIncidentTest {

    static final Instant REPORTED = Instant.parse("2026-11-20T02:00:00Z");
    static final Instant DUE = Instant.parse("2026-11-21T16:00:00Z");

    static SecurityIncident reportedBy(String department, boolean bureau, boolean personalInformation, String... affected) {
        return SecurityIncident.report("INC-1", "接口凭证外泄", "共享接口凭证出现在公开代码仓库", REPORTED.minus(Duration.ofHours(2)),
                Severity.SERIOUS, List.of("RES-1"), List.of(affected), personalInformation, "凭证管理不当", null, "wang.li",
                department, bureau, REPORTED, DUE, "NJ 34");
    }

    static SecurityIncident notified(SecurityIncident incident, Recipient recipient, String department) {
        return incident.recordNotification(recipient, department, REPORTED.plusSeconds(600), Channel.OFFICIAL_DOCUMENT, "已告知",
                "wang.li", REPORTED.plusSeconds(900));
    }

    @Test
    @DisplayName("NJ 34 ¶2 / SY 44: with personal information involved, the affected users must be informed as well as the bureau and the affected departments")
    void personalInformationMakesInformingTheAffectedUsersARequiredStep() {
        SecurityIncident incident = reportedBy("PSB", false, true, "PSB", "AMR");

        assertThat(incident.required()).containsExactly("DEPARTMENT:AMR", "BUREAU", "AFFECTED_USERS");
        assertThat(reportedBy("PSB", false, false, "PSB", "AMR").required()).containsExactly("DEPARTMENT:AMR", "BUREAU");
    }

    @Test
    @DisplayName("SY 44: the reporting department need not notify itself, and the bureau reporting needs no report to itself")
    void theReporterIsNeverItsOwnRequiredRecipient() {
        assertThat(reportedBy("BDB", true, false, "PSB", "BDB").required()).containsExactly("DEPARTMENT:PSB");
    }

    @Test
    @DisplayName("NJ 34 / SY 44: closing with a required notification missing is refused, naming each missing one in Chinese")
    void closingIsRefusedWhileANotificationIsMissing() {
        SecurityIncident incident = notified(reportedBy("PSB", false, true, "AMR"), Recipient.DEPARTMENT, "AMR");

        assertThatThrownBy(() -> incident.close("已处置", "wang.li", REPORTED.plusSeconds(3600)))
                .isInstanceOfSatisfying(IncidentRefusal.class, refusal -> {
                    assertThat(refusal.reason()).isEqualTo(IncidentRefusal.Reason.NOTIFICATIONS_MISSING);
                    assertThat(refusal.missing()).containsExactly("BUREAU", "AFFECTED_USERS");
                    assertThat(refusal.getMessage()).contains("数据主管部门（市数据局）", "可能受到影响的用户")
                            .doesNotContain("受影响部门 AMR");
                });
    }

    @Test
    @DisplayName("NJ 34 / SY 44: once every required notification is recorded the incident closes, and only then")
    void allNotificationsRecordedLetTheIncidentClose() {
        SecurityIncident incident = reportedBy("PSB", false, true, "AMR");
        for (var step : List.of(Recipient.DEPARTMENT, Recipient.BUREAU, Recipient.AFFECTED_USERS)) {
            assertThat(incident.missing()).isNotEmpty();
            incident = notified(incident, step, step == Recipient.DEPARTMENT ? "AMR" : null);
        }

        SecurityIncident closed = incident.close("凭证已吊销并更换", "wang.li", REPORTED.plusSeconds(3600));

        assertThat(closed.state()).isEqualTo(SecurityIncident.State.CLOSED);
        assertThat(closed.closure().summary()).isEqualTo("凭证已吊销并更换");
        assertThat(closed.notifiedInTime()).isTrue();
    }

    @Test
    @DisplayName("NJ 34: containment steps are appended in order, and a closed incident takes no more")
    void containmentIsAnAppendOnlyLog() {
        SecurityIncident incident = reportedBy("PSB", false, false, "PSB")
                .contain("吊销泄露的凭证", "wang.li", REPORTED.plusSeconds(60))
                .contain("更换接口密钥", "li.na", REPORTED.plusSeconds(120));
        assertThat(incident.containment()).extracting(SecurityIncident.ContainmentStep::action).containsExactly("吊销泄露的凭证", "更换接口密钥");

        SecurityIncident closed = notified(incident, Recipient.BUREAU, null).close("完毕", "wang.li", REPORTED.plusSeconds(3600));

        assertThatThrownBy(() -> closed.contain("补记", "wang.li", REPORTED.plusSeconds(7200)))
                .isInstanceOfSatisfying(IncidentRefusal.class, r -> assertThat(r.reason()).isEqualTo(IncidentRefusal.Reason.CLOSED));
    }

    @Test
    @DisplayName("SY 44: a notification after the period counts as given but late, and a department notification must name the department")
    void lateAndIncompleteNotifications() {
        SecurityIncident incident = reportedBy("PSB", false, false, "AMR");
        assertThatThrownBy(() -> notified(incident, Recipient.DEPARTMENT, null))
                .isInstanceOfSatisfying(IncidentRefusal.class, r -> assertThat(r.field()).isEqualTo("department"));
        assertThatThrownBy(() -> incident.recordNotification(Recipient.BUREAU, null, REPORTED.plusSeconds(60), Channel.PHONE, "x",
                "wang.li", REPORTED))
                .isInstanceOfSatisfying(IncidentRefusal.class, r -> assertThat(r.field()).isEqualTo("notifiedAt"));

        SecurityIncident late = incident.recordNotification(Recipient.DEPARTMENT, "AMR", DUE, Channel.PHONE, "x", "wang.li", DUE)
                .recordNotification(Recipient.BUREAU, null, REPORTED, Channel.PHONE, "x", "wang.li", DUE);

        assertThat(late.missing()).isEmpty();
        assertThat(late.notifiedInTime()).isFalse();
    }

    @Test
    @DisplayName("NJ 34 / SY 44: the notification duty goes overdue only while something is missing, and once")
    void overdueOnlyWithSomethingMissing() {
        SecurityIncident incident = reportedBy("PSB", false, false, "AMR");
        assertThat(incident.overdueNow()).isTrue();
        assertThat(incident.markOverdue().overdueNow()).isFalse();
        SecurityIncident done = notified(notified(incident, Recipient.DEPARTMENT, "AMR"), Recipient.BUREAU, null);
        assertThat(done.overdueNow()).isFalse();
    }

    @Test
    @DisplayName("SY 43: an incident opened from an early warning names the warning's consumer and providers as affected and links the warning")
    void anEarlyWarningBecomesAReport() {
        var warning = new EarlyWarnings.Warning("ENUMERATION|HRSS/hrss-system|2026-11-20T02:20:00Z", "ENUMERATION", "HRSS",
                List.of("PSB", "AMR"), REPORTED.minusSeconds(600), REPORTED, "301 single-record lookups", REPORTED);

        ReportingIncidents.Report report = ReportingIncidents.reportOf(warning, null, null, null);

        assertThat(report.affectedDepartments()).containsExactly("PSB", "AMR", "HRSS");
        assertThat(report.severity()).isEqualTo(Severity.GENERAL);
        assertThat(report.personalInformation()).isFalse();
        assertThat(report.detectedAt()).isEqualTo(REPORTED);
        assertThat(report.title()).contains("ENUMERATION");
        assertThat(ReportingIncidents.reportOf(warning, Severity.MAJOR, true, "批量遍历").severity()).isEqualTo(Severity.MAJOR);
    }
}
