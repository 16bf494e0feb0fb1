package cn.govdata.audit.incident;

import cn.govdata.platform.test.KeepsKafkaBrokersProperty;
import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.events.AuditEventTypes;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.policy.Deadlines;
import cn.govdata.policy.JurisdictionProfile;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static cn.govdata.audit.incident.IncidentFixtures.body;
import static cn.govdata.audit.incident.IncidentFixtures.bureau;
import static cn.govdata.audit.incident.IncidentFixtures.consumer;
import static cn.govdata.audit.incident.IncidentFixtures.notification;
import static cn.govdata.audit.incident.IncidentFixtures.officer;
import static cn.govdata.audit.incident.IncidentFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The incident register under Shenyang's profile: SY 43 early warnings open incidents, SY 44 notification duties. */
@PlatformIntegrationTest
@ExtendWith(KeepsKafkaBrokersProperty.class)
@TestPropertySource(properties = {
        "govdata.jurisdiction=shenyang",
        "govdata.time.adjustable=true",
        "govdata.deadlines.poll-interval=200ms"})
class ShenyangIncidentRegisterTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    JurisdictionProfile profile;
    @Autowired
    WorkingDayCalendar calendar;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Clock clock;
    /** This context's broker: the brokers system property names whichever context started last. */
    @Autowired
    EmbeddedKafkaBroker kafka;

    IncidentFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new IncidentFixtures(mvc, kafka.getBrokersAsString());
    }

    /** An early warning as the access watch stores it: HRSS's system walked through PSB's records. */
    String warning() {
        Instant now = clock.instant();
        String id = "ENUMERATION|HRSS/hrss-system|" + now;
        mongo.insert(new Document("_id", id).append("kind", "ENUMERATION").append("consumerDepartment", "HRSS")
                .append("clientId", "hrss-system").append("providerDepartments", List.of("PSB"))
                .append("windowStart", Date.from(now.minusSeconds(600))).append("windowEnd", Date.from(now))
                .append("observed", 301L).append("baseline", 0.0).append("threshold", 300L)
                .append("description", "301 single-record lookups within PT10M").append("detectedAt", Date.from(now)), "access_alerts");
        return id;
    }

    @Test
    @DisplayName("SY 43 / SY 44: an early warning opens an incident in one call; notifications missing at the Shenyang profile's due time go overdue")
    void aWarningBecomesAnIncidentWhoseMissingNotificationsGoOverdue() throws Exception {
        assertThat(profile.id()).isEqualTo("shenyang");
        String alertId = warning();
        var request = Map.of("alertId", alertId, "severity", "MAJOR", "personalInformation", true);
        fixtures.post("/api/audit/incidents/from-warning", officer("PSB"), request).andExpect(status().isForbidden());
        JsonNode incident = body(fixtures.post("/api/audit/incidents/from-warning", bureau(), request)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.warningId").value(alertId))
                .andExpect(jsonPath("$.severity").value("MAJOR"))
                .andExpect(jsonPath("$.reportingDepartment").value("BDB")));
        String id = incident.get("id").asString();
        // The bureau reported it itself; PSB (provider), HRSS (the consumer) and the users are to be told.
        assertThat(incident.get("requiredNotifications").toString())
                .isEqualTo("[\"DEPARTMENT:PSB\",\"DEPARTMENT:HRSS\",\"AFFECTED_USERS\"]");
        Instant reportedAt = Instant.parse(incident.get("reportedAt").asString());
        Instant dueAt = Instant.parse(incident.get("notificationDueAt").asString());
        assertThat(dueAt).isEqualTo(Deadlines.due(calendar, reportedAt, profile.securityIncidentNotification().value()));
        assertThat(incident.get("notificationBasis").asString()).contains("SY 44");
        fixtures.post("/api/audit/incidents/from-warning", bureau(), request)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(id)));
        fixtures.read("/api/audit/incidents/" + id, consumer("HRSS")).andExpect(status().isOk());
        String reported = fixtures.awaitEvent(AuditEventTypes.INCIDENT_REPORTED, id);
        assertThat(IncidentFixtures.JSON.readTree(reported).path("warningKind").asString()).isEqualTo("ENUMERATION");
        assertThat(reported).doesNotContain("hrss-system");

        fixtures.post("/api/audit/incidents/" + id + "/notifications", bureau(), notification("DEPARTMENT", "PSB"))
                .andExpect(status().isOk());
        fixtures.post("/api/audit/time/advance", operator(), Map.of("by", "P3D"))
                .andExpect(status().isOk());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                fixtures.read("/api/audit/incidents/" + id, bureau()).andExpect(jsonPath("$.notificationOverdue").value(true)));
        JsonNode overdue = IncidentFixtures.JSON.readTree(fixtures.awaitEvent(AuditEventTypes.INCIDENT_NOTIFICATION_OVERDUE, id));
        assertThat(overdue.path("missing").toString()).isEqualTo("[\"DEPARTMENT:HRSS\",\"AFFECTED_USERS\"]");
        fixtures.read("/api/audit/deadlines?process=security-incident&size=200", operator())
                .andExpect(jsonPath("$.items[?(@.subjectId == '" + id + "')].state").value("FIRED"));
        assertThat(meters.get("audit_security_incident_notifications_overdue").gauge().value()).isEqualTo(1.0);
        fixtures.post("/api/audit/incidents/" + id + "/closure", bureau(), Map.of("summary", "x"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("受影响部门 HRSS")));

        // Late is still better than never: recorded, marked late, and then the incident can close.
        fixtures.post("/api/audit/incidents/" + id + "/notifications", officer("HRSS"), notification("DEPARTMENT", "HRSS"))
                .andExpect(status().isOk());
        fixtures.post("/api/audit/incidents/" + id + "/notifications", bureau(), notification("AFFECTED_USERS", null))
                .andExpect(status().isOk());
        fixtures.post("/api/audit/incidents/" + id + "/closure", bureau(), Map.of("summary", "已封禁该客户端并约谈"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.notificationOverdue").value(true));
        assertThat(meters.get("audit_security_incident_notifications_overdue").gauge().value()).isZero();
        JsonNode closed = IncidentFixtures.JSON.readTree(fixtures.awaitEvent(AuditEventTypes.INCIDENT_CLOSED, id));
        assertThat(closed.path("notifiedInTime").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("SY 43: opening an incident from a warning that does not exist is a 404")
    void anUnknownWarningIsNotFound() throws Exception {
        fixtures.post("/api/audit/incidents/from-warning", operator(), Map.of("alertId", "ENUMERATION|NOBODY|x"))
                .andExpect(status().isNotFound());
    }
}
