package cn.govdata.sharing.application;

import cn.govdata.events.SharingEventTypes;
import cn.govdata.sharing.grant.Grant;
import cn.govdata.sharing.grant.Grants;
import cn.govdata.sharing.resource.Resources;
import cn.govdata.sharing.resource.SharedResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.govdata.sharing.application.SharingFixtures.approver;
import static cn.govdata.sharing.application.SharingFixtures.bureau;
import static cn.govdata.sharing.application.SharingFixtures.consumer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Personal items leave in clear only by a recorded decision of the provider department's approver
 * with a legal basis; the platform's unconditional grant is masked, and under Nantong's profile it
 * is usable only once the bureau has reviewed it (NT 23). 姓名 and 公民身份号码 are personal in the fixtures.
 */
@NantongSharingTest
class ClearItemsDecisionTest {

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

    private JsonNode applyForClear(SharedResource resource) throws Exception {
        var body = new HashMap<>(fixtures.application(resource, List.of("姓名", "参保状态")));
        body.put("unmaskedItems", List.of("姓名", "参保状态"));
        return fixtures.body(fixtures.postJson("/api/sharing/applications", consumer(), body)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.state").value("APPROVED"))
                .andExpect(jsonPath("$.grantIssued").value(true))
                .andExpect(jsonPath("$.clearItemsApplicationId").isString()));
    }

    @Test
    void anUnconditionalGrantDeliversPersonalItemsMaskedUntilTheProvidersApproverDecidesWithALegalBasis() throws Exception {
        SharedResource resource = fixtures.publish("UNCONDITIONAL", List.of("API"));
        JsonNode application = applyForClear(resource);
        String grantId = application.get("grantId").asString();
        String requestId = application.get("clearItemsApplicationId").asString();

        Grant grant = grants.get(grantId);
        assertThat(grant.unmaskedItems()).as("only the item that is not personal is in clear at once").containsExactly("参保状态");
        assertThat(grant.clearDecisions()).isEmpty();
        assertThat(grant.usableAt(clock.instant())).as("NT 23: not before the bureau's review").isFalse();

        JsonNode request = fixtures.body(mvc.perform(get("/api/sharing/applications/" + requestId).with(approver()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.type").value("CLEAR_ITEMS"))
                .andExpect(jsonPath("$.state").value("AWAITING_DECISION"))
                .andExpect(jsonPath("$.renewsGrantId").value(grantId))
                .andExpect(jsonPath("$.decisionPeriod.dueAt").isString()));
        assertThat(request.get("unmaskedItems").toString()).isEqualTo("[\"姓名\"]");
        mvc.perform(get("/api/sharing/applications?state=AWAITING_DECISION&provider=" + SharingFixtures.PROVIDER
                        + "&resourceId=" + resource.id()).with(approver()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value(requestId));

        // NT 23: 在线填写授权意见 — the bureau's opinion is recorded with a confirmation too, and the result reaches the provider.
        fixtures.postJson("/api/sharing/grants/" + grantId + "/platform-review", bureau(), Map.of("confirm", true))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reasons"));
        fixtures.postJson("/api/sharing/grants/" + grantId + "/platform-review", bureau(), Map.of("confirm", true, "reasons", "同意授权"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.usable").value(true))
                .andExpect(jsonPath("$.platformReview.reasons").value("同意授权"));
        var reviewed = fixtures.awaitEvent(cn.govdata.events.SharingEventTypes.GRANT_PLATFORM_REVIEWED, grantId);
        org.assertj.core.api.Assertions.assertThat(reviewed.get("outcome").asString()).isEqualTo("CONFIRMED");
        org.assertj.core.api.Assertions.assertThat(reviewed.get("opinion").asString()).isEqualTo("同意授权");

        fixtures.postJson("/api/sharing/applications/" + requestId + "/decision", approver(), Map.of("approve", true))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("legalBasis"));
        fixtures.postJson("/api/sharing/applications/" + requestId + "/decision", approver(),
                        Map.of("approve", true, "legalBasis", "《社会救助暂行办法》第十一条"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("APPROVED"))
                .andExpect(jsonPath("$.decision.legalBasis").value("《社会救助暂行办法》第十一条"))
                .andExpect(jsonPath("$.grantIssued").value(true));

        Grant widened = grants.get(grantId);
        assertThat(widened.unmaskedItems()).containsExactlyInAnyOrder("参保状态", "姓名");
        assertThat(widened.clearDecisions()).singleElement().satisfies(d -> {
            assertThat(d.decidedBy()).isEqualTo("hrss-approver");
            assertThat(d.legalBasis()).isEqualTo("《社会救助暂行办法》第十一条");
            assertThat(d.items()).containsExactly("姓名");
            assertThat(d.applicationId()).isEqualTo(requestId);
        });
        JsonNode event = fixtures.awaitEvent(SharingEventTypes.GRANT_WIDENED, grantId);
        assertThat(event.get("decidedBy").asString()).isEqualTo("hrss-approver");
        assertThat(event.get("legalBasis").asString()).isEqualTo("《社会救助暂行办法》第十一条");
        assertThat(event.get("addedItems").toString()).isEqualTo("[\"姓名\"]");
        JsonNode decided = fixtures.awaitEvent(SharingEventTypes.APPLICATION_DECIDED, requestId);
        assertThat(decided.get("applicationType").asString()).isEqualTo("CLEAR_ITEMS");
        assertThat(decided.get("legalBasis").asString()).isEqualTo("《社会救助暂行办法》第十一条");
    }

    @Test
    void aRefusedClearItemsRequestLeavesTheGrantMaskedWithTheReasonsRecorded() throws Exception {
        SharedResource resource = fixtures.publish("UNCONDITIONAL", List.of("API"));
        JsonNode application = applyForClear(resource);
        String requestId = application.get("clearItemsApplicationId").asString();

        fixtures.postJson("/api/sharing/applications/" + requestId + "/decision", approver(),
                        Map.of("approve", false, "reasons", List.of("核验身份无需明文姓名（最少够用）"),
                                "legalBasis", "《个人信息保护法》第六条"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("REFUSED"))
                .andExpect(jsonPath("$.decision.reasons[0]").value("核验身份无需明文姓名（最少够用）"));
        assertThat(grants.get(application.get("grantId").asString()).unmaskedItems()).containsExactly("参保状态");
    }

    @Test
    void aConditionalApprovalInClearNeedsALegalBasisThatTheGrantKeeps() throws Exception {
        SharedResource resource = fixtures.publish("CONDITIONAL", List.of("API"));
        var body = new HashMap<>(fixtures.application(resource, List.of("姓名", "参保状态")));
        body.put("unmaskedItems", List.of("姓名", "参保状态"));
        String id = fixtures.body(fixtures.postJson("/api/sharing/applications", consumer(), body)
                .andExpect(status().isCreated()).andExpect(jsonPath("$.state").value("FORMALITY_CHECK"))).get("id").asString();
        mvc.perform(multipart("/api/sharing/applications/" + id + "/attachments")
                        .file(new MockMultipartFile("file", "scan.pdf", "application/pdf", ApplicationsTest.PDF)).with(consumer()))
                .andExpect(status().isCreated());
        fixtures.postJson("/api/sharing/applications/" + id + "/formality-check", bureau(), Map.of("passed", true))
                .andExpect(status().isOk());

        fixtures.postJson("/api/sharing/applications/" + id + "/decision", approver(), Map.of("approve", true))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("legalBasis"));
        JsonNode decided = fixtures.body(fixtures.postJson("/api/sharing/applications/" + id + "/decision", approver(),
                        Map.of("approve", true, "legalBasis", "《社会救助暂行办法》第十一条"))
                .andExpect(status().isOk()));
        Grant grant = grants.get(decided.get("grantId").asString());
        assertThat(grant.unmaskedItems()).contains("姓名");
        assertThat(grant.clearDecisions()).singleElement()
                .satisfies(d -> assertThat(d.legalBasis()).isEqualTo("《社会救助暂行办法》第十一条"));
    }
}
