package cn.govdata.opendata.application;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.opendata.OpenDataFixtures;
import cn.govdata.platform.test.PlatformIntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
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
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Nanjing's open-data flow under its own profile (NJ 27): the department answers within 15 working days,
 * research use is non-commercial, and commercial development is awarded by competitive selection.
 * Moves the clock to close the selection round, so its own context.
 */
@PlatformIntegrationTest
@TestPropertySource(properties = {"govdata.jurisdiction=nanjing", "govdata.time.adjustable=true",
        "govdata.deadlines.poll-interval=200ms", "govdata.deadlines.lease=2s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class NanjingOpenDataFlowTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    EmbeddedKafkaBroker embeddedKafka;
    @Autowired
    WorkingDayCalendar calendar;

    private static String application(String entryId, String kind, boolean commercial) {
        return """
                {"entryId":"%s","applicantKind":"%s","organisation":"南京某机构","purpose":"交通出行分析",
                 "scenario":"出行服务","safetyMeasures":"专人保管，内网隔离","commercialUse":%s}""".formatted(entryId, kind, commercial);
    }

    private JsonNode body(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    private String conditionalEntry(String prefix) {
        String id = uniqueId(prefix);
        OpenDataFixtures.publishToCatalog(embeddedKafka.getBrokersAsString(), json, entry(id, "公交刷卡客流", "TRA", "CONDITIONAL", "NJ 27", false));
        OpenDataFixtures.awaitListed(mvc, id);
        return id;
    }

    @Test
    @DisplayName("NJ 27: the holding department answers within 15 working days; research use is non-commercial")
    void nj27TheDepartmentAnswersWithinFifteenWorkingDaysAndResearchIsNonCommercial() throws Exception {
        String entryId = conditionalEntry("NJF");
        mvc.perform(post("/api/open-data/applications").with(citizen("nj-u")).contentType("application/json")
                        .content(application(entryId, "university", true)))
                .andExpect(status().is(422)).andExpect(jsonPath("$.detail").value(containsString("NJ 27")));
        JsonNode submitted = body(mvc.perform(post("/api/open-data/applications").with(citizen("nj-u")).contentType("application/json")
                        .content(application(entryId, "university", false)))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.decisionRule").value("NJ 27"))
                .andExpect(jsonPath("$.route").value("department")));
        Instant submittedAt = Instant.parse(submitted.get("submittedAt").asString());
        Instant due = Instant.parse(submitted.get("decisionDueAt").asString());
        assertThat(due).isEqualTo(calendar.dueWithin(submittedAt, 15));
        assertThat(Duration.between(submittedAt, due)).isGreaterThan(Duration.ofDays(15));

        String appId = submitted.get("id").asString();
        // The technical-assessment route is Quanzhou's: here the unit has nothing to assess.
        mvc.perform(post("/api/open-data/applications/" + appId + "/assessment").with(operator()).contentType("application/json")
                .content("{\"reasonable\":true,\"report\":\"合理\"}")).andExpect(status().isConflict());
        mvc.perform(post("/api/open-data/applications/" + appId + "/decision").with(approver("TRA")).contentType("application/json")
                .content("{\"approve\":true}")).andExpect(status().isOk()).andExpect(jsonPath("$.state").value("APPROVED"));
    }

    @Test
    @DisplayName("NJ 27: commercial development is awarded by competitive selection, and only the selected party is licensed")
    void nj27CommercialDevelopmentIsAwardedBySelection() throws Exception {
        String entryId = conditionalEntry("NJS");
        mvc.perform(post("/api/open-data/applications").with(citizen("nj-co")).contentType("application/json")
                        .content(application(entryId, "domestic-controlled-enterprise", true)))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.type").value(containsString("commercial-use-by-selection")))
                .andExpect(jsonPath("$.rule").value("NJ 27"));

        Instant now = Instant.parse(body(mvc.perform(get("/api/open-data/time").with(operator()))).get("now").asString());
        String roundId = body(mvc.perform(post("/api/open-data/selection-rounds").with(bureau()).contentType("application/json")
                        .content("{\"entryId\":\"%s\",\"criteria\":\"公开招标：方案与安全评分\",\"closesAt\":\"%s\"}"
                                .formatted(entryId, now.plus(Duration.ofDays(5)))))
                .andExpect(status().isCreated())).get("id").asString();
        mvc.perform(post("/api/open-data/applications").with(citizen("nj-co")).contentType("application/json")
                        .content(application(entryId, "domestic-controlled-enterprise", true)))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.selectionRound").value(roundId));

        String bid = body(mvc.perform(post("/api/open-data/selection-rounds/" + roundId + "/bids").with(citizen("nj-co"))
                        .contentType("application/json").content("""
                                {"applicantKind":"domestic-controlled-enterprise","organisation":"南京出行科技有限公司",
                                 "proposal":"实时公交客流产品","safetyMeasures":"等保三级"}"""))
                .andExpect(status().isCreated())).get("bidId").asString();
        mvc.perform(get("/api/open-data/public/selection-rounds").param("entryId", entryId)).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].state").value("OPEN")).andExpect(jsonPath("$[0].bids").value(1))
                .andExpect(jsonPath("$[0].result").doesNotExist());

        OpenDataFixtures.advance(mvc, Duration.ofDays(6));
        mvc.perform(post("/api/open-data/selection-rounds/" + roundId + "/result").with(bureau()).contentType("application/json")
                        .content("""
                                {"evaluations":[{"bidId":"%s","score":88,"reasons":"方案可行"}],"selectedBidId":"%s","reasons":"唯一合格"}"""
                                .formatted(bid, bid)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("DECIDED"));
        mvc.perform(get("/api/open-data/public/selection-rounds").param("entryId", entryId))
                .andExpect(jsonPath("$[0].result.selectedOrganisation").value("南京出行科技有限公司"))
                .andExpect(jsonPath("$[0].result.evaluations[0].score").value(88.0));

        // Nanjing's route: approved by the result, no technical authorisation; the licensee does not report on a schedule.
        String version = body(mvc.perform(get("/api/open-data/public/agreement"))).get("version").asString();
        mvc.perform(post("/api/open-data/applications/ODA-" + roundId + "/licence").with(citizen("nj-co"))
                        .contentType("application/json").content("{\"agreementVersion\":\"" + version + "\",\"accepted\":true}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.application.state").value("LICENSED"))
                .andExpect(jsonPath("$.application.commercialUse").value(true))
                .andExpect(jsonPath("$.application.licence.reportEvery").doesNotExist());
        // The round is decided: a commercial application is again pointed to a future round.
        mvc.perform(post("/api/open-data/applications").with(citizen("nj-co2")).contentType("application/json")
                        .content(application(entryId, "domestic-controlled-enterprise", true)))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.selectionRound").doesNotExist());
    }
}
