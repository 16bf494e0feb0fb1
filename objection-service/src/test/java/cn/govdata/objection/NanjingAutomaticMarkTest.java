package cn.govdata.objection;

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

import static cn.govdata.objection.ObjectionFixtures.OPERATOR;
import static cn.govdata.objection.ObjectionFixtures.citizen;
import static cn.govdata.objection.ObjectionFixtures.objection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Operators screen objections before marking (mark-on-receipt off); Nanjing's one working day (NJ
 * 35) still binds the platform, so the service marks an identified record itself when it runs out.
 */
@PlatformIntegrationTest
@TestPropertySource(properties = {"govdata.time.adjustable=true", "govdata.deadlines.poll-interval=200ms",
        "govdata.deadlines.lease=2s", "govdata.objection.mark-on-receipt=false"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class NanjingAutomaticMarkTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    // The broker of this test's own context: the JVM-wide spring.embedded.kafka.brokers property
    // names whichever embedded broker started last, which may belong to another cached context.
    @Autowired
    EmbeddedKafkaBroker embeddedKafka;

    @Test
    void underNanjingAnIdentifiedRecordLeftUnmarkedIsMarkedDisputedAutomaticallyWhenItsWorkingDayRunsOut() throws Exception {
        var fixtures = new ObjectionFixtures(mvc, json, embeddedKafka.getBrokersAsString());
        String resource = fixtures.published("PSB", "户籍人口基本信息", List.of("住址"));
        JsonNode identified = fixtures.file(citizen("zhangsan"), objection(resource, "HJ-320102-000123", "张三", "13812345678"));
        JsonNode unidentified = fixtures.file(citizen("lisi"), objection(resource, null, "李四", "13900002222"));
        String tn = identified.get("trackingNumber").asString();
        String other = unidentified.get("trackingNumber").asString();
        assertThat(identified.get("state").asString()).isEqualTo("RECEIVED");
        // An operator who screened an objection marks it without further ado.
        String screened = fixtures.file(citizen("wangwu"), objection(resource, "HJ-320102-000456", "王五", "13700003333"))
                .get("trackingNumber").asString();
        mvc.perform(post("/api/objections/cases/" + screened + "/mark-disputed").with(OPERATOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("DISPUTED"))
                .andExpect(jsonPath("$.marking.automatic").value(false))
                .andExpect(jsonPath("$.deadlines[?(@.step=='mark')].onTime").value(true));
        Instant markDue = Instant.parse(identified.get("deadlines").get(0).get("dueAt").asString());

        JsonNode now = json.readTree(mvc.perform(get("/api/objections/time").with(OPERATOR)).andReturn().getResponse()
                .getContentAsString());
        mvc.perform(post("/api/objections/time/advance").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"by\":\"%s\"}".formatted(Duration.between(Instant.parse(now.get("now").asString()), markDue)
                                .plusMinutes(10))))
                .andExpect(status().isOk());

        var disputed = fixtures.awaitEvent(Topics.OBJECTION, tn, ObjectionEventTypes.DATA_DISPUTED);
        SchemaAssertions.assertConforms(ObjectionEventTypes.DATA_DISPUTED, disputed.value());
        var autoAct = KafkaProbe.awaitRecord(embeddedKafka.getBrokersAsString(), Topics.DEADLINES, Duration.ofSeconds(30), r -> tn.equals(r.key())
                && r.value().contains("\"step\":\"mark\""));
        assertThat(json.readTree(autoAct.value()).get("action").asString()).isEqualTo("AUTO_ACT");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> mvc.perform(get("/api/objections/cases/" + tn).with(OPERATOR))
                .andExpect(jsonPath("$.state").value("DISPUTED"))
                .andExpect(jsonPath("$.marking.automatic").value(true))
                .andExpect(jsonPath("$.deadlines[?(@.step=='mark')].missedAt").isNotEmpty())
                .andExpect(jsonPath("$.deadlines[?(@.step=='mark')].escalated").value(false)));

        // A record nobody identified cannot be flagged: that case goes to the bureau instead.
        var escalated = KafkaProbe.awaitRecord(embeddedKafka.getBrokersAsString(), Topics.DEADLINES, Duration.ofSeconds(30), r -> other.equals(r.key())
                && r.value().contains("\"step\":\"mark\""));
        assertThat(json.readTree(escalated.value()).get("action").asString()).isEqualTo("ESCALATE");
        SchemaAssertions.assertConforms(EventTypes.DEADLINE_MISSED, escalated.value());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> mvc.perform(get("/api/objections/cases/" + other).with(OPERATOR))
                .andExpect(jsonPath("$.state").value("RECEIVED"))
                .andExpect(jsonPath("$.escalated").value(true)));
        mvc.perform(get("/api/objections/stats").with(OPERATOR))
                .andExpect(jsonPath("$.departments[?(@.department=='BDC')].missedBySteps.mark").value(2))
                .andExpect(jsonPath("$.departments[?(@.department=='BDC')].escalated").value(1));
    }
}
