package cn.govdata.objection;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.EventTypes;
import cn.govdata.events.ObjectionEventTypes;
import cn.govdata.events.SchemaAssertions;
import cn.govdata.events.Topics;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.PlatformIntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static cn.govdata.objection.ObjectionFixtures.BUREAU;
import static cn.govdata.objection.ObjectionFixtures.OPERATOR;
import static cn.govdata.objection.ObjectionFixtures.approver;
import static cn.govdata.objection.ObjectionFixtures.consumer;
import static cn.govdata.objection.ObjectionFixtures.objection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * QZ 7.2 end to end under Quanzhou's profile: problem data a consumer department reports is
 * dispatched to the producing unit, which verifies within 5 working days and, having decided to
 * correct, fixes within 10 working days of the decision; a missed step is escalated to the bureau
 * and counted against the unit. Moves the clock, so the context is its own and closed afterwards.
 */
@PlatformIntegrationTest
@TestPropertySource(properties = {"govdata.jurisdiction=quanzhou", "govdata.time.adjustable=true",
        "govdata.deadlines.poll-interval=200ms", "govdata.deadlines.lease=2s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class QuanzhouObjectionFlowTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    WorkingDayCalendar calendar;
    @Autowired
    EmbeddedKafkaBroker embeddedKafka;

    @Test
    @DisplayName("QZ 7.2: a consumer department's report is verified within 5 working days of dispatch and fixed within 10 of the "
            + "decision; each due time is the end of that working day, and a missed one is escalated to the bureau")
    void aConsumerReportRunsQuanzhousPeriodsAndIsEscalatedWhenTheUnitMissesThem() throws Exception {
        var fixtures = new ObjectionFixtures(mvc, json, embeddedKafka.getBrokersAsString());
        String resource = fixtures.published("PSB", "户籍人口基本信息", List.of("住址"));

        // Two reports by the civil affairs bureau's consumer: one the unit leaves undecided, one it decides to correct.
        String late = report(fixtures, resource, "HJ-350502-000001");
        String corrected = report(fixtures, resource, "HJ-350502-000002");

        JsonNode routedLate = route(late);
        Instant lateRoutedAt = Instant.parse(routedLate.get("routing").get("routedAt").asString());
        JsonNode lateDecision = step(routedLate, "source-decision");
        assertThat(lateDecision.get("citation").asString()).isEqualTo("QZ 7.2");
        assertThat(lateDecision.get("rule").asString()).isEqualTo("objection-source-decision");
        assertThat(lateDecision.get("responsibleDepartment").asString()).isEqualTo("PSB");
        Instant decisionDue = Instant.parse(lateDecision.get("dueAt").asString());
        assertThat(decisionDue).isEqualTo(endOfWorkingDaysAfter(lateRoutedAt, 5));

        route(corrected);
        JsonNode decided = json.readTree(mvc.perform(post("/api/objections/cases/" + corrected + "/decision").with(approver("PSB"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"decision\":\"CORRECT\",\"reasons\":\"经核对户籍档案，住址登记有误\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("CORRECTING")).andReturn().getResponse().getContentAsString());
        Instant decidedAt = Instant.parse(decided.get("decision").get("decidedAt").asString());
        JsonNode fix = step(decided, "fix");
        assertThat(fix.get("citation").asString()).isEqualTo("QZ 7.2");
        assertThat(fix.get("responsibleDepartment").asString()).isEqualTo("PSB");
        Instant fixDue = Instant.parse(fix.get("dueAt").asString());
        assertThat(fixDue).isEqualTo(endOfWorkingDaysAfter(decidedAt, 10));
        assertThat(fixDue).isAfter(decisionDue);

        // The 5 working days run out first: the undecided report is escalated, the one being fixed is not.
        advancePast(decisionDue);
        assertEscalated(late, "source-decision", decisionDue);
        mvc.perform(get("/api/objections/cases/" + corrected).with(OPERATOR))
                .andExpect(jsonPath("$.escalated").value(false))
                .andExpect(jsonPath("$.deadlines[?(@.step=='fix')].state").value("OPEN"));

        // Then the 10 working days to fix.
        advancePast(fixDue);
        assertEscalated(corrected, "fix", fixDue);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> mvc.perform(get("/api/objections/stats").with(BUREAU))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.departments[?(@.department=='PSB')].missedBySteps.source-decision").value(1))
                .andExpect(jsonPath("$.departments[?(@.department=='PSB')].missedBySteps.fix").value(1))
                .andExpect(jsonPath("$.departments[?(@.department=='PSB')].escalated").value(2)));

        // Fixed late: the case closes, the step is recorded as late.
        mvc.perform(post("/api/objections/cases/" + corrected + "/correction").with(approver("PSB"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"correctedFields\":[\"住址\"],\"note\":\"已在源头更正并重新汇聚\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("CORRECTED"))
                .andExpect(jsonPath("$.deadlines[?(@.step=='fix')].onTime").value(false))
                .andExpect(jsonPath("$.deadlines[?(@.step=='fix')].escalated").value(true));
    }

    private String report(ObjectionFixtures fixtures, String resource, String recordKey) throws Exception {
        JsonNode filed = fixtures.file(consumer("CAB"), objection(resource, recordKey, "陈一", "13800001111"));
        assertThat(filed.get("kind").asString()).isEqualTo("CONSUMER_REPORT");
        return filed.get("trackingNumber").asString();
    }

    private JsonNode route(String tn) throws Exception {
        return json.readTree(mvc.perform(post("/api/objections/cases/" + tn + "/route").with(OPERATOR)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"route\":\"DEPARTMENT\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("TRANSFERRED"))
                .andReturn().getResponse().getContentAsString());
    }

    private void assertEscalated(String tn, String step, Instant due) throws Exception {
        var missed = KafkaProbe.awaitRecord(embeddedKafka.getBrokersAsString(), Topics.DEADLINES, Duration.ofSeconds(30),
                r -> tn.equals(r.key()) && KafkaProbe.header(r, CloudEventHeaders.TYPE).orElse("").equals(EventTypes.DEADLINE_MISSED.type())
                        && r.value().contains("\"step\":\"" + step + "\""));
        JsonNode event = json.readTree(missed.value());
        assertThat(event.get("action").asString()).isEqualTo("ESCALATE");
        assertThat(event.get("responsibleDepartment").asString()).isEqualTo("PSB");
        assertThat(event.get("ruleCitation").asString()).isEqualTo("QZ 7.2");
        assertThat(Instant.parse(event.get("dueAt").asString())).isEqualTo(due);
        var escalated = KafkaProbe.awaitRecord(embeddedKafka.getBrokersAsString(), Topics.OBJECTION, Duration.ofSeconds(30),
                r -> tn.equals(r.key()) && KafkaProbe.header(r, CloudEventHeaders.TYPE).orElse("")
                        .equals(ObjectionEventTypes.OBJECTION_ESCALATED.type()) && r.value().contains("\"step\":\"" + step + "\""));
        SchemaAssertions.assertConforms(ObjectionEventTypes.OBJECTION_ESCALATED, escalated.value());
        assertThat(escalated.value()).doesNotContain("陈一", "13800001111");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> mvc.perform(get("/api/objections/cases/" + tn).with(OPERATOR))
                .andExpect(jsonPath("$.escalated").value(true))
                .andExpect(jsonPath("$.deadlines[?(@.step=='" + step + "')].escalated").value(true)));
    }

    private static JsonNode step(JsonNode view, String name) {
        for (JsonNode step : view.get("deadlines")) {
            if (step.get("step").asString().equals(name)) {
                return step;
            }
        }
        throw new AssertionError("no step " + name + " in " + view.get("deadlines"));
    }

    /** 00:00 Asia/Shanghai after the {@code days}th working day following the day of {@code start}. */
    private Instant endOfWorkingDaysAfter(Instant start, int days) {
        return calendar.addWorkingDays(start.atZone(WorkingDayCalendar.ZONE).toLocalDate(), days).plusDays(1)
                .atStartOfDay(WorkingDayCalendar.ZONE).toInstant();
    }

    private void advancePast(Instant due) throws Exception {
        JsonNode now = json.readTree(mvc.perform(get("/api/objections/time").with(OPERATOR)).andReturn().getResponse()
                .getContentAsString());
        Duration by = Duration.between(Instant.parse(now.get("now").asString()), due).plusHours(1);
        mvc.perform(post("/api/objections/time/advance").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"by\":\"%s\"}".formatted(by)))
                .andExpect(status().isOk());
    }
}
