package cn.govdata.sharing.application;

import cn.govdata.platform.test.KeepsKafkaBrokersProperty;
import cn.govdata.events.SharingEventTypes;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.test.TestTokens;
import cn.govdata.sharing.resource.Resources;
import cn.govdata.sharing.resource.SharedResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Qingyuan: cross-region requests filed with both bureaus (QY 26), and the dispute ladder's last steps (QY 48). */
@PlatformIntegrationTest
@ExtendWith(KeepsKafkaBrokersProperty.class)
@TestPropertySource(properties = {
        "govdata.jurisdiction=qingyuan",
        "govdata.kafka.partitions=1"})
class QingyuanFilingAndDisputeTest {

    /** A consumer department of another county than the provider's region {@link SharingFixtures#REGION}. */
    static final String OTHER_REGION = "441802";

    @Autowired
    MockMvc mvc;
    @Autowired
    Resources resources;
    @Autowired
    Clock clock;
    @Autowired
    EmbeddedKafkaBroker kafka;

    SharingFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new SharingFixtures(mvc, kafka.getBrokersAsString(), resources, clock);
    }

    static JwtRequestPostProcessor countyConsumer() {
        return TestTokens.user("qc-clerk", "QCCAB", OTHER_REGION, "dept-consumer");
    }

    static JwtRequestPostProcessor county(String region) {
        return TestTokens.user("county-" + region, "", region, "county-subplatform");
    }

    @Test
    @DisplayName("QY 26: a request across regions is filed with the consumer's and the provider's bureau, shown in both regions' lists and in the event")
    void aCrossRegionRequestIsFiledWithBothBureaus() throws Exception {
        SharedResource conditional = fixtures.publish("CONDITIONAL", List.of("API"));
        String id = fixtures.body(fixtures.postJson("/api/sharing/applications", countyConsumer(),
                        fixtures.application(conditional, List.of("姓名")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.filedWith[0]").value(OTHER_REGION))
                .andExpect(jsonPath("$.filedWith[1]").value(SharingFixtures.REGION))
                .andExpect(jsonPath("$.history[?(@.note == 'QY 26')]").exists())).get("id").asString();
        String sameRegion = fixtures.body(fixtures.postJson("/api/sharing/applications", consumer(),
                fixtures.application(conditional, List.of("姓名")))).get("id").asString();

        for (String region : List.of(OTHER_REGION, SharingFixtures.REGION)) {
            mvc.perform(get("/api/sharing/applications?filedWith=" + region).with(bureau()))
                    .andExpect(jsonPath("$.items[?(@.id == '" + id + "')]").exists())
                    .andExpect(jsonPath("$.items[?(@.id == '" + sameRegion + "')]").doesNotExist());
            mvc.perform(get("/api/sharing/applications").with(county(region)))
                    .andExpect(jsonPath("$.items[?(@.id == '" + id + "')]").exists());
            mvc.perform(get("/api/sharing/applications/" + id).with(county(region))).andExpect(status().isOk());
        }
        mvc.perform(get("/api/sharing/applications/" + id).with(county("441821"))).andExpect(status().isForbidden());
        JsonNode submitted = fixtures.awaitEvent(SharingEventTypes.APPLICATION_SUBMITTED, id);
        assertThat(submitted.get("filedWithRegions").toString()).contains(OTHER_REGION, SharingFixtures.REGION);
        assertThat(fixtures.awaitEvent(SharingEventTypes.APPLICATION_SUBMITTED, sameRegion).get("filedWithRegions").size())
                .isZero();
    }

    @Test
    @DisplayName("QY 48: a failed coordination goes to a joint consultation with the establishment office, then to the government, whose decision upholds the refusal")
    void aDisputeGoesToJointConsultationThenToTheGovernment() throws Exception {
        SharedResource conditional = fixtures.publish("CONDITIONAL", List.of("API"));
        String id = fixtures.body(fixtures.postJson("/api/sharing/applications", consumer(),
                fixtures.application(conditional, List.of("姓名")))).get("id").asString();
        String path = "/api/sharing/applications/" + id;
        fixtures.postJson(path + "/decision", approver(), Map.of("approve", false, "reasons", "超出履职范围",
                "legalBasis", "《社会保险法》第九十二条")).andExpect(status().isOk());
        fixtures.postJson(path + "/escalation", consumer(), Map.of("reasons", "履职必需")).andExpect(status().isOk());

        fixtures.postJson(path + "/referral", bureau(), Map.of("to", "GOVERNMENT", "reasons", "协调不成"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("to"));
        fixtures.postJson(path + "/referral", bureau(), Map.of("reasons", "协调不成"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("REFERRED"))
                .andExpect(jsonPath("$.referrals[0].step").value("JOINT_CONSULTATION"));
        fixtures.postJson(path + "/referral", bureau(), Map.of("to", "GOVERNMENT", "reasons", "联合会商仍不能解决，附双方理由及本部门意见"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.referrals[1].step").value("GOVERNMENT"));
        fixtures.postJson(path + "/referral", bureau(), Map.of("reasons", "再报")).andExpect(status().isConflict());
        fixtures.postJson(path + "/final-decision", bureau(), Map.of("decidingBody", "清远市人民政府", "outcome", "UPHOLD_REFUSAL",
                        "decidedOn", "2020-01-02", "reasons", "维持不予共享"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("REFUSAL_UPHELD"))
                .andExpect(jsonPath("$.finalDecision.step").value("GOVERNMENT"))
                .andExpect(jsonPath("$.grantIssued").value(false));
        JsonNode event = fixtures.awaitEvent(SharingEventTypes.DISPUTE_DECIDED, id);
        assertThat(event.get("citation").asString()).isEqualTo("QY 48");
        assertThat(event.get("outcome").asString()).isEqualTo("UPHOLD_REFUSAL");
    }
}
