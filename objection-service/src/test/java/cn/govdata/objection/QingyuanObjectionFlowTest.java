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
import static cn.govdata.objection.ObjectionFixtures.citizen;
import static cn.govdata.objection.ObjectionFixtures.consumer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * QY 28 end to end under Qingyuan's profile: problem data a consumer reports is verified by the
 * source department within 5 working days of dispatch; a data subject's objection raised during a
 * service is verified within 5 working days of receipt while the service proceeds on valid proof.
 * A missed verification is escalated to the bureau. Moves the clock, so the context is its own.
 */
@PlatformIntegrationTest
@TestPropertySource(properties = {"govdata.jurisdiction=qingyuan", "govdata.time.adjustable=true",
        "govdata.deadlines.poll-interval=200ms", "govdata.deadlines.lease=2s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class QingyuanObjectionFlowTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    WorkingDayCalendar calendar;
    @Autowired
    EmbeddedKafkaBroker embeddedKafka;

    @Test
    @DisplayName("QY 28: a consumer's report is verified within 5 working days of dispatch and a data subject's objection during a "
            + "service within 5 of receipt while the service proceeds; both due at the end of that working day, escalated when missed")
    void bothQingyuanVerificationsRunFiveWorkingDaysAndAreEscalatedWhenMissed() throws Exception {
        var fixtures = new ObjectionFixtures(mvc, json, embeddedKafka.getBrokersAsString());
        String resource = fixtures.published("CAB", "婚姻登记信息", List.of("婚姻状况"));

        JsonNode reported = fixtures.file(consumer("HRSS"), """
                {"reason":"ERROR","resourceId":"%s","recordKey":"HY-441802-000001","fields":["婚姻状况"],
                 "claim":"共享数据中的婚姻状况与本部门核验结果不一致",
                 "objector":{"name":"黄二","phone":"13800002222"}}""".formatted(resource));
        assertThat(reported.get("kind").asString()).isEqualTo("CONSUMER_REPORT");
        String report = reported.get("trackingNumber").asString();

        JsonNode filed = fixtures.file(citizen("liuliu"), """
                {"reason":"ERROR","resourceId":"%s","recordKey":"HY-441802-004567","fields":["婚姻状况"],
                 "claim":"婚姻状况显示为已婚，实际已离婚",
                 "objector":{"name":"刘六","phone":"13900001111"},
                 "service":{"servingDepartment":"HOUSING","serviceName":"购房资格审核","proceededOnValidProof":true,
                            "proofNote":"当场出示离婚证原件，已按规定受理"}}""".formatted(resource));
        assertThat(filed.get("kind").asString()).isEqualTo("DATA_SUBJECT");
        String subject = filed.get("trackingNumber").asString();
        Instant subjectReceivedAt = Instant.parse(filed.get("receivedAt").asString());

        JsonNode routedReport = route(report);
        JsonNode sourceDecision = step(routedReport, "source-decision");
        assertThat(sourceDecision.get("citation").asString()).isEqualTo("QY 28");
        assertThat(sourceDecision.get("responsibleDepartment").asString()).isEqualTo("CAB");
        Instant reportDue = Instant.parse(sourceDecision.get("dueAt").asString());
        assertThat(reportDue).isEqualTo(endOfWorkingDaysAfter(
                Instant.parse(routedReport.get("routing").get("routedAt").asString()), 5));

        JsonNode routedSubject = route(subject);
        assertThat(routedSubject.get("service").get("proceededOnValidProof").asBoolean()).isTrue();
        JsonNode verify = step(routedSubject, "verify");
        assertThat(verify.get("citation").asString()).isEqualTo("QY 28");
        assertThat(verify.get("rule").asString()).isEqualTo("data-subject-objection-verify");
        Instant verifyDue = Instant.parse(verify.get("dueAt").asString());
        // Counted from receipt, not from the routing: the service did not wait, the verification does not either.
        assertThat(verifyDue).isEqualTo(endOfWorkingDaysAfter(subjectReceivedAt, 5));
        var received = KafkaProbe.awaitRecord(embeddedKafka.getBrokersAsString(), Topics.OBJECTION, Duration.ofSeconds(30),
                r -> subject.equals(r.key()) && KafkaProbe.header(r, CloudEventHeaders.TYPE).orElse("")
                        .equals(ObjectionEventTypes.OBJECTION_RECEIVED.type()));
        assertThat(json.readTree(received.value()).get("serviceProceededOnValidProof").asBoolean()).isTrue();

        advancePast(reportDue.isAfter(verifyDue) ? reportDue : verifyDue);
        assertEscalated(report, "source-decision", reportDue);
        assertEscalated(subject, "verify", verifyDue);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> mvc.perform(get("/api/objections/stats").with(BUREAU))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.departments[?(@.department=='CAB')].missedBySteps.source-decision").value(1))
                .andExpect(jsonPath("$.departments[?(@.department=='CAB')].missedBySteps.verify").value(1)));

        // Verified late, the case still goes on: the department decides, the step is recorded as late.
        mvc.perform(post("/api/objections/cases/" + subject + "/decision").with(approver("CAB"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"decision\":\"REJECT\",\"reasons\":\"登记系统显示婚姻状况无误\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.deadlines[?(@.step=='verify')].onTime").value(false));
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
        assertThat(event.get("responsibleDepartment").asString()).isEqualTo("CAB");
        assertThat(event.get("ruleCitation").asString()).isEqualTo("QY 28");
        assertThat(Instant.parse(event.get("dueAt").asString())).isEqualTo(due);
        var escalated = KafkaProbe.awaitRecord(embeddedKafka.getBrokersAsString(), Topics.OBJECTION, Duration.ofSeconds(30),
                r -> tn.equals(r.key()) && KafkaProbe.header(r, CloudEventHeaders.TYPE).orElse("")
                        .equals(ObjectionEventTypes.OBJECTION_ESCALATED.type()) && r.value().contains("\"step\":\"" + step + "\""));
        SchemaAssertions.assertConforms(ObjectionEventTypes.OBJECTION_ESCALATED, escalated.value());
        assertThat(escalated.value()).doesNotContain("刘六", "黄二", "13900001111");
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
