package cn.govdata.opendata.application;

import cn.govdata.events.OpenDataEventTypes;
import cn.govdata.events.SchemaAssertions;
import cn.govdata.events.Topics;
import cn.govdata.opendata.OpenDataFixtures;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.PlatformIntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static cn.govdata.opendata.OpenDataFixtures.approver;
import static cn.govdata.opendata.OpenDataFixtures.bureau;
import static cn.govdata.opendata.OpenDataFixtures.citizen;
import static cn.govdata.opendata.OpenDataFixtures.entry;
import static cn.govdata.opendata.OpenDataFixtures.operator;
import static cn.govdata.opendata.OpenDataFixtures.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Quanzhou's conditional open data: applications go to the bureau and are assessed by the technical
 * service unit (QZ 6.4-6.5), commercial development is awarded by selection (QZ 6.6), licensees report
 * their use every period and the bureau may suspend after repeated misses (QZ 6.7). Moves the clock.
 */
@PlatformIntegrationTest
@TestPropertySource(properties = {"govdata.jurisdiction=quanzhou", "govdata.time.adjustable=true",
        "govdata.deadlines.poll-interval=200ms", "govdata.deadlines.lease=2s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class QuanzhouOpenDataTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    EmbeddedKafkaBroker embeddedKafka;

    static String application(String entryId, boolean commercial) {
        return """
                {"entryId":"%s","applicantKind":"domestic-controlled-enterprise","organisation":"泉州数智科技有限公司",
                 "purpose":"港口物流调度","scenario":"物流平台","safetyMeasures":"专线接入，加密存储","commercialUse":%s}"""
                .formatted(entryId, commercial);
    }

    private String conditionalEntry(String prefix) throws Exception {
        String id = uniqueId(prefix);
        OpenDataFixtures.publishToCatalog(embeddedKafka.getBrokersAsString(), json,
                entry(id, "港口集装箱吞吐信息", "PORT", "CONDITIONAL", "QZ 6.4", false));
        OpenDataFixtures.awaitListed(mvc, id);
        return id;
    }

    private JsonNode body(org.springframework.test.web.servlet.ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    private String agreementVersion() throws Exception {
        return body(mvc.perform(get("/api/open-data/public/agreement"))).get("version").asString();
    }

    @Test
    @DisplayName("QZ 6.5: the technical service unit assesses, the bureau confirms, the unit authorises; the department does not decide")
    void qz65TheBureauRouteAssessesConfirmsAndAuthorises() throws Exception {
        String entryId = conditionalEntry("QZR");
        String appId = body(mvc.perform(post("/api/open-data/applications").with(citizen("qz-co")).contentType("application/json")
                        .content(application(entryId, false)))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.state").value("SUBMITTED"))
                .andExpect(jsonPath("$.route").value("bureau-with-technical-assessment"))).get("id").asString();

        // The holding department does not decide under this route (QZ 6.5).
        mvc.perform(post("/api/open-data/applications/" + appId + "/decision").with(approver("PORT")).contentType("application/json")
                        .content("{\"approve\":true}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.detail").value(containsString("QZ 6.5")));
        // The bureau confirms only what the unit assessed; only the operator assesses.
        mvc.perform(post("/api/open-data/applications/" + appId + "/confirmation").with(bureau()).contentType("application/json")
                .content("{\"approve\":true}")).andExpect(status().isConflict());
        mvc.perform(post("/api/open-data/applications/" + appId + "/assessment").with(bureau()).contentType("application/json")
                .content("{\"reasonable\":true,\"report\":\"需求合理\"}")).andExpect(status().isForbidden());

        mvc.perform(get("/api/open-data/applications").param("state", "SUBMITTED").with(operator()))
                .andExpect(status().isOk()).andExpect(jsonPath("$[?(@.id == '" + appId + "')]").exists());
        mvc.perform(post("/api/open-data/applications/" + appId + "/assessment").with(operator()).contentType("application/json")
                        .content("{\"reasonable\":true,\"report\":\"用途明确，字段范围与场景相符\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("ASSESSED"))
                .andExpect(jsonPath("$.assessment.reasonable").value(true));
        mvc.perform(post("/api/open-data/applications/" + appId + "/confirmation").with(bureau()).contentType("application/json")
                        .content("{\"approve\":true,\"reasons\":\"确认；限于物流调度场景\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("APPROVED"));

        // The licence waits for the unit's authorisation.
        String accept = "{\"agreementVersion\":\"" + agreementVersion() + "\",\"accepted\":true}";
        mvc.perform(post("/api/open-data/applications/" + appId + "/licence").with(citizen("qz-co")).contentType("application/json")
                .content(accept)).andExpect(status().isConflict());
        mvc.perform(post("/api/open-data/applications/" + appId + "/authorisation").with(operator()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("AUTHORISED"))
                .andExpect(jsonPath("$.authorisedBy").value("ops-1"));
        mvc.perform(post("/api/open-data/applications/" + appId + "/licence").with(citizen("qz-co")).contentType("application/json")
                        .content(accept))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.application.state").value("LICENSED"));

        String brokers = embeddedKafka.getBrokersAsString();
        for (var type : java.util.List.of(OpenDataEventTypes.APPLICATION_ASSESSED, OpenDataEventTypes.APPLICATION_AUTHORISED)) {
            var record = KafkaProbe.awaitRecord(brokers, Topics.OPEN_DATA, Duration.ofSeconds(20),
                    r -> appId.equals(r.key()) && KafkaProbe.header(r, "ce_type").orElse("").equals(type.type()));
            SchemaAssertions.assertConforms(type, record.value());
        }
    }

    @Test
    @DisplayName("QZ 6.5: a need assessed as unreasonable goes back to the applicant to adjust and apply again")
    void qz65AnUnreasonableNeedGoesBackToTheApplicant() throws Exception {
        String entryId = conditionalEntry("QZU");
        String appId = body(mvc.perform(post("/api/open-data/applications").with(citizen("qz-co2")).contentType("application/json")
                .content(application(entryId, false))).andExpect(status().isCreated())).get("id").asString();
        mvc.perform(post("/api/open-data/applications/" + appId + "/assessment").with(operator()).contentType("application/json")
                        .content("{\"reasonable\":false,\"report\":\"申请字段超出场景所需\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("RETURNED"))
                .andExpect(jsonPath("$.reasons").value(containsString("重新申请")));
        mvc.perform(post("/api/open-data/applications/" + appId + "/confirmation").with(bureau()).contentType("application/json")
                .content("{\"approve\":true}")).andExpect(status().isConflict());
        // The adjusted need is a new application.
        mvc.perform(post("/api/open-data/applications").with(citizen("qz-co2")).contentType("application/json")
                .content(application(entryId, false))).andExpect(status().isCreated());
    }

    @Test
    @DisplayName("QZ 6.6: commercial use is awarded by a selection round; first-come commercial applications are refused")
    void qz66CommercialUseIsAwardedBySelection() throws Exception {
        String entryId = conditionalEntry("QZS");
        mvc.perform(post("/api/open-data/applications").with(citizen("qz-a")).contentType("application/json")
                        .content(application(entryId, true)))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.detail").value(containsString("QZ 6.6")))
                .andExpect(jsonPath("$.detail").value(containsString("没有正在进行的竞争性选择")));

        Instant closes = Instant.parse(body(mvc.perform(get("/api/open-data/time").with(operator()))).get("now").asString())
                .plus(Duration.ofDays(10));
        String open = "{\"entryId\":\"%s\",\"criteria\":\"技术方案60分，安全保障40分\",\"closesAt\":\"%s\"}".formatted(entryId, closes);
        mvc.perform(post("/api/open-data/selection-rounds").with(citizen("qz-a")).contentType("application/json").content(open))
                .andExpect(status().isForbidden());
        String roundId = body(mvc.perform(post("/api/open-data/selection-rounds").with(bureau()).contentType("application/json")
                .content(open)).andExpect(status().isCreated())).get("id").asString();
        mvc.perform(post("/api/open-data/selection-rounds").with(bureau()).contentType("application/json").content(open))
                .andExpect(status().isConflict());

        mvc.perform(post("/api/open-data/applications").with(citizen("qz-a")).contentType("application/json")
                        .content(application(entryId, true)))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.selectionRound").value(roundId));
        // Non-commercial applications are unaffected.
        mvc.perform(post("/api/open-data/applications").with(citizen("qz-a")).contentType("application/json")
                .content(application(entryId, false))).andExpect(status().isCreated());

        String bid = "{\"applicantKind\":\"%s\",\"organisation\":\"%s\",\"proposal\":\"港口物流数据产品\",\"safetyMeasures\":\"等保三级\"}";
        // Universities may not use the data commercially (QZ 6.4), so they cannot bid.
        mvc.perform(post("/api/open-data/selection-rounds/" + roundId + "/bids").with(citizen("qz-u")).contentType("application/json")
                .content(bid.formatted("university", "某大学"))).andExpect(status().is(422));
        String winner = body(mvc.perform(post("/api/open-data/selection-rounds/" + roundId + "/bids").with(citizen("qz-a"))
                .contentType("application/json").content(bid.formatted("domestic-controlled-enterprise", "甲数据公司")))
                .andExpect(status().isCreated())).get("bidId").asString();
        mvc.perform(post("/api/open-data/selection-rounds/" + roundId + "/bids").with(citizen("qz-a")).contentType("application/json")
                .content(bid.formatted("domestic-controlled-enterprise", "甲数据公司"))).andExpect(status().isConflict());
        String loser = body(mvc.perform(post("/api/open-data/selection-rounds/" + roundId + "/bids").with(citizen("qz-b"))
                .contentType("application/json").content(bid.formatted("domestic-controlled-enterprise", "乙信息公司")))
                .andExpect(status().isCreated())).get("bidId").asString();

        String result = """
                {"evaluations":[{"bidId":"%s","score":91.5,"reasons":"方案完整"},{"bidId":"%s","score":78,"reasons":"安全措施不足"}],
                 "selectedBidId":"%s","reasons":"综合得分最高"}""".formatted(winner, loser, winner);
        mvc.perform(post("/api/open-data/selection-rounds/" + roundId + "/result").with(bureau()).contentType("application/json")
                .content(result)).andExpect(status().isConflict());
        OpenDataFixtures.advance(mvc, Duration.ofDays(11));
        mvc.perform(post("/api/open-data/selection-rounds/" + roundId + "/bids").with(citizen("qz-c")).contentType("application/json")
                .content(bid.formatted("domestic-controlled-enterprise", "丙公司"))).andExpect(status().isConflict());
        mvc.perform(post("/api/open-data/selection-rounds/" + roundId + "/result").with(bureau()).contentType("application/json")
                        .content("""
                                {"evaluations":[{"bidId":"%s","score":91.5,"reasons":"方案完整"}],"selectedBidId":"%s","reasons":"x"}"""
                                .formatted(winner, winner)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("evaluations"));
        mvc.perform(post("/api/open-data/selection-rounds/" + roundId + "/result").with(bureau()).contentType("application/json")
                        .content(result))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("DECIDED"))
                .andExpect(jsonPath("$.result.applicationId").value("ODA-" + roundId));

        // Published on the portal: the organisations' scores and the reasons, not who applied in person.
        String published = mvc.perform(get("/api/open-data/public/selection-rounds").param("entryId", entryId))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].result.selectedOrganisation").value("甲数据公司"))
                .andExpect(jsonPath("$[0].bids").value(2))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(published).contains("乙信息公司").doesNotContain("qz-a").doesNotContain("qz-b");

        // Only the selected party holds a commercial application; under QZ the unit still authorises it.
        String appId = "ODA-" + roundId;
        mvc.perform(get("/api/open-data/applications/" + appId).with(citizen("qz-b"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/open-data/applications/" + appId).with(citizen("qz-a"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("APPROVED")).andExpect(jsonPath("$.commercialUse").value(true))
                .andExpect(jsonPath("$.selectionRound").value(roundId));
        mvc.perform(post("/api/open-data/applications/" + appId + "/authorisation").with(operator())).andExpect(status().isOk());
        mvc.perform(post("/api/open-data/applications/" + appId + "/licence").with(citizen("qz-a")).contentType("application/json")
                        .content("{\"agreementVersion\":\"" + agreementVersion() + "\",\"accepted\":true}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.application.state").value("LICENSED"));

        String brokers = embeddedKafka.getBrokersAsString();
        for (var type : java.util.List.of(OpenDataEventTypes.SELECTION_OPENED, OpenDataEventTypes.SELECTION_DECIDED)) {
            var record = KafkaProbe.awaitRecord(brokers, Topics.OPEN_DATA, Duration.ofSeconds(20),
                    r -> roundId.equals(r.key()) && KafkaProbe.header(r, "ce_type").orElse("").equals(type.type()));
            SchemaAssertions.assertConforms(type, record.value());
        }
    }

    @Test
    @DisplayName("QZ 6.7: licensees report each period; missed periods are counted and after two the bureau may suspend")
    void qz67MissedUsageReportsAreCountedAndLetTheBureauSuspend() throws Exception {
        String entryId = conditionalEntry("QZL");
        OpenDataFixtures.maskPersonalFields(mvc, entryId, "PORT");
        assertThat(OpenDataFixtures.upload(mvc, entryId, "PORT", "port.csv", OpenDataFixtures.PERSONAL_CSV).getResponse().getStatus())
                .isEqualTo(201);
        String appId = body(mvc.perform(post("/api/open-data/applications").with(citizen("qz-l")).contentType("application/json")
                .content(application(entryId, false))).andExpect(status().isCreated())).get("id").asString();
        mvc.perform(post("/api/open-data/applications/" + appId + "/assessment").with(operator()).contentType("application/json")
                .content("{\"reasonable\":true,\"report\":\"合理\"}")).andExpect(status().isOk());
        mvc.perform(post("/api/open-data/applications/" + appId + "/confirmation").with(bureau()).contentType("application/json")
                .content("{\"approve\":true}")).andExpect(status().isOk());
        mvc.perform(post("/api/open-data/applications/" + appId + "/authorisation").with(operator())).andExpect(status().isOk());
        JsonNode issued = body(mvc.perform(post("/api/open-data/applications/" + appId + "/licence").with(citizen("qz-l"))
                        .contentType("application/json").content("{\"agreementVersion\":\"" + agreementVersion() + "\",\"accepted\":true}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.application.licence.reportEvery").value("3m"))
                .andExpect(jsonPath("$.application.licence.reportPeriod").value(1))
                .andExpect(jsonPath("$.application.licence.nextReportDueAt").exists()));
        String apiKey = issued.get("apiKey").asString();

        // The first period's report: products cite source and acquisition date; the next period starts.
        mvc.perform(post("/api/open-data/applications/" + appId + "/usage-reports").with(citizen("qz-l")).contentType("application/json")
                        .content("""
                                {"period":"第1期","summary":"开发港口调度看板","products":[{"name":"港口调度看板",
                                 "source":"泉州市港口集装箱吞吐信息","acquiredOn":"2026-12-01"}]}"""))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.licence.reportPeriod").value(2))
                .andExpect(jsonPath("$.usageReports[0].reportPeriod").value(1));

        // Not yet missed: the bureau may not suspend; the desk lists the licence, not overdue.
        mvc.perform(post("/api/open-data/applications/" + appId + "/licence/suspend").with(bureau()).contentType("application/json")
                        .content("{\"reasons\":\"未报告\"}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.missesBeforeSuspension").value(2));
        mvc.perform(get("/api/open-data/licences/usage-reports").with(citizen("qz-l"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/open-data/licences/usage-reports").with(bureau())).andExpect(status().isOk())
                .andExpect(jsonPath("$.licences[?(@.applicationId == '" + appId + "')].overdue").value(false))
                .andExpect(jsonPath("$.rule").value("QZ 6.7"));

        // Two periods pass without a report.
        for (int missed = 1; missed <= 2; missed++) {
            JsonNode now = body(mvc.perform(get("/api/open-data/applications/" + appId).with(citizen("qz-l"))));
            Instant due = Instant.parse(now.get("licence").get("nextReportDueAt").asString());
            Instant clock = Instant.parse(body(mvc.perform(get("/api/open-data/time").with(operator()))).get("now").asString());
            OpenDataFixtures.advance(mvc, Duration.between(clock, due).plusHours(1));
            int expected = missed;
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    mvc.perform(get("/api/open-data/applications/" + appId).with(citizen("qz-l")))
                            .andExpect(jsonPath("$.licence.missedReports").value(expected)));
        }
        mvc.perform(get("/api/open-data/licences/usage-reports").with(bureau())).andExpect(status().isOk())
                .andExpect(jsonPath("$.licences[?(@.applicationId == '" + appId + "')].missedReports").value(2))
                .andExpect(jsonPath("$.licences[?(@.applicationId == '" + appId + "')].suspendable").value(true));

        mvc.perform(post("/api/open-data/applications/" + appId + "/licence/suspend").with(bureau()).contentType("application/json")
                        .content("{\"reasons\":\"连续两期未报告开发利用情况（QZ 6.7）\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("SUSPENDED"));
        mvc.perform(get("/api/open-data/public/licensed/datasets/" + entryId + "/download").header("X-Api-Key", apiKey))
                .andExpect(status().isUnauthorized());
        // The bureau suspends; revoking stays with the department.
        mvc.perform(post("/api/open-data/applications/" + appId + "/licence/revoke").with(bureau()).contentType("application/json")
                .content("{\"reasons\":\"x\"}")).andExpect(status().isForbidden());
    }
}
