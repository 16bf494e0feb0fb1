package cn.govdata.catalog.entry;

import cn.govdata.catalog.duty.RestoresEmbeddedKafkaBrokers;
import cn.govdata.catalog.sourcing.CatalogFixtures;
import cn.govdata.events.EventTypes;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;

import static cn.govdata.catalog.sourcing.CatalogFixtures.AUDITOR;
import static cn.govdata.catalog.sourcing.CatalogFixtures.BUREAU;
import static cn.govdata.catalog.sourcing.CatalogFixtures.officer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The catalog under Shenyang's profile: filing of conditional and not-shared entries (SY 23),
 * withdrawal by prior filing (SY 27) and periodic re-evaluation of restricted data (SY 31, SY 37).
 * Moves the service's clock, so it has a context of its own, closed afterwards; the tests run in
 * order because a later one moves the clock a year on.
 */
@ExtendWith(RestoresEmbeddedKafkaBrokers.class)
@PlatformIntegrationTest
@TestPropertySource(properties = {"govdata.jurisdiction=shenyang", "govdata.time.adjustable=true",
        "govdata.deadlines.poll-interval=200ms", "govdata.deadlines.lease=2s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShenyangCatalogRulesTest {

    static final JwtRequestPostProcessor CONSUMER = TestTokens.user("sy-consumer", "SY-CONS", CatalogFixtures.REGION, "dept-consumer");

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    EmbeddedKafkaBroker kafka;

    CatalogRuleFixtures fixtures;

    @BeforeEach
    void fixtures() throws Exception {
        fixtures = new CatalogRuleFixtures(mvc, json, kafka.getBrokersAsString());
        var departments = new CatalogFixtures(mvc, json);
        for (String code : new String[] {"SY-HRSS", "SY-EPB", "SY-AMR"}) {
            departments.department(code);
        }
    }

    @Test
    @Order(1)
    @DisplayName("SY 23: conditional and not-shared entries are filed with their legal basis, and the bureau lists the filings")
    void sy23ConditionalAndNotSharedEntriesAreFiledAndListed() throws Exception {
        String conditional = fixtures.submitted("SY-HRSS", "养老保险待遇信息", "CONDITIONAL", "NOT_OPEN");
        String notShared = fixtures.submitted("SY-HRSS", "工伤认定信息", "NOT_SHARED", "NOT_OPEN");
        fixtures.submitted("SY-HRSS", "社保经办网点", "UNCONDITIONAL", "UNCONDITIONAL");

        mvc.perform(get("/api/catalog/entries/" + conditional).with(officer("SY-HRSS")))
                .andExpect(jsonPath("$.filing.shareType").value("CONDITIONAL"))
                .andExpect(jsonPath("$.filing.legalBasis").value("《社会保险法》第八十一条"))
                .andExpect(jsonPath("$.filing.citation").value("SY 23"));

        mvc.perform(get("/api/catalog/filings?department=SY-HRSS").with(BUREAU))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(2))
                .andExpect(jsonPath("$.items[0].entryId").value(notShared))
                .andExpect(jsonPath("$.items[1].entryId").value(conditional));
        mvc.perform(get("/api/catalog/filings?department=SY-HRSS&shareType=CONDITIONAL").with(AUDITOR))
                .andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.items[0].filing.legalBasis").value("《社会保险法》第八十一条"));
        mvc.perform(get("/api/catalog/filings?department=SY-HRSS&size=1&page=1").with(BUREAU))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.totalPages").value(2))
                .andExpect(jsonPath("$.items[0].entryId").value(conditional));
        String tomorrow = fixtures.now().atZone(cn.govdata.calendar.WorkingDayCalendar.ZONE).toLocalDate().plusDays(1).toString();
        mvc.perform(get("/api/catalog/filings?department=SY-HRSS&from=" + tomorrow).with(BUREAU))
                .andExpect(jsonPath("$.totalItems").value(0));
        mvc.perform(get("/api/catalog/filings?from=2026-10-02&to=2026-10-01").with(BUREAU))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("to"));
        mvc.perform(get("/api/catalog/filings").with(officer("SY-HRSS"))).andExpect(status().isForbidden());
    }

    @Test
    @Order(2)
    @DisplayName("SY 27: a withdrawal is filed with reasons, subscribers are told, the bureau has nothing to approve, and it takes effect after the notice")
    void sy27WithdrawalByPriorFiling() throws Exception {
        String id = fixtures.published("SY-EPB", "排污许可信息", "UNCONDITIONAL", "UNCONDITIONAL");

        fixtures.postJson("/api/catalog/entries/" + id + "/withdrawal", officer("SY-EPB"),
                        "{\"reasons\":\"系统停用\",\"effectiveOn\":\"2020-01-01\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("effectiveOn"));
        JsonNode filed = fixtures.read(fixtures.postJson("/api/catalog/entries/" + id + "/withdrawal", officer("SY-EPB"),
                        "{\"reasons\":\"排污许可系统停用，数据并入省平台\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("WITHDRAWAL_REQUESTED"))
                .andExpect(jsonPath("$.withdrawal.state").value("FILED"))
                .andExpect(jsonPath("$.withdrawal.citation").value("SY 27")));
        Instant effectiveAt = Instant.parse(filed.get("withdrawal").get("effectiveAt").asString());
        // Five working days' notice at least: never less than a calendar week.
        assertThat(effectiveAt).isAfter(fixtures.now().plus(Duration.ofDays(6)));

        JsonNode event = fixtures.awaitEvent(EventTypes.CATALOG_ENTRY_WITHDRAWAL_FILED, id);
        assertThat(event.get("citation").asString()).isEqualTo("SY 27");
        assertThat(Instant.parse(event.get("effectiveAt").asString())).isEqualTo(effectiveAt);

        fixtures.postJson("/api/catalog/entries/" + id + "/withdrawal/decision", BUREAU, "{\"approve\":true}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.citation").value("SY 27"))
                .andExpect(jsonPath("$.detail", org.hamcrest.Matchers.containsString("备案")));
        mvc.perform(get("/api/catalog/entries/" + id).with(CONSUMER)).andExpect(status().isOk());

        fixtures.advancePast(effectiveAt);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(get("/api/catalog/entries/" + id).with(officer("SY-EPB")))
                .andExpect(jsonPath("$.status").value("WITHDRAWN"))
                .andExpect(jsonPath("$.withdrawal.state").value("EFFECTIVE")));
        JsonNode withdrawn = fixtures.awaitEvent(EventTypes.CATALOG_ENTRY_WITHDRAWN, id);
        assertThat(withdrawn.get("approvedBy").asString()).isEqualTo("prior-filing (SY 27)");
        mvc.perform(get("/api/catalog/entries/" + id).with(CONSUMER)).andExpect(status().isNotFound());
    }

    @Test
    @Order(3)
    @DisplayName("SY 31, SY 37: a published restricted entry comes up for re-evaluation a year on, turns overdue, and its kept restriction is re-evaluated a year later")
    void sy31RestrictedEntriesAreReevaluated() throws Exception {
        String restricted = fixtures.published("SY-AMR", "企业经营异常名录", "CONDITIONAL", "NOT_OPEN");
        fixtures.published("SY-AMR", "市场主体登记公告", "UNCONDITIONAL", "UNCONDITIONAL");

        JsonNode duties = fixtures.read(mvc.perform(get("/api/catalog/duties?department=SY-AMR&trigger=RESTRICTED_REEVALUATION")
                        .with(officer("SY-AMR")))
                .andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.items[0].entryIds[0]").value(restricted))
                .andExpect(jsonPath("$.items[0].citation").value("SY 31, SY 37"))
                .andExpect(jsonPath("$.items[0].state").value("OPEN")));
        String dutyId = duties.get("items").get(0).get("id").asString();
        Instant dueAt = Instant.parse(duties.get("items").get(0).get("dueAt").asString());
        assertThat(dueAt).isAfter(fixtures.now().plus(Duration.ofDays(360)));
        JsonNode opened = fixtures.awaitEvent(EventTypes.CATALOG_DUTY_OPENED, dutyId);
        assertThat(opened.get("trigger").asString()).isEqualTo("RESTRICTED_REEVALUATION");

        fixtures.advancePast(dueAt);

        fixtures.awaitEvent(EventTypes.CATALOG_DUTY_OVERDUE, dutyId);
        mvc.perform(get("/api/catalog/duties?department=SY-AMR&state=OVERDUE").with(BUREAU))
                .andExpect(jsonPath("$.items[0].id").value(dutyId))
                .andExpect(jsonPath("$.summary.overdue").value(1));

        fixtures.postJson("/api/catalog/duties/" + dutyId + "/fulfil", officer("SY-AMR"), "{}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("outcome"));
        fixtures.postJson("/api/catalog/duties/" + dutyId + "/fulfil", officer("SY-AMR"), "{\"outcome\":\"KEEP_RESTRICTED\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("confirmation"));
        fixtures.postJson("/api/catalog/duties/" + dutyId + "/fulfil", officer("SY-AMR"), "{\"outcome\":\"TYPE_CHANGED\"}")
                .andExpect(status().isConflict());
        fixtures.postJson("/api/catalog/duties/" + dutyId + "/fulfil", officer("SY-AMR"),
                        "{\"outcome\":\"KEEP_RESTRICTED\",\"confirmation\":\"名录含尚在核查的企业，仍须有条件共享\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("FULFILLED"))
                .andExpect(jsonPath("$.onTime").value(false))
                .andExpect(jsonPath("$.outcome").value("KEEP_RESTRICTED"));

        Instant evaluatedAt = fixtures.now();
        mvc.perform(get("/api/catalog/duties?department=SY-AMR&trigger=RESTRICTED_REEVALUATION&state=OPEN").with(BUREAU))
                .andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.items[0].entryIds[0]").value(restricted))
                .andExpect(jsonPath("$.items[0].dueAt").value(org.hamcrest.Matchers.greaterThan(
                        evaluatedAt.plus(Duration.ofDays(360)).toString())));
    }
}
