package cn.govdata.catalog.entry;

import cn.govdata.catalog.duty.RestoresEmbeddedKafkaBrokers;
import cn.govdata.catalog.sourcing.CatalogFixtures;
import cn.govdata.events.EventTypes;
import cn.govdata.platform.test.PlatformIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import static cn.govdata.catalog.sourcing.CatalogFixtures.BUREAU;
import static cn.govdata.catalog.sourcing.CatalogFixtures.officer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The catalog under Nantong's profile keeps the rules Shenyang changes: only not-shared entries
 * are filed (NT 8), a withdrawal waits for the bureau's approval (NT 16), and nothing comes up for
 * periodic re-evaluation (only SY 31 and SY 37 ask for it).
 */
@ExtendWith(RestoresEmbeddedKafkaBrokers.class)
@PlatformIntegrationTest
@TestPropertySource(properties = "govdata.jurisdiction=nantong")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class NantongCatalogRulesTest {

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
        for (String code : new String[] {"NT-HRSS", "NT-EPB", "NT-SOC"}) {
            departments.department(code);
        }
    }

    @Test
    @DisplayName("NT 8: a not-shared entry is filed with its legal basis, a conditional one is not")
    void nt8OnlyNotSharedEntriesAreFiled() throws Exception {
        String conditional = fixtures.submitted("NT-HRSS", "养老保险待遇信息", "CONDITIONAL", "NOT_OPEN");
        String notShared = fixtures.submitted("NT-HRSS", "工伤认定信息", "NOT_SHARED", "NOT_OPEN");

        mvc.perform(get("/api/catalog/entries/" + conditional).with(officer("NT-HRSS")))
                .andExpect(jsonPath("$.filing").doesNotExist());
        mvc.perform(get("/api/catalog/filings?department=NT-HRSS").with(BUREAU))
                .andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.items[0].entryId").value(notShared))
                .andExpect(jsonPath("$.items[0].filing.shareType").value("NOT_SHARED"))
                .andExpect(jsonPath("$.items[0].filing.citation").value("NT 8"));
    }

    @Test
    @DisplayName("NT 16: a withdrawal is requested, cannot set its own effective day, and takes effect with the bureau's approval")
    void nt16WithdrawalNeedsTheBureausApproval() throws Exception {
        String id = fixtures.published("NT-EPB", "排污许可信息", "UNCONDITIONAL", "UNCONDITIONAL");

        fixtures.postJson("/api/catalog/entries/" + id + "/withdrawal", officer("NT-EPB"),
                        "{\"reasons\":\"系统停用\",\"effectiveOn\":\"2030-01-01\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("effectiveOn"));
        fixtures.postJson("/api/catalog/entries/" + id + "/withdrawal", officer("NT-EPB"), "{\"reasons\":\"系统停用\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.withdrawal.state").value("REQUESTED"));
        fixtures.awaitEvent(EventTypes.CATALOG_ENTRY_WITHDRAWAL_REQUESTED, id);
        fixtures.postJson("/api/catalog/entries/" + id + "/withdrawal/decision", BUREAU, "{\"approve\":true,\"reasons\":\"同意\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("WITHDRAWN"));
        assertThat(fixtures.awaitEvent(EventTypes.CATALOG_ENTRY_WITHDRAWN, id).get("approvedBy").asString()).isEqualTo("bureau");
    }

    @Test
    @DisplayName("SY 36, QY 31: an entry carries priority domains from the controlled list, searchable, as DCAT themes and in its events")
    void priorityDomainsAreTaggedSearchedExportedAndPublished() throws Exception {
        String body = CatalogRuleFixtures.body("NT-EPB", "空气质量监测数据", "UNCONDITIONAL", "UNCONDITIONAL");
        fixtures.postJson("/api/catalog/entries", officer("NT-EPB"),
                        body.replace("\"grade\":\"GENERAL\"", "\"grade\":\"GENERAL\",\"priorityDomains\":[\"environment\",\"tourism\"]"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("priorityDomains[1]"));
        String id = fixtures.read(fixtures.postJson("/api/catalog/entries", officer("NT-EPB"),
                        body.replace("\"grade\":\"GENERAL\"", "\"grade\":\"GENERAL\",\"priorityDomains\":[\"environment\",\"public-health\"]"))
                .andExpect(status().isCreated())).get("id").asString();
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/catalog/entries/" + id + "/submit")
                .with(officer("NT-EPB"))).andExpect(status().isOk());
        fixtures.postJson("/api/catalog/entries/" + id + "/review", BUREAU, "{\"decision\":\"APPROVE\",\"reasons\":[]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content.priorityDomains[0]").value("environment"));

        var published = fixtures.awaitEvent(EventTypes.CATALOG_ENTRY_PUBLISHED, id);
        assertThat(published.get("entry").get("priorityDomains").get(1).asString()).isEqualTo("public-health");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/catalog/entries?priorityDomain=public-health&department=NT-EPB").with(BUREAU))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.items[0].id").value(id)));
        mvc.perform(get("/api/catalog/entries?priorityDomain=tourism").with(BUREAU)).andExpect(status().isBadRequest());
        mvc.perform(get("/api/catalog/entries/" + id + "/dcat").with(BUREAU))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$['dcat:theme'][0]['skos:notation']").value("environment"))
                .andExpect(jsonPath("$['dcat:theme'][1]['skos:prefLabel']['@value']").value("公共卫生"));
    }

    @Test
    @DisplayName("SY 31 and SY 37 are Shenyang's: under Nantong a published restricted entry gets no re-evaluation duty")
    void noReevaluationOutsideShenyang() throws Exception {
        fixtures.published("NT-SOC", "失业保险金发放信息", "NOT_SHARED", "NOT_OPEN");

        mvc.perform(get("/api/catalog/duties?department=NT-SOC&trigger=RESTRICTED_REEVALUATION").with(BUREAU))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(0));
    }
}
