package cn.govdata.audit.incident;

import cn.govdata.platform.test.KeepsKafkaBrokersProperty;
import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.policy.Deadlines;
import cn.govdata.policy.JurisdictionProfile;
import cn.govdata.policy.Period;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.time.Instant;

import static cn.govdata.audit.incident.IncidentFixtures.body;
import static cn.govdata.audit.incident.IncidentFixtures.officer;
import static cn.govdata.audit.incident.IncidentFixtures.operator;
import static cn.govdata.audit.incident.IncidentFixtures.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** NJ 34 sets no period; the platform's one day is a default a deployment may override. */
@PlatformIntegrationTest
@ExtendWith(KeepsKafkaBrokersProperty.class)
@TestPropertySource(properties = "govdata.policy.overrides.security-incident-notification=3d")
class NanjingIncidentOverrideTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JurisdictionProfile profile;
    @Autowired
    WorkingDayCalendar calendar;
    @Autowired
    EmbeddedKafkaBroker kafka;

    @Test
    @DisplayName("NJ 34: an override of security-incident-notification moves the notification deadline")
    void anOverrideChangesTheNotificationPeriod() throws Exception {
        var fixtures = new IncidentFixtures(mvc, kafka.getBrokersAsString());
        assertThat(profile.id()).isEqualTo("nanjing");
        JsonNode incident = body(fixtures.post("/api/audit/incidents", officer("PSB"), report("GENERAL", false, "PSB", "AMR"))
                .andExpect(status().isCreated()));
        String id = incident.get("id").asString();
        Instant reportedAt = Instant.parse(incident.get("reportedAt").asString());
        Instant dueAt = Instant.parse(incident.get("notificationDueAt").asString());

        assertThat(dueAt).isEqualTo(Deadlines.due(calendar, reportedAt, Period.calendarDays(3)))
                .isAfter(Deadlines.due(calendar, reportedAt, Period.calendarDays(1)));
        assertThat(incident.get("notificationBasis").asString()).contains("override");
        fixtures.read("/api/audit/deadlines?process=security-incident&size=200", operator())
                .andExpect(jsonPath("$.items[?(@.subjectId == '" + id + "')].ruleSource").value("OVERRIDE"))
                .andExpect(jsonPath("$.items[?(@.subjectId == '" + id + "')].period").value("3d"));
    }
}
