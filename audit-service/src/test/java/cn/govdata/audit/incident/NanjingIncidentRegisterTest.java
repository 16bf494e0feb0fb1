package cn.govdata.audit.incident;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.events.AuditEventTypes;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.policy.Deadlines;
import cn.govdata.policy.JurisdictionProfile;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.govdata.audit.incident.IncidentFixtures.approver;
import static cn.govdata.audit.incident.IncidentFixtures.auditor;
import static cn.govdata.audit.incident.IncidentFixtures.body;
import static cn.govdata.audit.incident.IncidentFixtures.citizen;
import static cn.govdata.audit.incident.IncidentFixtures.consumer;
import static cn.govdata.audit.incident.IncidentFixtures.notification;
import static cn.govdata.audit.incident.IncidentFixtures.officer;
import static cn.govdata.audit.incident.IncidentFixtures.operator;
import static cn.govdata.audit.incident.IncidentFixtures.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The incident register under the default profile, Nanjing (NJ 34). */
@PlatformIntegrationTest
class NanjingIncidentRegisterTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JurisdictionProfile profile;
    @Autowired
    WorkingDayCalendar calendar;
    @Autowired
    MeterRegistry meters;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    IncidentFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new IncidentFixtures(mvc, brokers);
    }

    @Test
    @DisplayName("NJ 34: notifications are due by the Nanjing profile's period, closure waits for the bureau, the affected department and the users")
    void aDepartmentsIncidentRunsFromReportToClosure() throws Exception {
        assertThat(profile.id()).isEqualTo("nanjing");
        JsonNode reported = body(fixtures.post("/api/audit/incidents", officer("PSB"), report("SERIOUS", true, "PSB", "AMR"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.state").value("OPEN"))
                .andExpect(jsonPath("$.reportingDepartment").value("PSB"))
                .andExpect(jsonPath("$.severityLabel").value("较大")));
        String id = reported.get("id").asString();
        Instant reportedAt = Instant.parse(reported.get("reportedAt").asString());
        assertThat(Instant.parse(reported.get("notificationDueAt").asString()))
                .isEqualTo(Deadlines.due(calendar, reportedAt, profile.securityIncidentNotification().value()));
        assertThat(reported.get("notificationBasis").asString()).contains("NJ 34");
        assertThat(reported.get("requiredNotifications").toString()).isEqualTo("[\"DEPARTMENT:AMR\",\"BUREAU\",\"AFFECTED_USERS\"]");
        fixtures.read("/api/audit/deadlines?process=security-incident&size=200", operator())
                .andExpect(jsonPath("$.items[?(@.subjectId == '" + id + "')].rule").value("security-incident-notification"))
                .andExpect(jsonPath("$.items[?(@.subjectId == '" + id + "')].ruleSource").value("PLATFORM_DEFAULT"))
                .andExpect(jsonPath("$.items[?(@.subjectId == '" + id + "')].period").value("1d"))
                .andExpect(jsonPath("$.items[?(@.subjectId == '" + id + "')].responsibleDepartment").value("PSB"));
        String reportedEvent = fixtures.awaitEvent(AuditEventTypes.INCIDENT_REPORTED, id);
        assertThat(reportedEvent).doesNotContain("psb-officer").doesNotContain("凭证");

        // Who sees it: the reporter, the affected department and oversight; not an unconcerned department, never citizens.
        fixtures.read("/api/audit/incidents/" + id, approver("AMR")).andExpect(status().isOk());
        fixtures.read("/api/audit/incidents/" + id, consumer("HRSS")).andExpect(status().isForbidden());
        fixtures.read("/api/audit/incidents/" + id, citizen()).andExpect(status().isForbidden());
        fixtures.read("/api/audit/incidents", citizen()).andExpect(status().isForbidden());
        fixtures.read("/api/audit/incidents?size=500", consumer("AMR")).andExpect(jsonPath("$.items[*].id", hasItem(id)));
        fixtures.read("/api/audit/incidents?size=500", consumer("HRSS")).andExpect(jsonPath("$.items[*].id", not(hasItem(id))));
        fixtures.read("/api/audit/incidents?state=OPEN&size=500", auditor()).andExpect(jsonPath("$.items[*].id", hasItem(id)));
        fixtures.post("/api/audit/incidents/" + id + "/containment", auditor(), Map.of("action", "x")).andExpect(status().isForbidden());

        fixtures.post("/api/audit/incidents/" + id + "/containment", officer("PSB"), Map.of("action", "吊销泄露的接口凭证"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.containment[0].by").value("psb-officer"));
        fixtures.post("/api/audit/incidents/" + id + "/containment", officer("HRSS"), Map.of("action", "x"))
                .andExpect(status().isForbidden());
        fixtures.post("/api/audit/incidents/" + id + "/notifications", officer("PSB"), notification("DEPARTMENT", "AMR"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.missingNotifications.length()").value(2));

        fixtures.post("/api/audit/incidents/" + id + "/closure", officer("PSB"), Map.of("summary", "已处置"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("数据主管部门（市数据局）")))
                .andExpect(jsonPath("$.detail").value(containsString("可能受到影响的用户")))
                .andExpect(jsonPath("$.missing.length()").value(2));

        fixtures.post("/api/audit/incidents/" + id + "/notifications", officer("PSB"), notification("BUREAU", null))
                .andExpect(status().isOk());
        fixtures.post("/api/audit/incidents/" + id + "/notifications", officer("PSB"), notification("AFFECTED_USERS", null))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.missingNotifications.length()").value(0));
        fixtures.read("/api/audit/deadlines?process=security-incident&size=200", operator())
                .andExpect(jsonPath("$.items[?(@.subjectId == '" + id + "')].state").value("COMPLETED"));
        fixtures.post("/api/audit/incidents/" + id + "/closure", officer("AMR"), Map.of("summary", "已处置"))
                .andExpect(status().isForbidden());
        fixtures.post("/api/audit/incidents/" + id + "/closure", officer("PSB"), Map.of("summary", "凭证已更换，未发现数据被调用"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("CLOSED"))
                .andExpect(jsonPath("$.closure.summary").value("凭证已更换，未发现数据被调用"));
        fixtures.post("/api/audit/incidents/" + id + "/containment", officer("PSB"), Map.of("action", "补记"))
                .andExpect(status().isConflict());

        String notified = fixtures.awaitEvent(AuditEventTypes.INCIDENT_NOTIFIED, id);
        assertThat(notified).doesNotContain("已电话告知").doesNotContain("psb-officer");
        String closed = fixtures.awaitEvent(AuditEventTypes.INCIDENT_CLOSED, id);
        assertThat(IncidentFixtures.JSON.readTree(closed).path("notifiedInTime").asBoolean()).isTrue();
        assertThat(closed).doesNotContain("凭证已更换");
    }

    @Test
    @DisplayName("NJ 34: a report needs a severity from the fixed list, whether personal information is involved, and a detection time not in the future")
    void incompleteReportsAreRefusedNamingTheField() throws Exception {
        var noPersonalInformation = new java.util.HashMap<>(report("GENERAL", false, "PSB"));
        noPersonalInformation.remove("personalInformation");
        fixtures.post("/api/audit/incidents", officer("PSB"), noPersonalInformation)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("personalInformation"));
        fixtures.post("/api/audit/incidents", officer("PSB"), new java.util.HashMap<>(Map.of("title", "t"))).andExpect(status().isBadRequest());
        var unknownSeverity = new java.util.HashMap<>(report("GENERAL", false, "PSB"));
        unknownSeverity.put("severity", "CATASTROPHIC");
        fixtures.post("/api/audit/incidents", officer("PSB"), unknownSeverity).andExpect(status().isBadRequest());
        var future = new java.util.HashMap<>(report("GENERAL", false, "PSB"));
        future.put("detectedAt", Instant.now().plusSeconds(86_400).toString());
        fixtures.post("/api/audit/incidents", officer("PSB"), future)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("detectedAt"));
        fixtures.post("/api/audit/incidents", consumer("PSB"), report("GENERAL", false, "PSB")).andExpect(status().isForbidden());
        fixtures.post("/api/audit/incidents", citizen(), report("GENERAL", false, "PSB")).andExpect(status().isForbidden());
        fixtures.read("/api/audit/incidents/INC-NONE", auditor()).andExpect(status().isNotFound());
    }

    @Test
    @DisplayName("NJ 34: open incidents are counted by severity for the dashboard")
    void openIncidentsAreCountedBySeverity() throws Exception {
        double before = meters.get("audit_security_incidents_open").tag("severity", "ESPECIALLY_MAJOR").gauge().value();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ids.add(body(fixtures.post("/api/audit/incidents", operator(), report("ESPECIALLY_MAJOR", false, "PSB"))
                    .andExpect(status().isCreated())
                    .andExpect(jsonPath("$.reportingDepartment").value("BDB"))
                    .andExpect(jsonPath("$.requiredNotifications[0]").value("DEPARTMENT:PSB"))).get("id").asString());
        }
        assertThat(meters.get("audit_security_incidents_open").tag("severity", "ESPECIALLY_MAJOR").gauge().value()).isEqualTo(before + 2);
        assertThat(meters.get("audit_security_incident_notifications_overdue").gauge().value()).isZero();
    }
}
