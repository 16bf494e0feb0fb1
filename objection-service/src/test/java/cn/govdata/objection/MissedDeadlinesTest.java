package cn.govdata.objection;

import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.EventTypes;
import cn.govdata.events.ObjectionEventTypes;
import cn.govdata.events.SchemaAssertions;
import cn.govdata.events.Topics;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.PlatformIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.http.MediaType;
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
import static cn.govdata.objection.ObjectionFixtures.citizen;
import static cn.govdata.objection.ObjectionFixtures.objection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Moves the service's clock past due times, so it gets a context of its own that is closed afterwards. */
@PlatformIntegrationTest
@TestPropertySource(properties = {"govdata.time.adjustable=true", "govdata.deadlines.poll-interval=200ms",
        "govdata.deadlines.lease=2s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MissedDeadlinesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    // The broker of this test's own context: the JVM-wide spring.embedded.kafka.brokers property
    // names whichever embedded broker started last, which may belong to another cached context.
    @Autowired
    EmbeddedKafkaBroker embeddedKafka;

    @Test
    void aCaseNotRoutedWithinTheTransferDeadlineIsEscalatedToTheBureauAndCountedAgainstThePlatform() throws Exception {
        var fixtures = new ObjectionFixtures(mvc, json, embeddedKafka.getBrokersAsString());
        String resource = fixtures.published("PSB", "户籍人口基本信息", List.of("住址"));
        JsonNode filed = fixtures.file(citizen("zhangsan"), objection(resource, "HJ-320102-000123", "张三", "13812345678"));
        String tn = filed.get("trackingNumber").asString();
        Instant transferDue = Instant.parse(filed.get("deadlines").get(1).get("dueAt").asString());
        assertThat(filed.get("deadlines").get(1).get("step").asString()).isEqualTo("transfer");

        // NJ 35: two working days from receipt; the clock moves past them (at least three working days' worth).
        advancePast(transferDue);

        var missed = KafkaProbe.awaitRecord(embeddedKafka.getBrokersAsString(), Topics.DEADLINES, Duration.ofSeconds(30), r -> tn.equals(r.key())
                && KafkaProbe.header(r, CloudEventHeaders.TYPE).orElse("").equals(EventTypes.DEADLINE_MISSED.type())
                && r.value().contains("\"step\":\"transfer\""));
        SchemaAssertions.assertConforms(EventTypes.DEADLINE_MISSED, missed.value());
        assertThat(json.readTree(missed.value()).get("action").asString()).isEqualTo("ESCALATE");
        assertThat(json.readTree(missed.value()).get("responsibleDepartment").asString()).isEqualTo("BDC");
        assertThat(json.readTree(missed.value()).get("ruleCitation").asString()).isEqualTo("NJ 35");
        var escalated = fixtures.awaitEvent(Topics.OBJECTION, tn, ObjectionEventTypes.OBJECTION_ESCALATED);
        SchemaAssertions.assertConforms(ObjectionEventTypes.OBJECTION_ESCALATED, escalated.value());
        assertThat(escalated.value()).doesNotContain("张三", "13812345678");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> mvc.perform(get("/api/objections/stats").with(BUREAU))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.departments[?(@.department=='BDC')].missedDeadlines").value(1))
                .andExpect(jsonPath("$.departments[?(@.department=='BDC')].escalated").value(1))
                .andExpect(jsonPath("$.departments[?(@.department=='BDC')].missedBySteps.transfer").value(1)));
        mvc.perform(get("/api/objections/cases?escalated=true").with(BUREAU))
                .andExpect(jsonPath("$.items[0].id").value(tn))
                .andExpect(jsonPath("$.items[0].escalated").value(true));

        // Routed late: the escalation stays on record, the routing is marked late, and the case goes on.
        mvc.perform(post("/api/objections/cases/" + tn + "/route").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"route\":\"DEPARTMENT\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.deadlines[?(@.step=='transfer')].onTime").value(false))
                .andExpect(jsonPath("$.deadlines[?(@.step=='transfer')].escalated").value(true));
        var routed = fixtures.awaitEvent(Topics.OBJECTION, tn, ObjectionEventTypes.OBJECTION_ROUTED);
        assertThat(json.readTree(routed.value()).get("onTime").asBoolean()).isFalse();
        mvc.perform(get("/api/objections/deadlines?process=objection&state=COMPLETED").with(OPERATOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.subjectId=='" + tn + "' && @.step=='transfer')]").isNotEmpty());

        // The department's own decision deadline then runs out too and counts against it, not the platform.
        JsonNode afterRouting = fixtures.read(OPERATOR, "/api/objections/cases/" + tn);
        Instant decisionDue = null;
        for (JsonNode step : afterRouting.get("deadlines")) {
            if (step.get("step").asString().equals("source-decision")) {
                decisionDue = Instant.parse(step.get("dueAt").asString());
            }
        }
        advancePast(decisionDue);
        KafkaProbe.awaitRecord(embeddedKafka.getBrokersAsString(), Topics.DEADLINES, Duration.ofSeconds(30), r -> tn.equals(r.key())
                && r.value().contains("\"step\":\"source-decision\"") && r.value().contains("\"action\":\"ESCALATE\""));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> mvc.perform(get("/api/objections/stats").with(approver("PSB")))
                .andExpect(jsonPath("$.departments.length()").value(1))
                .andExpect(jsonPath("$.departments[0].department").value("PSB"))
                .andExpect(jsonPath("$.departments[0].missedBySteps.source-decision").value(1))
                .andExpect(jsonPath("$.departments[0].openCases").value(1)));
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
