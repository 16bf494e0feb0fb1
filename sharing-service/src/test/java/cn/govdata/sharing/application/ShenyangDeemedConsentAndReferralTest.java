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
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static cn.govdata.sharing.application.SharingFixtures.approver;
import static cn.govdata.sharing.application.SharingFixtures.bureau;
import static cn.govdata.sharing.application.SharingFixtures.consumer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Shenyang's profile on a clock that stands still: the deadline engine polls once an hour, so these
 * tests see what a decision at an exact instant meets before the engine acts (SY 25), and the
 * dispute ladder's last step (SY 28).
 */
@PlatformIntegrationTest
@ExtendWith(KeepsKafkaBrokersProperty.class)
@Import(SettableClock.Config.class)
@TestPropertySource(properties = {
        "govdata.jurisdiction=shenyang",
        "govdata.kafka.partitions=1",
        "govdata.deadlines.poll-interval=PT1H"})
class ShenyangDeemedConsentAndReferralTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Resources resources;
    @Autowired
    Grants grants;
    @Autowired
    SettableClock clock;
    @Autowired
    EmbeddedKafkaBroker kafka;

    SharingFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new SharingFixtures(mvc, kafka.getBrokersAsString(), resources, clock);
    }

    @Test
    @DisplayName("SY 25: a decision 1 ms before the due instant is accepted; at the due instant consent was deemed, a late refusal gets 409 and the grant by silence stands")
    void aDecisionAtTheDueInstantIsRefusedBecauseConsentWasDeemed() throws Exception {
        clock.set(Instant.parse("2026-12-07T02:00:00Z"));
        SharedResource conditional = fixtures.publish("CONDITIONAL", List.of("API"));
        String early = apply(conditional);
        String late = apply(conditional);
        Instant dueAt = Instant.parse(fixtures.body(mvc.perform(get("/api/sharing/applications/" + late).with(consumer())))
                .get("decisionPeriod").get("dueAt").asString());
        assertThat(Instant.parse(fixtures.body(mvc.perform(get("/api/sharing/applications/" + early).with(consumer())))
                .get("decisionPeriod").get("dueAt").asString())).isEqualTo(dueAt);

        clock.set(dueAt.minusMillis(1));
        fixtures.postJson("/api/sharing/applications/" + early + "/decision", approver(), Map.of("approve", true))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("APPROVED"))
                .andExpect(jsonPath("$.decision.decidedBy").value("hrss-approver"));

        clock.set(dueAt);
        Map<String, Object> refusal = Map.of("approve", false, "reasons", "超出履职范围", "legalBasis", "《社会保险法》第九十二条");
        fixtures.postJson("/api/sharing/applications/" + late + "/decision", approver(), refusal)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("consent was deemed at " + dueAt)))
                .andExpect(jsonPath("$.detail").value(containsString("SY 25")));
        JsonNode deemed = fixtures.body(mvc.perform(get("/api/sharing/applications/" + late).with(consumer()))
                .andExpect(jsonPath("$.state").value("APPROVED"))
                .andExpect(jsonPath("$.decision.decidedBy").value("silence-is-consent (SY 25)"))
                .andExpect(jsonPath("$.grantIssued").value(true)));
        Grant grant = grants.get(deemed.get("grantId").asString());
        assertThat(grant.route()).isEqualTo("SILENCE_IS_CONSENT");
        assertThat(grant.usableAt(clock.instant())).isTrue();
        // Asked again, the answer is the same: the grant by silence stands.
        fixtures.postJson("/api/sharing/applications/" + late + "/decision", approver(), Map.of("approve", true))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("consent was deemed at " + dueAt)));
        assertThat(fixtures.awaitEvent(SharingEventTypes.APPLICATION_DECIDED, late).get("bySilence").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("SY 28: coordination failed, the bureau refers the dispute to the municipal government and records its decision, which issues the grant")
    void aDisputeTheBureauCouldNotSettleIsDecidedByTheMunicipalGovernment() throws Exception {
        clock.set(Instant.parse("2026-12-08T02:00:00Z"));
        SharedResource conditional = fixtures.publish("CONDITIONAL", List.of("API"));
        String id = apply(conditional);
        fixtures.postJson("/api/sharing/applications/" + id + "/decision", approver(), Map.of("approve", false,
                "reasons", "超出履职范围", "legalBasis", "《社会保险法》第九十二条")).andExpect(status().isOk());
        fixtures.postJson("/api/sharing/applications/" + id + "/referral", bureau(), Map.of("reasons", "协调不成"))
                .andExpect(status().isConflict());
        fixtures.postJson("/api/sharing/applications/" + id + "/escalation", consumer(), Map.of("reasons", "履职必需"))
                .andExpect(status().isOk());

        fixtures.postJson("/api/sharing/applications/" + id + "/referral", bureau(),
                        Map.of("to", "JOINT_CONSULTATION", "reasons", "协调不成"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("to"));
        fixtures.postJson("/api/sharing/applications/" + id + "/referral", consumer(), Map.of("reasons", "协调不成"))
                .andExpect(status().isForbidden());
        fixtures.postJson("/api/sharing/applications/" + id + "/referral", bureau(), Map.of("reasons", "三方协调不成"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("REFERRED"))
                .andExpect(jsonPath("$.referrals[0].step").value("GOVERNMENT"));
        fixtures.postJson("/api/sharing/applications/" + id + "/referral", bureau(), Map.of("reasons", "再报"))
                .andExpect(status().isConflict());
        assertThat(fixtures.awaitEvent(SharingEventTypes.DISPUTE_REFERRED, id).get("citation").asString()).isEqualTo("SY 28");

        fixtures.postJson("/api/sharing/applications/" + id + "/final-decision", bureau(), Map.of("decidingBody", "沈阳市人民政府",
                        "outcome", "GRANT", "decidedOn", "2026-12-20", "reasons", "履职必需"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("decidedOn"));
        JsonNode decided = fixtures.body(fixtures.postJson("/api/sharing/applications/" + id + "/final-decision", bureau(),
                        Map.of("decidingBody", "沈阳市人民政府", "outcome", "GRANT", "decidedOn", "2026-12-08",
                                "reasons", "履职必需", "items", List.of("姓名")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("APPROVED"))
                .andExpect(jsonPath("$.finalDecision.decidingBody").value("沈阳市人民政府"))
                .andExpect(jsonPath("$.finalDecision.decidedOn").value("2026-12-08"))
                .andExpect(jsonPath("$.grantIssued").value(true)));
        Grant grant = grants.get(decided.get("grantId").asString());
        assertThat(grant.route()).isEqualTo("DISPUTE_DECISION");
        assertThat(grant.items()).containsExactly("姓名");
        JsonNode event = fixtures.awaitEvent(SharingEventTypes.DISPUTE_DECIDED, id);
        assertThat(event.get("decidingBody").asString()).isEqualTo("沈阳市人民政府");
        assertThat(event.get("grantId").asString()).isEqualTo(grant.id());
    }

    private String apply(SharedResource resource) throws Exception {
        return fixtures.body(fixtures.postJson("/api/sharing/applications", consumer(),
                        fixtures.application(resource, List.of("姓名", "参保状态")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.state").value("AWAITING_DECISION"))).get("id").asString();
    }
}
