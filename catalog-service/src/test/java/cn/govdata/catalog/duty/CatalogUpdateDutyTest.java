package cn.govdata.catalog.duty;

import cn.govdata.catalog.sourcing.CatalogFixtures;
import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.EventType;
import cn.govdata.events.EventTypes;
import cn.govdata.events.SchemaAssertions;
import cn.govdata.events.Topics;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.test.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;

import static cn.govdata.catalog.sourcing.CatalogFixtures.BUREAU;
import static cn.govdata.catalog.sourcing.CatalogFixtures.item;
import static cn.govdata.catalog.sourcing.CatalogFixtures.officer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Runs on a clock that starts on 28 September 2026 (see {@link RewoundClock}). */
@ExtendWith(RestoresEmbeddedKafkaBrokers.class)
@PlatformIntegrationTest
@Import(RewoundClock.class)
@TestPropertySource(properties = {"govdata.time.adjustable=true", "govdata.deadlines.poll-interval=200ms",
        "govdata.deadlines.lease=2s"})
class CatalogUpdateDutyTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    EmbeddedKafkaBroker kafka;

    CatalogFixtures catalog;

    @BeforeEach
    void fixtures() {
        catalog = new CatalogFixtures(mvc, json);
    }

    static String duty(String department, String trigger, String changedAt, String... entryIds) {
        return """
                {"department":"%s","trigger":"%s","description":"《南京市政务数据管理暂行办法》修订，数据项口径调整",
                 %s"entryIds":[%s]}""".formatted(department, trigger, changedAt == null ? "" : "\"changedAt\":\"" + changedAt + "\",",
                String.join(",", List.of(entryIds).stream().map(id -> "\"" + id + "\"").toList()));
    }

    ResultActions open(org.springframework.test.web.servlet.request.RequestPostProcessor caller, String body) throws Exception {
        return mvc.perform(post("/api/catalog/duties").with(caller).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    String idOf(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString()).get("id").asString();
    }

    JsonNode event(EventType<?> type, String dutyId) {
        ConsumerRecord<String, String> record = KafkaProbe.awaitRecord(kafka.getBrokersAsString(), Topics.CATALOG, Duration.ofSeconds(20),
                r -> dutyId.equals(r.key()) && KafkaProbe.header(r, CloudEventHeaders.TYPE).orElse("").equals(type.type()));
        SchemaAssertions.assertConforms(type, record.value());
        return json.readTree(record.value());
    }

    @Test
    void aDutyIsDueFifteenWorkingDaysAfterTheChangeCountedAcrossNationalDayAndIsFulfilledOnTimeByASubmittedChange() throws Exception {
        catalog.department("DA-HRSS");
        String entry = catalog.published("DA-HRSS", "社会保险参保信息", List.of(item("公民身份号码", "STRING")));

        // Changed on Monday 28 September 2026 (that day does not count). Working days per the 2026 notice:
        // 29, 30 Sep (1-2); 1-7 Oct National Day off; 8, 9 Oct (3-4); Saturday 10 Oct is a makeup working
        // day (5); 12-16 Oct (6-10); 19-23 Oct (11-15). Due by the end of Friday 23 October, Asia/Shanghai.
        String id = idOf(open(officer("DA-HRSS"), duty("DA-HRSS", "LAW_CHANGED", "2026-09-28", entry))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.state").value("OPEN"))
                .andExpect(jsonPath("$.dueAt").value("2026-10-23T16:00:00Z"))
                .andExpect(jsonPath("$.citation").value("NJ 18")));

        JsonNode opened = event(EventTypes.CATALOG_DUTY_OPENED, id);
        assertThat(opened.get("dueAt").asString()).isEqualTo("2026-10-23T16:00:00Z");
        assertThat(opened.get("trigger").asString()).isEqualTo("LAW_CHANGED");
        mvc.perform(get("/api/catalog/deadlines?process=catalog-duty&department=DA-HRSS").with(BUREAU))
                .andExpect(jsonPath("$.items[0].subjectId").value(id))
                .andExpect(jsonPath("$.items[0].dueAt").value("2026-10-23T16:00:00Z"))
                .andExpect(jsonPath("$.items[0].state").value("PENDING"));

        mvc.perform(post("/api/catalog/duties/" + id + "/fulfil").with(officer("DA-HRSS")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail", containsString(entry)));

        catalog.changeAndSubmit("DA-HRSS", entry, "社会保险参保信息", List.of(item("公民身份号码", "STRING")),
                "按修订后的办法调整参保口径");

        mvc.perform(post("/api/catalog/duties/" + id + "/fulfil").with(officer("DA-HRSS")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("FULFILLED"))
                .andExpect(jsonPath("$.onTime").value(true))
                .andExpect(jsonPath("$.evidence[0].entryId").value(entry))
                .andExpect(jsonPath("$.evidence[0].action").value("submitted"));
        JsonNode fulfilled = event(EventTypes.CATALOG_DUTY_FULFILLED, id);
        assertThat(fulfilled.get("onTime").asBoolean()).isTrue();
        mvc.perform(get("/api/catalog/deadlines?process=catalog-duty&department=DA-HRSS").with(BUREAU))
                .andExpect(jsonPath("$.items[0].state").value("COMPLETED"));
        mvc.perform(post("/api/catalog/duties/" + id + "/fulfil").with(officer("DA-HRSS")))
                .andExpect(status().isConflict());
    }

    @Test
    void aDutyIsFoundFulfilledWhenListedOnceEveryEntryWasChangedOrItsWithdrawalRequested() throws Exception {
        catalog.department("DB-AMR");
        String changed = catalog.published("DB-AMR", "市场主体登记信息", List.of(item("统一社会信用代码", "STRING")));
        String dropped = catalog.published("DB-AMR", "个体工商户年报信息", List.of(item("经营者姓名", "STRING")));
        String id = idOf(open(BUREAU, duty("DB-AMR", "FUNCTION_CHANGED", null, changed, dropped)).andExpect(status().isCreated()));

        catalog.changeAndSubmit("DB-AMR", changed, "市场主体登记信息", List.of(item("统一社会信用代码", "STRING")), "职能调整后重新编目");
        mvc.perform(get("/api/catalog/duties?department=DB-AMR").with(officer("DB-AMR")))
                .andExpect(jsonPath("$.items[0].state").value("OPEN"))
                .andExpect(jsonPath("$.summary.open").value(1));

        catalog.requestWithdrawal("DB-AMR", dropped);
        mvc.perform(get("/api/catalog/duties?department=DB-AMR&state=OPEN").with(officer("DB-AMR")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(0)))
                .andExpect(jsonPath("$.summary.open").value(0))
                .andExpect(jsonPath("$.summary.fulfilled").value(1))
                .andExpect(jsonPath("$.summary.fulfilledOnTime").value(1))
                .andExpect(jsonPath("$.summary.overdue").value(0));
        mvc.perform(get("/api/catalog/duties/" + id).with(BUREAU))
                .andExpect(jsonPath("$.state").value("FULFILLED"))
                .andExpect(jsonPath("$.evidence[*].action", hasItems("submitted", "withdrawal requested")));
        assertThat(event(EventTypes.CATALOG_DUTY_FULFILLED, id).get("onTime").asBoolean()).isTrue();
    }

    @Test
    void onlyTheDepartmentsOwnOfficerOrTheBureauOpensAndSeesItsDuties() throws Exception {
        catalog.department("DC-EPB");
        catalog.department("DC-WRB");
        String epbEntry = catalog.published("DC-EPB", "排污许可信息", List.of(item("许可证编号", "STRING")));

        open(officer("DC-WRB"), duty("DC-EPB", "SYSTEM_UPDATED", null, epbEntry)).andExpect(status().isForbidden());
        open(officer("DC-WRB"), duty("DC-WRB", "SYSTEM_UPDATED", null, epbEntry))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("entryIds[0]"));
        open(officer("DC-EPB"), duty("DC-EPB", "SYSTEM_UPDATED", "2026-12-01", epbEntry))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("changedAt"));
        open(officer("DC-EPB"), duty("DC-EPB", "ANNUAL_CENSUS", null, epbEntry))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("trigger"));
        String id = idOf(open(officer("DC-EPB"), duty("DC-EPB", "SYSTEM_UPDATED", null, epbEntry)).andExpect(status().isCreated()));

        mvc.perform(get("/api/catalog/duties?department=DC-EPB").with(officer("DC-WRB"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/catalog/duties/" + id).with(officer("DC-WRB"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/catalog/duties").with(TestTokens.user("citizen", null, "320100", "public-applicant")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/catalog/duties").with(officer("DC-WRB")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(0)));
        mvc.perform(get("/api/catalog/duties?department=DC-EPB").with(CatalogFixtures.AUDITOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value(id));
        mvc.perform(post("/api/catalog/duties/" + id + "/fulfil").with(BUREAU)).andExpect(status().isForbidden());
    }

    @Test
    void theAnnualCensusOpensOneDutyPerDepartmentOnceAndEachDepartmentConfirmsIt() throws Exception {
        catalog.department("CE-STATS");
        catalog.department("CE-CULT");
        String census = "/api/catalog/census/2026";

        mvc.perform(post(census).with(officer("CE-STATS"))).andExpect(status().isForbidden());
        JsonNode first = json.readTree(mvc.perform(post(census).with(BUREAU))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.dueAt").value("2026-12-31T16:00:00Z"))
                .andExpect(jsonPath("$.opened", hasItems("CENSUS-2026-CE-STATS", "CENSUS-2026-CE-CULT")))
                .andReturn().getResponse().getContentAsString());
        mvc.perform(post(census).with(BUREAU))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.opened", hasSize(0)))
                .andExpect(jsonPath("$.alreadyOpen", hasItems("CENSUS-2026-CE-STATS", "CENSUS-2026-CE-CULT")));

        JsonNode departments = json.readTree(mvc.perform(get("/api/catalog/departments?size=200").with(BUREAU))
                .andReturn().getResponse().getContentAsString());
        long registered = departments.get("totalItems").asLong();
        assertThat(first.get("opened").size() + first.get("alreadyOpen").size()).isEqualTo((int) registered);
        mvc.perform(get("/api/catalog/duties?trigger=ANNUAL_CENSUS&year=2026&size=200").with(BUREAU))
                .andExpect(jsonPath("$.totalItems").value((int) registered));
        mvc.perform(get("/api/catalog/duties?trigger=ANNUAL_CENSUS&department=CE-CULT").with(BUREAU))
                .andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.items[0].citation").value("NT 11"));
        event(EventTypes.CATALOG_DUTY_OPENED, "CENSUS-2026-CE-CULT");

        mvc.perform(post("/api/catalog/duties/CENSUS-2026-CE-CULT/fulfil").with(officer("CE-CULT")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("confirmation"));
        mvc.perform(post("/api/catalog/duties/CENSUS-2026-CE-CULT/fulfil").with(officer("CE-CULT"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"confirmation\":\"已逐项核对本部门全部政务数据资源，目录完整准确\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("FULFILLED"))
                .andExpect(jsonPath("$.onTime").value(true));
        assertThat(event(EventTypes.CATALOG_DUTY_FULFILLED, "CENSUS-2026-CE-CULT").get("trigger").asString())
                .isEqualTo("ANNUAL_CENSUS");
        mvc.perform(post("/api/catalog/census/2025").with(BUREAU))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("year"));
        mvc.perform(get("/api/catalog/duties?department=CE-STATS").with(officer("CE-STATS")))
                .andExpect(jsonPath("$.items[*].id", hasItem("CENSUS-2026-CE-STATS")));
    }
}
