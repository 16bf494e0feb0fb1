package cn.govdata.sharing.application;

import cn.govdata.platform.test.KeepsKafkaBrokersProperty;
import cn.govdata.events.SharingEventTypes;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.sharing.grant.Grants;
import cn.govdata.sharing.resource.Resources;
import cn.govdata.sharing.resource.SharedResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static cn.govdata.sharing.application.SharingFixtures.approver;
import static cn.govdata.sharing.application.SharingFixtures.bureau;
import static cn.govdata.sharing.application.SharingFixtures.consumer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** NJ 22: 提出意见并报市政务数据行政主管部门确定后反馈 — the provider's answer takes effect once the bureau confirms it. */
@PlatformIntegrationTest
@ExtendWith(KeepsKafkaBrokersProperty.class)
@TestPropertySource(properties = {
        "govdata.jurisdiction=nanjing",
        "govdata.kafka.partitions=1"})
class NanjingBureauConfirmsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Resources resources;
    @Autowired
    Grants grants;
    @Autowired
    Clock clock;
    @Autowired
    EmbeddedKafkaBroker kafka;

    SharingFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new SharingFixtures(mvc, kafka.getBrokersAsString(), resources, clock);
    }

    @Test
    @DisplayName("NJ 22: the provider's answer waits for the bureau, unseen by the applicant; sent back with reasons, answered again, confirmed, then it takes effect")
    void theProvidersAnswerTakesEffectOnlyOnceTheBureauConfirmsIt() throws Exception {
        SharedResource conditional = fixtures.publish("CONDITIONAL", List.of("API"));
        String id = fixtures.body(fixtures.postJson("/api/sharing/applications", consumer(),
                        fixtures.application(conditional, List.of("姓名", "参保状态")))
                .andExpect(status().isCreated())).get("id").asString();
        String path = "/api/sharing/applications/" + id;

        fixtures.postJson(path + "/decision", approver(), Map.of("approve", false, "reasons", "数据尚未治理完成",
                        "legalBasis", "《南京市政务数据管理暂行办法》第二十二条"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("AWAITING_BUREAU"))
                .andExpect(jsonPath("$.providerOpinion.approve").value(false));
        // 确定后反馈: the applicant learns the answer only once the bureau has confirmed it.
        mvc.perform(get(path).with(consumer()))
                .andExpect(jsonPath("$.state").value("AWAITING_BUREAU"))
                .andExpect(jsonPath("$.providerOpinion").doesNotExist())
                .andExpect(jsonPath("$.decision").doesNotExist())
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("数据尚未治理完成"))));
        assertThat(fixtures.awaitEvent(SharingEventTypes.PROVIDER_OPINION_GIVEN, id).get("citation").asString())
                .isEqualTo("NJ 22");

        fixtures.postJson(path + "/bureau-confirmation", bureau(), Map.of("confirm", false))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reasons"));
        fixtures.postJson(path + "/bureau-confirmation", bureau(), Map.of("confirm", false, "reasons", "拒绝理由不成立，请重新答复"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("AWAITING_DECISION"))
                .andExpect(jsonPath("$.bureauReview.confirmed").value(false));
        fixtures.postJson(path + "/decision", approver(), Map.of("approve", true, "items", List.of("参保状态")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("AWAITING_BUREAU"))
                .andExpect(jsonPath("$.grantIssued").value(false));
        JsonNode confirmed = fixtures.body(fixtures.postJson(path + "/bureau-confirmation", bureau(), Map.of("confirm", true))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("APPROVED"))
                .andExpect(jsonPath("$.decision.decidedBy").value(containsString("confirmed by bureau-reviewer-wang, NJ 22")))
                .andExpect(jsonPath("$.grantIssued").value(true)));
        assertThat(grants.get(confirmed.get("grantId").asString()).items()).containsExactly("参保状态");
        mvc.perform(get(path).with(consumer())).andExpect(jsonPath("$.providerOpinion.approve").value(true));
        JsonNode decided = fixtures.awaitEvent(SharingEventTypes.APPLICATION_DECIDED, id);
        assertThat(decided.get("outcome").asString()).isEqualTo("APPROVED");
        // Confirmation only exists here; the bureau-decision step is Quanzhou's.
        fixtures.postJson(path + "/bureau-decision", bureau(), Map.of("approve", true)).andExpect(status().isConflict());
    }

    @Test
    @DisplayName("NJ 22 ¶3: another unit's request, filed with the bureau with scenario and safety measures, gets the provider's and the bureau's opinions and the city government's recorded decision")
    void aNonGovernmentUnitsRequestEndsWithTheCityGovernmentsDecision() throws Exception {
        SharedResource conditional = fixtures.publish("CONDITIONAL", List.of("API"));
        Map<String, Object> body = new java.util.HashMap<>(Map.of("unitName", "南京市红十字会", "resourceId", conditional.id(),
                "items", List.of("姓名", "参保状态"), "scenario", "困难群众救助对象核实", "purpose", "核实救助对象参保情况"));
        fixtures.postJson("/api/sharing/non-government-requests", bureau(), body)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("safetyMeasures"));
        body.put("safetyMeasures", "专人专机查询，结果不落地，按月销毁");
        fixtures.postJson("/api/sharing/non-government-requests", consumer(), body).andExpect(status().isForbidden());
        JsonNode filed = fixtures.body(fixtures.postJson("/api/sharing/non-government-requests", bureau(), body)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.state").value("AWAITING_OPINIONS"))
                .andExpect(jsonPath("$.providerDepartment").value(SharingFixtures.PROVIDER))
                .andExpect(jsonPath("$.opinionsDueAt").isString()));
        String path = "/api/sharing/non-government-requests/" + filed.get("id").asString();

        fixtures.postJson(path + "/city-government-decision", bureau(), Map.of("shareable", true, "decidedOn", "2026-01-05",
                "reference", "宁政复〔2026〕1号")).andExpect(status().isConflict());
        fixtures.postJson(path + "/provider-opinion", approver(), Map.of("shareable", true, "reasons", "限于核实所需字段"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("AWAITING_OPINIONS"));
        fixtures.postJson(path + "/provider-opinion", approver(), Map.of("shareable", false, "reasons", "改主意"))
                .andExpect(status().isConflict());
        fixtures.postJson(path + "/bureau-opinion", bureau(), Map.of("shareable", true, "reasons", "安全措施可行"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("AWAITING_CITY_GOVERNMENT"));
        fixtures.postJson(path + "/city-government-decision", bureau(), Map.of("shareable", true, "decidedOn", "2026-01-05",
                        "reference", "宁政复〔2026〕1号", "reasons", "同意共享，签署数据使用协议"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("CONFIRMED_SHAREABLE"))
                .andExpect(jsonPath("$.cityGovernment.reference").value("宁政复〔2026〕1号"))
                .andExpect(jsonPath("$.cityGovernment.recordedBy").value("bureau-reviewer-wang"))
                .andExpect(jsonPath("$.history.length()").value(4));
        mvc.perform(get("/api/sharing/non-government-requests?state=CONFIRMED_SHAREABLE").with(approver()))
                .andExpect(jsonPath("$.items[?(@.unitName == '南京市红十字会')]").exists());
    }
}
