package cn.govdata.opendata.application;

import cn.govdata.opendata.OpenDataFixtures;
import cn.govdata.platform.test.PlatformIntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;

import static cn.govdata.opendata.OpenDataFixtures.approver;
import static cn.govdata.opendata.OpenDataFixtures.bureau;
import static cn.govdata.opendata.OpenDataFixtures.citizen;
import static cn.govdata.opendata.OpenDataFixtures.entry;
import static cn.govdata.opendata.OpenDataFixtures.operator;
import static cn.govdata.opendata.OpenDataFixtures.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Qingyuan keeps the department's decision (QY 38), takes commercial applications like any other
 * and asks no usage reports; its priority domains (QY 31) are counted from the open plans.
 */
@PlatformIntegrationTest
@TestPropertySource(properties = "govdata.jurisdiction=qingyuan")
class QingyuanOpenDataTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    EmbeddedKafkaBroker embeddedKafka;

    @Test
    @DisplayName("QY 38: the department decides commercial applications; no selection, assessment or usage-report schedule")
    void qy38TheDepartmentDecidesAndNoQuanzhouOrNanjingStepApplies() throws Exception {
        String entryId = uniqueId("QYC");
        OpenDataFixtures.publishToCatalog(embeddedKafka.getBrokersAsString(), json,
                entry(entryId, "企业用电信息", "QYAMR", "CONDITIONAL", "QY 33", false));
        OpenDataFixtures.awaitListed(mvc, entryId);
        String appId = json.readTree(mvc.perform(post("/api/open-data/applications").with(citizen("qy-co")).contentType("application/json")
                        .content("""
                                {"entryId":"%s","applicantKind":"domestic-controlled-enterprise","organisation":"清远数据公司",
                                 "purpose":"能耗产品","scenario":"商业","safetyMeasures":"加密","commercialUse":true}""".formatted(entryId)))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.route").value("department"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8)).get("id").asString();
        mvc.perform(post("/api/open-data/selection-rounds").with(bureau()).contentType("application/json")
                        .content("{\"entryId\":\"%s\",\"criteria\":\"x\",\"closesAt\":\"2099-01-01T00:00:00Z\"}".formatted(entryId)))
                .andExpect(status().isConflict());
        mvc.perform(post("/api/open-data/applications/" + appId + "/assessment").with(operator()).contentType("application/json")
                .content("{\"reasonable\":true,\"report\":\"合理\"}")).andExpect(status().isConflict());
        mvc.perform(post("/api/open-data/applications/" + appId + "/decision").with(approver("QYAMR")).contentType("application/json")
                .content("{\"approve\":true}")).andExpect(status().isOk()).andExpect(jsonPath("$.state").value("APPROVED"));
        String version = json.readTree(mvc.perform(get("/api/open-data/public/agreement")).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).get("version").asString();
        mvc.perform(post("/api/open-data/applications/" + appId + "/licence").with(citizen("qy-co")).contentType("application/json")
                        .content("{\"agreementVersion\":\"" + version + "\",\"accepted\":true}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.application.licence.reportEvery").doesNotExist());
        mvc.perform(get("/api/open-data/licences/usage-reports").with(bureau())).andExpect(status().isOk())
                .andExpect(jsonPath("$.licences[?(@.applicationId == '" + appId + "')]").isEmpty());
    }

    @Test
    @DisplayName("QY 31: plan items carry a priority domain from the controlled list, and the portal shows planned and open per domain")
    void qy31PriorityDomainsAreCountedFromPlansAndShownOnThePortal() throws Exception {
        String open = uniqueId("QYBUS");
        OpenDataFixtures.publishToCatalog(embeddedKafka.getBrokersAsString(), json,
                entry(open, "公交线路", "QYTRA", "UNCONDITIONAL", null, false));
        OpenDataFixtures.awaitListed(mvc, open);

        mvc.perform(post("/api/open-data/plans").with(OpenDataFixtures.officer("QYTRA")).contentType("application/json").content("""
                        {"year":2031,"items":[{"name":"公交线路","openType":"UNCONDITIONAL","entryId":"%s","priorityDomain":"transport"},
                         {"name":"航天数据","openType":"UNCONDITIONAL","priorityDomain":"space"}]}""".formatted(open)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("items[1].priorityDomain"));
        mvc.perform(post("/api/open-data/plans").with(OpenDataFixtures.officer("QYTRA")).contentType("application/json").content("""
                        {"year":2031,"items":[{"name":"公交线路","openType":"UNCONDITIONAL","entryId":"%s","priorityDomain":"transport"},
                         {"name":"出租车运营","openType":"CONDITIONAL","priorityDomain":"transport"},
                         {"name":"医院床位","openType":"UNCONDITIONAL","priorityDomain":"healthcare"}]}""".formatted(open)))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.items[0].priorityDomain").value("transport"));

        mvc.perform(get("/api/open-data/public/priority-domains").param("year", "2031")).andExpect(status().isOk())
                .andExpect(jsonPath("$.rule").value("QY 31"))
                .andExpect(jsonPath("$.domains[?(@.key == 'transport')].planned").value(2))
                .andExpect(jsonPath("$.domains[?(@.key == 'transport')].open").value(1))
                .andExpect(jsonPath("$.domains[?(@.key == 'public-safety')].planned").value(0))
                // Not in QY 31's list, but a plan used it: shown, marked as not a priority here.
                .andExpect(jsonPath("$.domains[?(@.key == 'healthcare')].priority").value(false));

        String portal = mvc.perform(get("/api/open-data/public/portal")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(portal).contains("id=\"priority-domains\"").contains("公共安全").contains("QY 31");
    }
}
