package cn.govdata.opendata.application;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.EventTypes;
import cn.govdata.events.Topics;
import cn.govdata.opendata.OpenDataFixtures;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static cn.govdata.opendata.OpenDataFixtures.citizen;
import static cn.govdata.opendata.OpenDataFixtures.entry;
import static cn.govdata.opendata.OpenDataFixtures.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Shenyang counts the conditional-open decision in calendar days (SY 34); moves the clock, so its own context. */
@PlatformIntegrationTest
@TestPropertySource(properties = {"govdata.jurisdiction=shenyang", "govdata.time.adjustable=true",
        "govdata.deadlines.poll-interval=200ms", "govdata.deadlines.lease=2s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ShenyangDecisionDeadlineTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    EmbeddedKafkaBroker embeddedKafka;
    @Autowired
    WorkingDayCalendar calendar;

    @Test
    void anUnansweredApplicationIsEscalatedAfterTenCalendarDaysAndShownOverdue() throws Exception {
        String brokers = embeddedKafka.getBrokersAsString();
        String id = uniqueId("SYC");
        OpenDataFixtures.publishToCatalog(brokers, json, entry(id, "企业用水信息", "WAT", "CONDITIONAL", "SY 34", false));
        OpenDataFixtures.awaitListed(mvc, id);

        // Shenyang admits 公民 (SY 34): a natural person may apply.
        var submitted = json.readTree(mvc.perform(post("/api/open-data/applications").with(citizen("wang")).contentType("application/json")
                        .content("""
                                {"entryId":"%s","applicantKind":"natural-person","organisation":"个人","purpose":"节水研究",
                                 "scenario":"个人研究","safetyMeasures":"加密存储","commercialUse":false}""".formatted(id)))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.decisionRule").value("SY 34"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        String appId = submitted.get("id").asString();
        Instant submittedAt = Instant.parse(submitted.get("submittedAt").asString());
        Instant due = Instant.parse(submitted.get("decisionDueAt").asString());
        // Calendar days: ten of them, not the two weeks and more ten working days would take; a tenth day
        // that is a rest day carries the end to the next working day (民法典 203), so the length depends on today.
        LocalDate tenthDay = submittedAt.atZone(WorkingDayCalendar.ZONE).toLocalDate().plusDays(10);
        LocalDate lastDay = due.minusNanos(1).atZone(WorkingDayCalendar.ZONE).toLocalDate();
        assertThat(lastDay).isAfterOrEqualTo(tenthDay);
        assertThat(calendar.isWorkingDay(lastDay)).isTrue();
        for (LocalDate d = tenthDay; d.isBefore(lastDay); d = d.plusDays(1)) {
            assertThat(calendar.isWorkingDay(d)).as("%s is a rest day the period may pass over", d).isFalse();
        }

        var operator = TestTokens.user("ops", null, "210100", "platform-operator");
        var now = json.readTree(mvc.perform(get("/api/open-data/time").with(operator)).andReturn().getResponse().getContentAsString());
        Duration by = Duration.between(Instant.parse(now.get("now").asString()), due).plusHours(1);
        mvc.perform(post("/api/open-data/time/advance").with(operator).contentType("application/json")
                .content("{\"by\":\"%s\"}".formatted(by))).andExpect(status().isOk());

        var missed = KafkaProbe.awaitRecord(brokers, Topics.DEADLINES, Duration.ofSeconds(30), r -> appId.equals(r.key())
                && KafkaProbe.header(r, CloudEventHeaders.TYPE).orElse("").equals(EventTypes.DEADLINE_MISSED.type()));
        assertThat(json.readTree(missed.value()).get("action").asString()).isEqualTo("ESCALATE");
        assertThat(json.readTree(missed.value()).get("responsibleDepartment").asString()).isEqualTo("WAT");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                mvc.perform(get("/api/open-data/applications/" + appId).with(citizen("wang")))
                        .andExpect(jsonPath("$.decisionOverdue").value(true)).andExpect(jsonPath("$.state").value("SUBMITTED")));
    }
}
