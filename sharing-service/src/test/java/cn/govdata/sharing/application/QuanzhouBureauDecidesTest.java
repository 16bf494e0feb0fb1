package cn.govdata.sharing.application;

import cn.govdata.platform.test.KeepsKafkaBrokersProperty;
import cn.govdata.events.SharingEventTypes;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.sharing.grant.Grant;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** QZ 2.2, 5.4: 经数据管理机构会同数据生产单位会商同意后进行共享 — the bureau decides after the provider's opinion. */
@PlatformIntegrationTest
@ExtendWith(KeepsKafkaBrokersProperty.class)
@TestPropertySource(properties = {
        "govdata.jurisdiction=quanzhou",
        "govdata.kafka.partitions=1"})
class QuanzhouBureauDecidesTest {

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
    @DisplayName("QZ 5.4: the provider cannot decide alone; its opinion is recorded and the bureau's decision, narrowing the items, issues the grant")
    void theBureauDecidesAfterTheProvidersOpinion() throws Exception {
        SharedResource conditional = fixtures.publish("CONDITIONAL", List.of("API"));
        String id = fixtures.body(fixtures.postJson("/api/sharing/applications", consumer(),
                        fixtures.application(conditional, List.of("姓名", "参保状态", "缴费基数")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.state").value("AWAITING_DECISION"))).get("id").asString();
        String path = "/api/sharing/applications/" + id;

        fixtures.postJson(path + "/decision", approver(), Map.of("approve", true))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("QZ 5.4")))
                .andExpect(jsonPath("$.detail").value(containsString("provider-opinion")));
        fixtures.postJson(path + "/bureau-decision", bureau(), Map.of("approve", true))
                .andExpect(status().isConflict());
        fixtures.postJson(path + "/provider-opinion", consumer(), Map.of("approve", true)).andExpect(status().isForbidden());

        fixtures.postJson(path + "/provider-opinion", approver(), Map.of("approve", true,
                        "items", List.of("姓名", "参保状态"), "reasons", "履职需要"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("AWAITING_BUREAU"))
                .andExpect(jsonPath("$.providerOpinion.items.length()").value(2))
                .andExpect(jsonPath("$.grantIssued").value(false));
        JsonNode opinion = fixtures.awaitEvent(SharingEventTypes.PROVIDER_OPINION_GIVEN, id);
        assertThat(opinion.get("decider").asString()).isEqualTo("bureau-after-consulting-provider");
        assertThat(opinion.get("citation").asString()).isEqualTo("QZ 5.4");
        assertThat(opinion.get("opinion").asString()).isEqualTo("APPROVE");

        fixtures.postJson(path + "/bureau-decision", approver(), Map.of("approve", true)).andExpect(status().isForbidden());
        // Never more than applied for: 公民身份号码 is in the resource but not in the application.
        fixtures.postJson(path + "/bureau-decision", bureau(), Map.of("approve", true, "items", List.of("公民身份号码")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("items[0]"));
        JsonNode decided = fixtures.body(fixtures.postJson(path + "/bureau-decision", bureau(), Map.of("approve", true,
                        "items", List.of("参保状态"), "reasons", "会商同意，限于核验所需"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("APPROVED"))
                .andExpect(jsonPath("$.decision.decidedBy").value(containsString("QZ 5.4")))
                .andExpect(jsonPath("$.history[?(@.action == 'provider opinion: approve')]").exists())
                .andExpect(jsonPath("$.grantIssued").value(true)));
        Grant grant = grants.get(decided.get("grantId").asString());
        assertThat(grant.items()).containsExactly("参保状态");
        assertThat(grant.route()).isEqualTo("BUREAU_DECISION");
        assertThat(grant.usableAt(clock.instant())).isTrue();
        JsonNode event = fixtures.awaitEvent(SharingEventTypes.APPLICATION_DECIDED, id);
        assertThat(event.get("decidedBy").asString()).contains("QZ 5.4");
        assertThat(fixtures.awaitEvent(SharingEventTypes.GRANT_ISSUED, grant.id()).get("route").asString())
                .isEqualTo("BUREAU_DECISION");
    }

    @Test
    @DisplayName("QZ 5.4: the bureau may refuse against a favourable opinion, with reasons; no grant is issued")
    void theBureauMayRefuseWithReasons() throws Exception {
        SharedResource conditional = fixtures.publish("CONDITIONAL", List.of("API"));
        String id = fixtures.body(fixtures.postJson("/api/sharing/applications", consumer(),
                fixtures.application(conditional, List.of("姓名")))).get("id").asString();
        fixtures.postJson("/api/sharing/applications/" + id + "/provider-opinion", approver(), Map.of("approve", true))
                .andExpect(status().isOk());
        fixtures.postJson("/api/sharing/applications/" + id + "/bureau-decision", bureau(), Map.of("approve", false))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reasons"));
        fixtures.postJson("/api/sharing/applications/" + id + "/bureau-decision", bureau(),
                        Map.of("approve", false, "reasons", "申请场景与履职依据不符"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("REFUSED"))
                .andExpect(jsonPath("$.grantIssued").value(false));
    }
}
