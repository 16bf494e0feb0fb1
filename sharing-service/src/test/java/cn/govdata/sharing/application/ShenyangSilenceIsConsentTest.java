package cn.govdata.sharing.application;

import cn.govdata.platform.test.KeepsKafkaBrokersProperty;
import cn.govdata.events.SharingEventTypes;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.sharing.grant.Grant;
import cn.govdata.sharing.grant.Grants;
import cn.govdata.sharing.resource.Resources;
import cn.govdata.sharing.resource.SharedResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.govdata.sharing.application.SharingFixtures.approver;
import static cn.govdata.sharing.application.SharingFixtures.consumer;
import static cn.govdata.sharing.application.SharingFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** SY 25: 提供部门对需求部门的申请逾期未答复的，视为同意共享. */
@PlatformIntegrationTest
@ExtendWith(KeepsKafkaBrokersProperty.class)
@TestPropertySource(properties = {
        "govdata.jurisdiction=shenyang",
        "govdata.time.adjustable=true",
        // One partition, as the embedded broker creates them: added partitions reach a running consumer late.
        "govdata.kafka.partitions=1",
        "govdata.deadlines.poll-interval=200ms"})
class ShenyangSilenceIsConsentTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Resources resources;
    @Autowired
    Grants grants;
    @Autowired
    Clock clock;
    /** This context's broker: the brokers system property names whichever context started last. */
    @Autowired
    EmbeddedKafkaBroker kafka;

    SharingFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new SharingFixtures(mvc, kafka.getBrokersAsString(), resources, clock);
    }

    @Test
    void aProviderSilentPastFiveWorkingDaysHasConsentedAndTheGrantIsIssuedAutomatically() throws Exception {
        SharedResource conditional = fixtures.publish("CONDITIONAL", List.of("API"));
        SharedResource notShared = fixtures.publish("NOT_SHARED", List.of());
        JsonNode application = fixtures.body(fixtures.postJson("/api/sharing/applications", consumer(),
                        fixtures.application(conditional, List.of("姓名", "参保状态")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.route").value("PROVIDER_DECISION"))
                .andExpect(jsonPath("$.state").value("AWAITING_DECISION")));
        String id = application.get("id").asString();
        Instant dueAt = Instant.parse(application.get("decisionPeriod").get("dueAt").asString());
        assertThat(dueAt).isAfter(clock.instant().plus(Duration.ofDays(4)));
        var verification = new HashMap<>(fixtures.application(notShared, List.of("公民身份号码")));
        verification.put("kind", "VERIFICATION");
        verification.remove("method");
        String verificationId = fixtures.body(fixtures.postJson("/api/sharing/applications", consumer(), verification)
                .andExpect(status().isCreated())).get("id").asString();

        // SY 25 also wants a legal basis for a refusal; here the provider simply says nothing.
        fixtures.postJson("/api/sharing/applications/" + id + "/decision", approver(), Map.of("approve", false, "reasons", "x"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("legalBasis"));
        fixtures.postJson("/api/sharing/time/advance", approver(), Map.of("by", "P20D")).andExpect(status().isForbidden());
        fixtures.postJson("/api/sharing/time/advance", operator(), Map.of("by", "P20D")).andExpect(status().isOk());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                mvc.perform(get("/api/sharing/applications/" + id).with(consumer()))
                        .andExpect(jsonPath("$.state").value("APPROVED"))
                        .andExpect(jsonPath("$.decision.decidedBy").value("silence-is-consent (SY 25)"))
                        .andExpect(jsonPath("$.grantIssued").value(true)));
        Grant grant = grants.find("GR-" + id.substring(4)).orElseThrow();
        assertThat(grant.approvedBy()).isEqualTo("silence-is-consent (SY 25)");
        assertThat(grant.route()).isEqualTo("SILENCE_IS_CONSENT");
        assertThat(grant.items()).containsExactly("姓名", "参保状态");
        assertThat(grant.usableAt(clock.instant())).isTrue();

        JsonNode decided = fixtures.awaitEvent(SharingEventTypes.APPLICATION_DECIDED, id);
        assertThat(decided.get("outcome").asString()).isEqualTo("APPROVED");
        assertThat(decided.get("bySilence").asBoolean()).isTrue();
        assertThat(decided.get("decidedBy").asString()).isEqualTo("silence-is-consent (SY 25)");
        JsonNode issued = fixtures.awaitEvent(SharingEventTypes.GRANT_ISSUED, grant.id());
        assertThat(issued.get("approvedBy").asString()).isEqualTo("silence-is-consent (SY 25)");
        mvc.perform(get("/api/sharing/deadlines?process=share-application").with(operator()))
                .andExpect(jsonPath("$.items[?(@.subjectId == '" + id + "')].action").value("AUTO_ACT"))
                .andExpect(jsonPath("$.items[?(@.subjectId == '" + id + "')].state").value("FIRED"));

        // Silence is consent for conditional sharing only; a not-shared resource is never granted by silence.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                mvc.perform(get("/api/sharing/applications/" + verificationId).with(consumer()))
                        .andExpect(jsonPath("$.state").value("AWAITING_DECISION"))
                        .andExpect(jsonPath("$.decisionPeriod.overdue").value(true)));
        // ...and its applicant may now take the silence to the bureau (SY 28).
        fixtures.postJson("/api/sharing/applications/" + verificationId + "/escalation", consumer(),
                        Map.of("reasons", "逾期未答复"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("ESCALATED"));
    }
}
