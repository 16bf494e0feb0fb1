package cn.govdata.sharing.application;

import cn.govdata.events.SharingEventTypes;
import cn.govdata.platform.test.TestTokens;
import cn.govdata.sharing.grant.Grant;
import cn.govdata.sharing.grant.Grants;
import cn.govdata.sharing.resource.Resources;
import cn.govdata.sharing.resource.SharedResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static cn.govdata.sharing.application.SharingFixtures.approver;
import static cn.govdata.sharing.application.SharingFixtures.bureau;
import static cn.govdata.sharing.application.SharingFixtures.consumer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@NantongSharingTest
class ApplicationsTest {

    static final byte[] PDF = "%PDF-1.4\n%\u00e2\u00e3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);

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
    void anUnconditionalResourceIsGrantedAtOnceAndTheBureauReviewsThePlatformDirectGrant() throws Exception {
        SharedResource resource = fixtures.publish("UNCONDITIONAL", List.of("API", "FILE"));

        JsonNode application = fixtures.body(fixtures.postJson("/api/sharing/applications",
                        TestTokens.system("cab-system", "CAB", "320600", "dept-consumer"),
                        fixtures.application(resource, List.of("姓名", "参保状态")))
                .andExpect(status().isCreated())
                .andExpect(header().exists("Location"))
                .andExpect(jsonPath("$.state").value("APPROVED"))
                .andExpect(jsonPath("$.route").value("PLATFORM_DIRECT"))
                .andExpect(jsonPath("$.grantIssued").value(true)));
        String grantId = application.get("grantId").asString();

        Grant grant = grants.find(grantId).orElseThrow();
        assertThat(grant.items()).containsExactly("姓名", "参保状态");
        assertThat(grant.consumerDepartment()).isEqualTo("CAB");
        // NT 23: the bureau's review completes before the grant is used.
        assertThat(grant.usableAt(clock.instant())).isFalse();
        assertThat(grant.platformReview().outcome()).isEqualTo("PENDING");

        JsonNode issued = fixtures.awaitEvent(SharingEventTypes.GRANT_ISSUED, grantId);
        assertThat(issued.get("consumerDepartment").asString()).isEqualTo("CAB");
        assertThat(issued.get("providerDepartment").asString()).isEqualTo("HRSS");
        assertThat(issued.get("resourceId").asString()).isEqualTo(resource.id());
        assertThat(issued.get("items").toString()).isEqualTo("[\"姓名\",\"参保状态\"]");
        assertThat(issued.get("method").asString()).isEqualTo("API");
        assertThat(issued.get("kind").asString()).isEqualTo("DATA");
        assertThat(issued.get("approvedBy").asString()).isEqualTo("platform (unconditional share)");
        assertThat(issued.get("applicationSubmittedAt").isNull()).isFalse();
        assertThat(issued.get("platformReviewDueAt").isNull()).isFalse();
        assertThat(issued.toString()).doesNotContain("cab-system");
        fixtures.awaitEvent(SharingEventTypes.APPLICATION_SUBMITTED, application.get("id").asString());

        fixtures.postJson("/api/sharing/grants/" + grantId + "/platform-review", approver(), Map.of("confirm", false, "reasons", "x"))
                .andExpect(status().isForbidden());
        fixtures.postJson("/api/sharing/grants/" + grantId + "/platform-review", bureau(), Map.of("confirm", false))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reasons"));
        fixtures.postJson("/api/sharing/grants/" + grantId + "/platform-review", bureau(),
                        Map.of("confirm", false, "reasons", "该资源需管控参数，应由提供部门授权（NT 18）"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("REVOKED"))
                .andExpect(jsonPath("$.platformReview.outcome").value("REVOKED"));
        JsonNode revoked = fixtures.awaitEvent(SharingEventTypes.GRANT_REVOKED, grantId);
        assertThat(revoked.get("ground").asString()).isEqualTo("PLATFORM_REVIEW");
    }

    @Test
    void aConditionalApplicationUnderNantongPassesTheFormalityCheckAndTheProviderGrantsFewerItems() throws Exception {
        SharedResource resource = fixtures.publish("CONDITIONAL", List.of("API"));
        var body = new HashMap<>(fixtures.application(resource, List.of("姓名", "公民身份号码", "参保状态")));
        body.put("unmaskedItems", List.of("姓名", "参保状态"));
        JsonNode application = fixtures.body(fixtures.postJson("/api/sharing/applications", consumer(), body)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.state").value("FORMALITY_CHECK"))
                .andExpect(jsonPath("$.formalityPeriod.dueAt").exists()));
        String id = application.get("id").asString();
        fixtures.awaitEvent(SharingEventTypes.APPLICATION_SUBMITTED, id);

        // NT 20: no formality check without the stamped scan.
        fixtures.postJson("/api/sharing/applications/" + id + "/formality-check", bureau(), Map.of("passed", true))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://govdata.cn/problems/stamped-scan-missing"));
        JsonNode attachment = fixtures.body(mvc.perform(multipart("/api/sharing/applications/" + id + "/attachments")
                        .file(new MockMultipartFile("file", "申请表（盖章）.pdf", "application/pdf", PDF)).with(consumer()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.contentType").value("application/pdf"))
                .andExpect(jsonPath("$.size").value(PDF.length)));
        assertThat(attachment.get("sha256").asString()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PDF)));
        mvc.perform(get(attachment.get("href").asString()).with(approver()))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_PDF))
                .andExpect(content().bytes(PDF));
        mvc.perform(get(attachment.get("href").asString()).with(TestTokens.user("psb", "PSB", "320600", "dept-approver")))
                .andExpect(status().isForbidden());

        fixtures.postJson("/api/sharing/applications/" + id + "/decision", approver(), Map.of("approve", true))
                .andExpect(status().isConflict());
        fixtures.postJson("/api/sharing/applications/" + id + "/formality-check", bureau(), Map.of("passed", true))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("AWAITING_DECISION"))
                .andExpect(jsonPath("$.decisionPeriod.dueAt").exists());
        JsonNode checked = fixtures.awaitEvent(SharingEventTypes.FORMALITY_CHECKED, id);
        assertThat(checked.get("passed").asBoolean()).isTrue();

        fixtures.postJson("/api/sharing/applications/" + id + "/decision",
                        TestTokens.user("psb-approver", "PSB", "320600", "dept-approver"), Map.of("approve", true))
                .andExpect(status().isForbidden());
        fixtures.postJson("/api/sharing/applications/" + id + "/decision", approver(),
                        Map.of("approve", true, "items", List.of("姓名", "缴费基数")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("items[1]"));
        fixtures.postJson("/api/sharing/applications/" + id + "/decision", approver(),
                        Map.of("approve", true, "items", List.of("姓名", "参保状态"), "unmaskedItems", List.of("公民身份号码")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("unmaskedItems[0]"));
        fixtures.postJson("/api/sharing/applications/" + id + "/decision", approver(),
                        Map.of("approve", true, "validTo", clock.instant().plus(Duration.ofDays(900)).toString()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("validTo"));
        Instant validTo = clock.instant().plus(Duration.ofDays(180));
        JsonNode decided = fixtures.body(fixtures.postJson("/api/sharing/applications/" + id + "/decision", approver(),
                        Map.of("approve", true, "items", List.of("姓名", "参保状态"), "unmaskedItems", List.of("参保状态"),
                                "validTo", validTo.toString(), "reasons", "最少够用：身份证号不需要"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("APPROVED"))
                .andExpect(jsonPath("$.grantIssued").value(true)));

        Grant grant = grants.find(decided.get("grantId").asString()).orElseThrow();
        assertThat(grant.items()).containsExactly("姓名", "参保状态");
        assertThat(grant.unmaskedItems()).containsExactly("参保状态");
        assertThat(grant.approvedBy()).isEqualTo("hrss-approver");
        assertThat(grant.validTo()).isEqualTo(validTo.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(grant.platformReview()).isNull();
        JsonNode event = fixtures.awaitEvent(SharingEventTypes.APPLICATION_DECIDED, id);
        assertThat(event.get("outcome").asString()).isEqualTo("APPROVED");
        assertThat(event.get("requestedItems").size()).isEqualTo(3);
        assertThat(event.get("grantedItems").size()).isEqualTo(2);
        JsonNode issued = fixtures.awaitEvent(SharingEventTypes.GRANT_ISSUED, grant.id());
        assertThat(issued.get("route").asString()).isEqualTo("PROVIDER_DECISION");
    }

    @Test
    void aRefusalNeedsReasonsAndALegalBasisAndTheBureauMayGrantInCoordination() throws Exception {
        SharedResource resource = fixtures.publish("CONDITIONAL", List.of("API"));
        String id = awaitingDecision(resource, List.of("姓名", "缴费基数"));

        fixtures.postJson("/api/sharing/applications/" + id + "/decision", approver(), Map.of("approve", false))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reasons"));
        fixtures.postJson("/api/sharing/applications/" + id + "/decision", approver(),
                        Map.of("approve", false, "reasons", List.of("缴费基数涉及个人收入")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("legalBasis"));
        fixtures.postJson("/api/sharing/applications/" + id + "/escalation", consumer(), Map.of("reasons", "尚未答复"))
                .andExpect(status().isConflict());
        fixtures.postJson("/api/sharing/applications/" + id + "/decision", approver(),
                        Map.of("approve", false, "reasons", List.of("缴费基数涉及个人收入"), "legalBasis", "《社会保险法》第八十一条"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("REFUSED"))
                .andExpect(jsonPath("$.decision.legalBasis").value("《社会保险法》第八十一条"));
        JsonNode refused = fixtures.awaitEvent(SharingEventTypes.APPLICATION_DECIDED, id);
        assertThat(refused.get("outcome").asString()).isEqualTo("REFUSED");
        assertThat(refused.get("reasons").get(0).asString()).isEqualTo("缴费基数涉及个人收入");

        fixtures.postJson("/api/sharing/applications/" + id + "/escalation", approver(), Map.of("reasons", "x"))
                .andExpect(status().isForbidden());
        fixtures.postJson("/api/sharing/applications/" + id + "/escalation", consumer(),
                        Map.of("reasons", "低保审核依法须核对收入（《社会救助暂行办法》第十一条）"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("ESCALATED"));
        fixtures.awaitEvent(SharingEventTypes.APPLICATION_ESCALATED, id);

        fixtures.postJson("/api/sharing/applications/" + id + "/coordination", approver(),
                        Map.of("outcome", "GRANT", "reasons", List.of("x")))
                .andExpect(status().isForbidden());
        fixtures.postJson("/api/sharing/applications/" + id + "/coordination", bureau(),
                        Map.of("outcome", "MAYBE", "reasons", List.of("x")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("outcome"));
        JsonNode coordinated = fixtures.body(fixtures.postJson("/api/sharing/applications/" + id + "/coordination", bureau(),
                        Map.of("outcome", "GRANT", "reasons", List.of("三方协商：仅用于低保收入核对"), "unmaskedItems", List.of()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("APPROVED"))
                .andExpect(jsonPath("$.coordination.outcome").value("GRANT")));
        Grant grant = grants.find(coordinated.get("grantId").asString()).orElseThrow();
        assertThat(grant.items()).containsExactly("姓名", "缴费基数");
        assertThat(grant.approvedBy()).isEqualTo("bureau coordination (bureau-reviewer-wang)");
        JsonNode outcome = fixtures.awaitEvent(SharingEventTypes.COORDINATION_DECIDED, id);
        assertThat(outcome.get("outcome").asString()).isEqualTo("GRANT");
        assertThat(outcome.get("grantId").asString()).isEqualTo(grant.id());

        String upheld = awaitingDecision(resource, List.of("缴费基数"));
        fixtures.postJson("/api/sharing/applications/" + upheld + "/decision", approver(),
                Map.of("approve", false, "reasons", "涉及个人收入", "legalBasis", "《社会保险法》第八十一条")).andExpect(status().isOk());
        fixtures.postJson("/api/sharing/applications/" + upheld + "/escalation", consumer(), Map.of("reasons", "履职需要"))
                .andExpect(status().isOk());
        // NT 27: the bureau's coordination is the last step; there is nobody to refer the dispute to.
        fixtures.postJson("/api/sharing/applications/" + upheld + "/referral", bureau(), Map.of("reasons", "协调不成"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("NT 27")));
        fixtures.postJson("/api/sharing/applications/" + upheld + "/coordination", bureau(),
                        Map.of("outcome", "UPHOLD_REFUSAL", "reasons", "可改用核验接口"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("REFUSAL_UPHELD"))
                .andExpect(jsonPath("$.grantId").doesNotExist());
    }

    @Test
    @org.junit.jupiter.api.DisplayName("NT 22: the provider decides alone; the bureau neither decides after an opinion (QZ 5.4) nor confirms an answer (NJ 22)")
    void underNantongTheProviderDecidesAloneWithoutConsultationOrConfirmation() throws Exception {
        SharedResource resource = fixtures.publish("CONDITIONAL", List.of("API"));
        String id = awaitingDecision(resource, List.of("姓名"));
        fixtures.postJson("/api/sharing/applications/" + id + "/provider-opinion", approver(), Map.of("approve", true))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("NT 22")));
        fixtures.postJson("/api/sharing/applications/" + id + "/bureau-decision", bureau(), Map.of("approve", true))
                .andExpect(status().isConflict());
        fixtures.postJson("/api/sharing/applications/" + id + "/bureau-confirmation", bureau(), Map.of("confirm", true))
                .andExpect(status().isConflict());
        fixtures.postJson("/api/sharing/applications/" + id + "/decision", approver(), Map.of("approve", true))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("APPROVED"))
                .andExpect(jsonPath("$.filedWith.length()").value(0));
        // NJ 22 ¶3 only: sharing here is between government departments.
        fixtures.postJson("/api/sharing/non-government-requests", bureau(), Map.of("unitName", "某协会", "resourceId", resource.id(),
                        "items", List.of("姓名"), "scenario", "s", "purpose", "p", "safetyMeasures", "m"))
                .andExpect(status().isConflict());
    }

    @Test
    void aNotSharedResourceCanOnlyBeAppliedForAsAVerificationGrant() throws Exception {
        SharedResource resource = fixtures.publish("NOT_SHARED", List.of());
        var data = new HashMap<>(fixtures.application(resource, List.of("公民身份号码", "参保状态")));
        data.remove("method");
        fixtures.postJson("/api/sharing/applications", consumer(), data)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("kind"));

        data.put("kind", "VERIFICATION");
        String id = fixtures.body(fixtures.postJson("/api/sharing/applications", consumer(), data)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.kind").value("VERIFICATION"))
                .andExpect(jsonPath("$.method").value("API"))).get("id").asString();
        attachScanAndPass(id);
        JsonNode approved = fixtures.body(fixtures.postJson("/api/sharing/applications/" + id + "/decision", approver(),
                Map.of("approve", true)).andExpect(status().isOk()));
        Grant grant = grants.find(approved.get("grantId").asString()).orElseThrow();
        assertThat(grant.kind()).isEqualTo(Grant.Kind.VERIFICATION);
        assertThat(grant.unmaskedItems()).isEmpty();
    }

    @Test
    void clientMistakesAreAnsweredWithProblemsNamingTheField() throws Exception {
        SharedResource resource = fixtures.publish("CONDITIONAL", List.of("API"));
        var body = new HashMap<>(fixtures.application(resource, List.of("姓名", "手机号码")));
        fixtures.postJson("/api/sharing/applications", consumer(), body)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("items[1]"));
        body.put("items", List.of("姓名", "姓名"));
        fixtures.postJson("/api/sharing/applications", consumer(), body)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("items[1]"));
        body.put("items", List.of());
        fixtures.postJson("/api/sharing/applications", consumer(), body)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("items"));
        body.put("items", List.of("姓名"));
        body.put("unmaskedItems", List.of("参保状态"));
        fixtures.postJson("/api/sharing/applications", consumer(), body)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("unmaskedItems[0]"));
        body.remove("unmaskedItems");
        body.put("method", "FILE");
        fixtures.postJson("/api/sharing/applications", consumer(), body)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("method"));
        body.put("method", "API");
        body.put("validTo", clock.instant().plus(Duration.ofDays(4 * 366)).toString());
        fixtures.postJson("/api/sharing/applications", consumer(), body)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("validTo"));
        body.put("validTo", "next year");
        fixtures.postJson("/api/sharing/applications", consumer(), body)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("validTo"));
        body.put("validTo", clock.instant().plus(Duration.ofDays(30)).toString());
        body.put("validFrom", clock.instant().minus(Duration.ofDays(3)).toString());
        fixtures.postJson("/api/sharing/applications", consumer(), body)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("validFrom"));
        body.remove("validFrom");
        body.remove("scenario");
        fixtures.postJson("/api/sharing/applications", consumer(), body)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("scenario"));
        body.put("scenario", "低保审核");
        body.put("kind", "EVERYTHING");
        fixtures.postJson("/api/sharing/applications", consumer(), body)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("kind"));
        body.remove("kind");
        fixtures.postJson("/api/sharing/applications", TestTokens.user("hrss-clerk", "HRSS", "320600", "dept-consumer"), body)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("resourceId"));
        body.put("resourceId", "320600-HRSS-NOPE");
        fixtures.postJson("/api/sharing/applications", consumer(), body).andExpect(status().isNotFound());

        body.put("resourceId", resource.id());
        String id = fixtures.body(fixtures.postJson("/api/sharing/applications", consumer(), body)
                .andExpect(status().isCreated())).get("id").asString();
        mvc.perform(multipart("/api/sharing/applications/" + id + "/attachments")
                        .file(new MockMultipartFile("file", "scan.txt", "application/pdf", "not a scan".getBytes())).with(consumer()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("file"));
        mvc.perform(multipart("/api/sharing/applications/" + id + "/attachments").with(consumer()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("file"));
        mvc.perform(multipart("/api/sharing/applications/" + id + "/attachments")
                        .file(new MockMultipartFile("file", "big.pdf", "application/pdf", bigPdf())).with(consumer()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("file"));
        fixtures.postJson("/api/sharing/applications/" + id + "/formality-check", bureau(), Map.of("passed", false))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reasons"));
        fixtures.postJson("/api/sharing/applications/" + id + "/formality-check", bureau(), Map.of("reasons", "x"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("passed"));
        fixtures.postJson("/api/sharing/applications/" + id + "/formality-check", bureau(),
                        Map.of("passed", false, "reasons", "扫描件未加盖公章"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("FORMALITY_REJECTED"));
        fixtures.postJson("/api/sharing/applications/" + id + "/formality-check", bureau(), Map.of("passed", true))
                .andExpect(status().isConflict());
        mvc.perform(get("/api/sharing/applications/APP-NOPE").with(consumer())).andExpect(status().isNotFound());
    }

    @Test
    void departmentsActOnlyInTheirOwnRoleAndForTheirOwnDepartment() throws Exception {
        SharedResource resource = fixtures.publish("CONDITIONAL", List.of("API"));
        var body = fixtures.application(resource, List.of("姓名"));
        fixtures.postJson("/api/sharing/applications", TestTokens.user("cab-approver", "CAB", "320600", "dept-approver"), body)
                .andExpect(status().isForbidden());
        fixtures.postJson("/api/sharing/applications", TestTokens.user("citizen", null, "320600", "public-applicant"), body)
                .andExpect(status().isForbidden());
        String id = fixtures.body(fixtures.postJson("/api/sharing/applications", consumer(), body)
                .andExpect(status().isCreated())).get("id").asString();

        mvc.perform(get("/api/sharing/applications/" + id).with(TestTokens.user("psb", "PSB", "320600", "dept-consumer")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/sharing/applications/" + id).with(approver())).andExpect(status().isOk());
        mvc.perform(get("/api/sharing/applications/" + id).with(TestTokens.user("audit", "AUDIT", "320600", "auditor")))
                .andExpect(status().isOk());
        fixtures.postJson("/api/sharing/applications/" + id + "/formality-check", approver(), Map.of("passed", true))
                .andExpect(status().isForbidden());
        mvc.perform(multipart("/api/sharing/applications/" + id + "/attachments")
                        .file(new MockMultipartFile("file", "a.pdf", "application/pdf", PDF)).with(approver()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/sharing/applications?consumer=CAB").with(TestTokens.user("psb", "PSB", "320600", "dept-consumer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(0));
        mvc.perform(get("/api/sharing/applications?resourceId=" + resource.id()).with(approver()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value(id));
        mvc.perform(get("/api/sharing/applications").with(TestTokens.user("citizen", null, "320600", "public-applicant")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/sharing/applications")).andExpect(status().isUnauthorized());
    }

    private String awaitingDecision(SharedResource resource, List<String> items) throws Exception {
        String id = fixtures.body(fixtures.postJson("/api/sharing/applications", consumer(), fixtures.application(resource, items))
                .andExpect(status().isCreated())).get("id").asString();
        attachScanAndPass(id);
        return id;
    }

    private void attachScanAndPass(String id) throws Exception {
        mvc.perform(multipart("/api/sharing/applications/" + id + "/attachments")
                        .file(new MockMultipartFile("file", "scan.pdf", "application/pdf", PDF)).with(consumer()))
                .andExpect(status().isCreated());
        fixtures.postJson("/api/sharing/applications/" + id + "/formality-check", bureau(), Map.of("passed", true))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("AWAITING_DECISION"));
    }

    private static byte[] bigPdf() {
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(PDF, 0, big, 0, PDF.length);
        return big;
    }
}
