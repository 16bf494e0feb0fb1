package cn.govdata.opendata.portal;

import cn.govdata.opendata.OpenDataFixtures;
import cn.govdata.platform.test.PlatformIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;

import static cn.govdata.opendata.OpenDataFixtures.entry;
import static cn.govdata.opendata.OpenDataFixtures.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
class PortalTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    // This context's own broker: the JVM-wide spring.embedded.kafka.brokers names whichever started last.
    @Autowired
    org.springframework.kafka.test.EmbeddedKafkaBroker embeddedKafka;

    @Test
    void thePortalIsPlainHtmlWithSearchDatasetPagesDownloadsTheNotOpenListAndTheApplicationNote() throws Exception {
        String brokers = embeddedKafka.getBrokersAsString();
        String open = uniqueId("PRT");
        String conditional = uniqueId("PRC");
        String notOpen = uniqueId("PRN");
        OpenDataFixtures.publishToCatalog(brokers, json, entry(open, "医疗机构<名录>", "HEA", "UNCONDITIONAL", null, false));
        OpenDataFixtures.publishToCatalog(brokers, json, entry(conditional, "医保结算明细", "HEA", "CONDITIONAL", "NJ 24", false));
        OpenDataFixtures.publishToCatalog(brokers, json, entry(notOpen, "病历信息", "HEA", "NOT_OPEN", "《基本医疗卫生与健康促进法》第九十二条", false));
        OpenDataFixtures.awaitListed(mvc, open);
        OpenDataFixtures.awaitListed(mvc, conditional);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(mvc.perform(get("/api/open-data/public/portal/not-open")).andReturn().getResponse()
                        .getContentAsString(StandardCharsets.UTF_8)).contains("病历信息"));
        OpenDataFixtures.maskPersonalFields(mvc, open, "HEA");
        OpenDataFixtures.upload(mvc, open, "HEA", "h.csv", OpenDataFixtures.PERSONAL_CSV);

        String home = mvc.perform(get("/api/open-data/public/portal").param("q", "医疗机构"))
                .andExpect(status().isOk()).andExpect(content().contentTypeCompatibleWith("text/html"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(home).startsWith("<!DOCTYPE html>").contains("<html lang=\"zh-CN\">").contains("公共数据开放平台")
                .contains("<form id=\"search\"").contains("name=\"q\"").contains("value=\"医疗机构\"")
                .contains("医疗机构&lt;名录&gt;").doesNotContain("医疗机构<名录>")
                .contains("href=\"/api/open-data/public/portal/datasets/" + open + "\"")
                .contains("id=\"not-open\"").contains("病历信息").contains("涉及个人隐私").contains("《基本医疗卫生与健康促进法》第九十二条")
                .doesNotContain("<script");

        String page = mvc.perform(get("/api/open-data/public/portal/datasets/" + open)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("目录编号").contains("提供部门").contains("无条件开放").contains("身份证号（个人信息，已脱敏）")
                .contains("href=\"/api/open-data/public/datasets/" + open + "/download?format=csv\"")
                .contains("href=\"/api/open-data/public/datasets/" + open + "/download?format=json\"")
                .contains("第 1 版").doesNotContain("id=\"application-form\"");

        String conditionalPage = mvc.perform(get("/api/open-data/public/portal/datasets/" + conditional)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(conditionalPage).contains("有条件开放申请").contains("id=\"application-form\"").contains("请登录后提交申请")
                .contains("安全保障措施").contains("NJ 24").doesNotContain("download?format=csv");

        mvc.perform(get("/api/open-data/public/portal/datasets/" + notOpen)).andExpect(status().isNotFound());
    }

    @Test
    void annualOpenPlansAreFiledByDepartmentsOncePerYearAndPublished() throws Exception {
        String brokers = embeddedKafka.getBrokersAsString();
        String plan = """
                {"year":2027,"items":[{"name":"公交实时到站","openType":"UNCONDITIONAL","domain":"交通","plannedQuarter":"Q2"}]}""";
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/open-data/plans")
                .with(OpenDataFixtures.officer("TRA")).contentType("application/json").content(plan)).andExpect(status().isCreated());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/open-data/plans")
                .with(OpenDataFixtures.officer("TRA")).contentType("application/json").content(plan)).andExpect(status().isConflict());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/open-data/plans")
                .with(OpenDataFixtures.citizen("c")).contentType("application/json").content(plan)).andExpect(status().isForbidden());
        mvc.perform(get("/api/open-data/public/plans").param("year", "2027")).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$[0].id").value("TRA-2027"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$[0].items[0].name").value("公交实时到站"));
        var record = cn.govdata.platform.test.KafkaProbe.awaitRecord(brokers, cn.govdata.events.Topics.OPEN_DATA,
                java.time.Duration.ofSeconds(20), r -> "TRA-2027".equals(r.key()));
        cn.govdata.events.SchemaAssertions.assertConforms(cn.govdata.events.OpenDataEventTypes.PLAN_FILED, record.value());
    }
}
