package cn.govdata.sharing.grant;

import cn.govdata.events.SharingEventTypes;
import cn.govdata.platform.test.TestTokens;
import cn.govdata.sharing.application.NantongSharingTest;
import cn.govdata.sharing.application.SharingFixtures;
import cn.govdata.sharing.resource.Resources;
import cn.govdata.sharing.resource.SharedResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.govdata.sharing.application.SharingFixtures.approver;
import static cn.govdata.sharing.application.SharingFixtures.bureau;
import static cn.govdata.sharing.application.SharingFixtures.consumer;
import static cn.govdata.sharing.application.SharingFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@NantongSharingTest
class GrantLifecycleTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Resources resources;
    @Autowired
    Grants grants;
    @Autowired
    ManagingGrants managing;
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
    void aSuspendedGrantIsNotUsableUntilTheBureauLiftsTheSuspension() throws Exception {
        SharedResource resource = fixtures.publish("UNCONDITIONAL", List.of("API"));
        String grantId = grantOn(resource, List.of("姓名", "参保状态"), Duration.ofDays(365));
        // NT 23: a platform-direct grant is usable once the bureau has reviewed it.
        fixtures.postJson("/api/sharing/grants/" + grantId + "/platform-review", bureau(), Map.of("confirm", true, "reasons", "同意授权"))
                .andExpect(status().isOk());

        fixtures.postJson("/api/sharing/grants/" + grantId + "/suspension", approver(), Map.of("reasons", "超范围使用"))
                .andExpect(status().isForbidden());
        fixtures.postJson("/api/sharing/grants/" + grantId + "/suspension", bureau(), Map.of())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reasons"));
        fixtures.postJson("/api/sharing/grants/" + grantId + "/suspension", bureau(), Map.of("reasons", "批量下载，超出授权用途（QZ 5.10）"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("SUSPENDED"))
                .andExpect(jsonPath("$.usable").value(false));
        assertThat(grants.find(grantId).orElseThrow().usableAt(clock.instant())).isFalse();
        assertThat(grants.current("CAB", resource.id())).extracting(Grant::id).contains(grantId);
        JsonNode suspended = fixtures.awaitEvent(SharingEventTypes.GRANT_SUSPENDED, grantId);
        assertThat(suspended.get("reasons").asString()).contains("QZ 5.10");
        fixtures.postJson("/api/sharing/grants/" + grantId + "/suspension", bureau(), Map.of("reasons", "again"))
                .andExpect(status().isConflict());

        mvc.perform(delete("/api/sharing/grants/" + grantId + "/suspension").with(bureau()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("ACTIVE"));
        assertThat(grants.find(grantId).orElseThrow().usableAt(clock.instant())).isTrue();
        fixtures.awaitEvent(SharingEventTypes.GRANT_REINSTATED, grantId);
    }

    @Test
    void aCatalogWithdrawalFirstGivesNoticeThenRevokesGrantsAndEndsOpenApplications() throws Exception {
        SharedResource resource = fixtures.publish("CONDITIONAL", List.of("API"));
        String grantId = conditionalGrant(resource);
        String pending = fixtures.body(fixtures.postJson("/api/sharing/applications", consumer(),
                fixtures.application(resource, List.of("缴费基数"))).andExpect(status().isCreated())).get("id").asString();

        fixtures.requestWithdrawal(resource);
        JsonNode notice = fixtures.awaitEvent(SharingEventTypes.GRANT_ENDING_NOTICE, grantId);
        assertThat(notice.get("cause").asString()).isEqualTo("RESOURCE_WITHDRAWAL_REQUESTED");
        assertThat(grants.find(grantId).orElseThrow().usableAt(clock.instant())).isTrue();
        fixtures.postJson("/api/sharing/applications", consumer(), fixtures.application(resource, List.of("姓名")))
                .andExpect(status().isConflict());

        fixtures.withdraw(resource);
        await().atMost(Duration.ofSeconds(30)).until(() -> grants.find(grantId).orElseThrow().state() == Grant.State.REVOKED);
        Grant revoked = grants.find(grantId).orElseThrow();
        assertThat(revoked.stateReason()).startsWith("resource withdrawn");
        assertThat(revoked.usableAt(clock.instant())).isFalse();
        JsonNode event = fixtures.awaitEvent(SharingEventTypes.GRANT_REVOKED, grantId);
        assertThat(event.get("ground").asString()).isEqualTo("RESOURCE_WITHDRAWN");
        assertThat(event.get("reasons").asString()).startsWith("resource withdrawn");
        mvc.perform(get("/api/sharing/applications/" + pending).with(consumer()))
                .andExpect(jsonPath("$.state").value("CANCELLED"));
        fixtures.postJson("/api/sharing/applications", consumer(), fixtures.application(resource, List.of("姓名")))
                .andExpect(status().isConflict());
    }

    @Test
    void anItemRemovedFromTheResourceIsRemovedFromTheGrant() throws Exception {
        SharedResource resource = fixtures.publish("UNCONDITIONAL", List.of("API"));
        var body = new HashMap<>(fixtures.application(resource, List.of("姓名", "参保状态", "缴费基数")));
        body.put("unmaskedItems", List.of("缴费基数"));
        String grantId = fixtures.body(fixtures.postJson("/api/sharing/applications", consumer(), body)
                .andExpect(status().isCreated())).get("grantId").asString();
        String onlyRemoved = grantOn(resource, List.of("缴费基数"), Duration.ofDays(365));

        fixtures.change(resource, List.of("姓名", "公民身份号码", "参保状态"));
        await().atMost(Duration.ofSeconds(30)).until(() -> grants.find(grantId).orElseThrow().items().size() == 2);
        Grant narrowed = grants.find(grantId).orElseThrow();
        assertThat(narrowed.items()).containsExactly("姓名", "参保状态");
        assertThat(narrowed.unmaskedItems()).isEmpty();
        assertThat(narrowed.state()).isEqualTo(Grant.State.ACTIVE);
        JsonNode event = fixtures.awaitEvent(SharingEventTypes.GRANT_NARROWED, grantId);
        assertThat(event.get("removedItems").toString()).isEqualTo("[\"缴费基数\"]");
        assertThat(event.get("resourceVersion").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> grants.find(onlyRemoved).orElseThrow().state() == Grant.State.REVOKED);
        assertThat(fixtures.awaitEvent(SharingEventTypes.GRANT_REVOKED, onlyRemoved).get("ground").asString())
                .isEqualTo("ITEMS_REMOVED");
    }

    @Test
    void aGrantIsRenewedBeforeExpiryWhenTheProviderApprovesTheRenewal() throws Exception {
        SharedResource resource = fixtures.publish("CONDITIONAL", List.of("API"));
        String grantId = conditionalGrant(resource);
        Grant before = grants.find(grantId).orElseThrow();

        fixtures.postJson("/api/sharing/grants/" + grantId + "/renewal", approver(), Map.of("validTo", before.validTo().plus(Duration.ofDays(30)).toString()))
                .andExpect(status().isForbidden());
        fixtures.postJson("/api/sharing/grants/" + grantId + "/renewal", consumer(), Map.of("validTo", before.validTo().minus(Duration.ofDays(1)).toString()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("validTo"));
        Instant newValidTo = before.validTo().plus(Duration.ofDays(120));
        String renewal = fixtures.body(fixtures.postJson("/api/sharing/grants/" + grantId + "/renewal", consumer(),
                        Map.of("validTo", newValidTo.toString()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.type").value("RENEWAL"))
                .andExpect(jsonPath("$.state").value("AWAITING_DECISION"))).get("id").asString();
        fixtures.postJson("/api/sharing/grants/" + grantId + "/renewal", consumer(), Map.of("validTo", newValidTo.toString()))
                .andExpect(status().isConflict());

        fixtures.postJson("/api/sharing/applications/" + renewal + "/decision", approver(), Map.of("approve", true))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("APPROVED"));
        Grant after = grants.find(grantId).orElseThrow();
        assertThat(after.validTo()).isEqualTo(newValidTo);
        assertThat(after.items()).isEqualTo(before.items());
        assertThat(after.renewals()).containsExactly(renewal);
        JsonNode renewed = fixtures.awaitEvent(SharingEventTypes.GRANT_RENEWED, grantId);
        assertThat(renewed.get("renewalApplicationId").asString()).isEqualTo(renewal);
        assertThat(Instant.parse(renewed.get("previousValidTo").asString())).isEqualTo(before.validTo());
    }

    /**
     * Moves this context's clock forward by more than three months; tests sharing the context use
     * times relative to the service clock, so they are unaffected.
     */
    @Test
    void aGrantUnusedForThreeMonthsIsFlaggedAndMayThenBeRevokedByTheProviderAndAnExpiredGrantMustBeAppliedForAgain()
            throws Exception {
        SharedResource resource = fixtures.publish("UNCONDITIONAL", List.of("API"));
        String unused = grantOn(resource, List.of("姓名"), Duration.ofDays(365));
        String used = grantOn(resource, List.of("参保状态"), Duration.ofDays(365));
        String shortLived = grantOn(resource, List.of("缴费基数"), Duration.ofDays(30));

        fixtures.postJson("/api/sharing/grants/" + unused + "/revocation", approver(), Map.of("ground", "UNUSED"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://govdata.cn/problems/grant-in-use"));
        fixtures.postJson("/api/sharing/grants/" + unused + "/revocation", approver(), Map.of("ground", "MISUSE", "reasons", "x"))
                .andExpect(status().isForbidden());
        fixtures.postJson("/api/sharing/grants/" + unused + "/revocation", consumer(), Map.of("ground", "OTHER", "reasons", "x"))
                .andExpect(status().isForbidden());

        fixtures.postJson("/api/sharing/time/advance", operator(), Map.of("by", "P95D")).andExpect(status().isOk());
        grants.touch(used, clock.instant().minus(Duration.ofDays(2)));

        mvc.perform(get("/api/sharing/grants?unused=true&resourceId=" + resource.id()).with(approver()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.items[0].id").value(unused))
                .andExpect(jsonPath("$.items[0].unused").value(true));
        mvc.perform(get("/api/sharing/grants/" + used).with(approver()))
                .andExpect(jsonPath("$.unused").value(false));
        fixtures.postJson("/api/sharing/grants/" + used + "/revocation", approver(), Map.of("ground", "UNUSED"))
                .andExpect(status().isConflict());
        fixtures.postJson("/api/sharing/grants/" + unused + "/revocation", approver(), Map.of("ground", "UNUSED"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("REVOKED"))
                .andExpect(jsonPath("$.stateReason").value("unused"));
        JsonNode revoked = fixtures.awaitEvent(SharingEventTypes.GRANT_REVOKED, unused);
        assertThat(revoked.get("ground").asString()).isEqualTo("UNUSED");
        assertThat(revoked.get("reasons").asString()).isEqualTo("unused");

        fixtures.postJson("/api/sharing/grants/" + shortLived + "/renewal", consumer(),
                        Map.of("validTo", clock.instant().plus(Duration.ofDays(100)).toString()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://govdata.cn/problems/grant-expired"));
        assertThat(managing.expireDue()).isGreaterThanOrEqualTo(1);
        assertThat(grants.find(shortLived).orElseThrow().state()).isEqualTo(Grant.State.EXPIRED);
        fixtures.awaitEvent(SharingEventTypes.GRANT_EXPIRED, shortLived);
        fixtures.postJson("/api/sharing/grants/" + shortLived + "/renewal", consumer(),
                        Map.of("validTo", clock.instant().plus(Duration.ofDays(100)).toString()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("apply again")));
    }

    @Test
    void grantListsAreScopedToTheCallersDepartment() throws Exception {
        SharedResource resource = fixtures.publish("UNCONDITIONAL", List.of("API"));
        String grantId = grantOn(resource, List.of("姓名"), Duration.ofDays(365));

        mvc.perform(get("/api/sharing/grants?resourceId=" + resource.id()).with(consumer()))
                .andExpect(jsonPath("$.items[0].id").value(grantId));
        mvc.perform(get("/api/sharing/grants?resourceId=" + resource.id()).with(approver()))
                .andExpect(jsonPath("$.items[0].id").value(grantId));
        mvc.perform(get("/api/sharing/grants?resourceId=" + resource.id())
                        .with(TestTokens.user("psb", "PSB", "320600", "dept-consumer")))
                .andExpect(jsonPath("$.totalItems").value(0));
        mvc.perform(get("/api/sharing/grants?resourceId=" + resource.id() + "&state=ACTIVE")
                        .with(TestTokens.user("audit", "AUDIT", "320600", "auditor")))
                .andExpect(jsonPath("$.totalItems").value(1));
        mvc.perform(get("/api/sharing/grants/" + grantId).with(TestTokens.user("psb", "PSB", "320600", "dept-consumer")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/sharing/grants?state=GONE").with(consumer()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("state"));
        mvc.perform(get("/api/sharing/grants?size=500").with(consumer()))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/sharing/grants/GR-NOPE").with(consumer())).andExpect(status().isNotFound());
    }

    private String grantOn(SharedResource resource, List<String> items, Duration validity) throws Exception {
        var body = new HashMap<>(fixtures.application(resource, items));
        body.put("validTo", clock.instant().plus(validity).toString());
        return fixtures.body(fixtures.postJson("/api/sharing/applications", consumer(), body)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.grantIssued").value(true))).get("grantId").asString();
    }

    private String conditionalGrant(SharedResource resource) throws Exception {
        String id = fixtures.body(fixtures.postJson("/api/sharing/applications", consumer(),
                fixtures.application(resource, List.of("姓名", "参保状态"))).andExpect(status().isCreated())).get("id").asString();
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .multipart("/api/sharing/applications/" + id + "/attachments")
                        .file(new org.springframework.mock.web.MockMultipartFile("file", "scan.png", "image/png",
                                new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0}))
                        .with(consumer()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.contentType").value("image/png"));
        fixtures.postJson("/api/sharing/applications/" + id + "/formality-check", bureau(), Map.of("passed", true))
                .andExpect(status().isOk());
        return fixtures.body(fixtures.postJson("/api/sharing/applications/" + id + "/decision", approver(),
                Map.of("approve", true)).andExpect(status().isOk())).get("grantId").asString();
    }
}
