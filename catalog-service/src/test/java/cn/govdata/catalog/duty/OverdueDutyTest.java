package cn.govdata.catalog.duty;

import cn.govdata.catalog.sourcing.CatalogFixtures;
import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.EventTypes;
import cn.govdata.events.SchemaAssertions;
import cn.govdata.events.Topics;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.PlatformIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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

import static cn.govdata.catalog.sourcing.CatalogFixtures.BUREAU;
import static cn.govdata.catalog.sourcing.CatalogFixtures.OPERATOR;
import static cn.govdata.catalog.sourcing.CatalogFixtures.item;
import static cn.govdata.catalog.sourcing.CatalogFixtures.officer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Moves the service's clock past a due time, so it gets a context of its own that is closed afterwards. */
@ExtendWith(RestoresEmbeddedKafkaBrokers.class)
@PlatformIntegrationTest
@TestPropertySource(properties = {"govdata.time.adjustable=true", "govdata.deadlines.poll-interval=200ms",
        "govdata.deadlines.lease=2s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OverdueDutyTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    MeterRegistry meters;
    @Autowired
    EmbeddedKafkaBroker kafka;

    JsonNode openDuty(String department, String entry) throws Exception {
        return json.readTree(mvc.perform(post("/api/catalog/duties").with(officer(department))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"department":"%s","trigger":"SYSTEM_UPDATED","description":"排污许可管理系统升级，字段调整",
                                 "entryIds":["%s"]}""".formatted(department, entry)))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString());
    }

    void advancePast(Instant dueAt) throws Exception {
        JsonNode now = json.readTree(mvc.perform(get("/api/catalog/time").with(OPERATOR)).andReturn().getResponse().getContentAsString());
        Duration pastDue = Duration.between(Instant.parse(now.get("now").asString()), dueAt).plusHours(1);
        mvc.perform(post("/api/catalog/time/advance").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"by\":\"%s\"}".formatted(pastDue)))
                .andExpect(status().isOk());
    }

    double overdueCount(String department) {
        Counter counter = meters.find("catalog_duties_overdue").tag("department", department).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aDutyNotFulfilledWhenTheClockPassesItsDueTimeTurnsOverdueIsCountedAndCanStillBeFulfilledLate() throws Exception {
        var catalog = new CatalogFixtures(mvc, json);
        catalog.department("DO-EPB");
        String entry = catalog.published("DO-EPB", "排污许可信息", List.of(item("许可证编号", "STRING")));
        JsonNode duty = openDuty("DO-EPB", entry);
        String id = duty.get("id").asString();
        Instant dueAt = Instant.parse(duty.get("dueAt").asString());
        assertThat(overdueCount("DO-EPB")).isZero();

        advancePast(dueAt);

        var overdue = KafkaProbe.awaitRecord(kafka.getBrokersAsString(), Topics.CATALOG, Duration.ofSeconds(20), r -> id.equals(r.key())
                && KafkaProbe.header(r, CloudEventHeaders.TYPE).orElse("").equals(EventTypes.CATALOG_DUTY_OVERDUE.type()));
        SchemaAssertions.assertConforms(EventTypes.CATALOG_DUTY_OVERDUE, overdue.value());
        assertThat(json.readTree(overdue.value()).get("dueAt").asString()).isEqualTo(dueAt.toString());
        assertThat(json.readTree(overdue.value()).get("entryIds").get(0).asString()).isEqualTo(entry);
        KafkaProbe.awaitRecord(kafka.getBrokersAsString(), Topics.DEADLINES, Duration.ofSeconds(20), r -> id.equals(r.key())
                && KafkaProbe.header(r, CloudEventHeaders.TYPE).orElse("").equals(EventTypes.DEADLINE_MISSED.type()));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(overdueCount("DO-EPB")).isEqualTo(1));

        mvc.perform(get("/api/catalog/duties?department=DO-EPB&state=OVERDUE").with(BUREAU))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value(id))
                .andExpect(jsonPath("$.items[0].overdueAt").isNotEmpty())
                .andExpect(jsonPath("$.summary.overdue").value(1))
                .andExpect(jsonPath("$.summary.open").value(0));

        catalog.changeAndSubmit("DO-EPB", entry, "排污许可信息", List.of(item("许可证编号", "STRING")), "按升级后的系统字段重新编目");
        mvc.perform(post("/api/catalog/duties/" + id + "/fulfil").with(officer("DO-EPB")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("FULFILLED"))
                .andExpect(jsonPath("$.onTime").value(false));
        var late = KafkaProbe.awaitRecord(kafka.getBrokersAsString(), Topics.CATALOG, Duration.ofSeconds(20), r -> id.equals(r.key())
                && KafkaProbe.header(r, CloudEventHeaders.TYPE).orElse("").equals(EventTypes.CATALOG_DUTY_FULFILLED.type()));
        SchemaAssertions.assertConforms(EventTypes.CATALOG_DUTY_FULFILLED, late.value());
        assertThat(json.readTree(late.value()).get("onTime").asBoolean()).isFalse();
        mvc.perform(get("/api/catalog/duties?department=DO-EPB").with(officer("DO-EPB")))
                .andExpect(jsonPath("$.summary.fulfilled").value(1))
                .andExpect(jsonPath("$.summary.fulfilledOnTime").value(0))
                .andExpect(jsonPath("$.summary.overdue").value(0));
        assertThat(overdueCount("DO-EPB")).isEqualTo(1);
    }

    @Test
    void aDutyWhoseChangeWentInBeforeTheDeadlineFiredIsRecordedFulfilledOnTimeAndNotOverdue() throws Exception {
        var catalog = new CatalogFixtures(mvc, json);
        catalog.department("DO-WRB");
        String entry = catalog.published("DO-WRB", "取水许可信息", List.of(item("取水许可证号", "STRING")));
        JsonNode duty = openDuty("DO-WRB", entry);
        String id = duty.get("id").asString();
        catalog.changeAndSubmit("DO-WRB", entry, "取水许可信息", List.of(item("取水许可证号", "STRING")), "按升级后的系统字段重新编目");

        // Nobody reads or closes the duty: the deadline handler finds the change when the due time passes.
        advancePast(Instant.parse(duty.get("dueAt").asString()));

        var fulfilled = KafkaProbe.awaitRecord(kafka.getBrokersAsString(), Topics.CATALOG, Duration.ofSeconds(20), r -> id.equals(r.key())
                && KafkaProbe.header(r, CloudEventHeaders.TYPE).orElse("").equals(EventTypes.CATALOG_DUTY_FULFILLED.type()));
        SchemaAssertions.assertConforms(EventTypes.CATALOG_DUTY_FULFILLED, fulfilled.value());
        assertThat(json.readTree(fulfilled.value()).get("onTime").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> mvc.perform(
                        get("/api/catalog/deadlines?process=catalog-duty&department=DO-WRB").with(BUREAU))
                .andExpect(jsonPath("$.items[0].state").value("COMPLETED")));
        mvc.perform(get("/api/catalog/duties/" + id).with(officer("DO-WRB")))
                .andExpect(jsonPath("$.state").value("FULFILLED"))
                .andExpect(jsonPath("$.onTime").value(true))
                .andExpect(jsonPath("$.overdueAt").isEmpty());
        assertThat(overdueCount("DO-WRB")).isZero();
    }
}
