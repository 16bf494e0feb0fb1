package cn.govdata.system;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sharing's "done when" through the gateway with real tokens, against the simulated PSB people API
 * (deploy/provider-sim, a WireMock process ./govdata runs): grants unconditional and conditional,
 * an exchange call that returns only granted items masked with provenance, verification, a
 * suspended consumer refused, a provider outage answered fast and recovered, the access events in
 * audit, and Shenyang's silence-is-consent after the decision period runs out.
 */
class ExchangeSystemTest {

    static final String PERSON = Scenarios.PERSON;
    static final Map<String, String> PURPOSE = Scenarios.PURPOSE;

    static String bureau;
    static String psb;
    static String hrss;
    static String auditor;
    static String operator;

    @BeforeAll
    static void tokensAndDepartments() {
        bureau = Stack.passwordToken("bureau");
        psb = Stack.passwordToken("psb-officer");
        hrss = Stack.clientToken(Stack.get("HRSS_SYSTEM_CLIENT_ID"), Stack.get("HRSS_SYSTEM_CLIENT_SECRET"));
        auditor = Stack.passwordToken("auditor");
        operator = Stack.passwordToken("operator");
        Scenarios.department(bureau, "PSB", "市公安局");
        Scenarios.department(bureau, "HRSS", "市人力资源和社会保障局");
    }

    @Test
    void aGrantedConsumerGetsOnlyItsItemsMaskedWithProvenanceUntilSuspendedAndAuditSeesEveryAccess() {
        Instant started = Instant.now();
        String resource = Scenarios.peopleResource(psb, bureau, "UNCONDITIONAL");
        String grant = Scenarios.grant(hrss, resource, List.of("公民身份号码", "姓名", "手机号码"));

        var response = Stack.call("GET", "/api/exchange/" + resource + "/records/" + PERSON, hrss, null, PURPOSE);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("sourceDepartment").asString()).isEqualTo("PSB");
        assertThat(Instant.parse(body.get("retrievedAt").asString())).isAfter(started.minusSeconds(5));
        assertThat(body.get("grantId").asString()).isEqualTo(grant);
        JsonNode data = body.get("records").get(0).get("data");
        List<String> fields = new ArrayList<>();
        data.propertyNames().forEach(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("公民身份号码", "姓名", "手机号码");
        assertThat(data.get("公民身份号码").asString()).contains("*").isNotEqualTo(PERSON).startsWith(PERSON.substring(0, 3));
        assertThat(data.get("手机号码").asString()).contains("*");
        assertThat(data.get("姓名").asString()).contains("*");
        assertThat(response.body()).doesNotContain("住址", "民族", "性别");

        var noPurpose = Stack.call("GET", "/api/exchange/" + resource + "/records/" + PERSON, hrss, null);
        assertThat(noPurpose.status()).isEqualTo(400);
        assertThat(noPurpose.header("content-type")).startsWith("application/problem+json");

        // 可用不可见: the consumer learns whether what it holds is right, never the values.
        var verified = Stack.call("POST", "/api/exchange/" + resource + "/verify", hrss,
                "{\"key\":\"" + PERSON + "\",\"claims\":{\"手机号码\":\"00000000000\",\"公民身份号码\":\"" + PERSON + "\"}}", PURPOSE);
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.json().get("results").get("公民身份号码").asString()).isEqualTo("MATCH");
        assertThat(verified.json().get("results").get("手机号码").asString()).isEqualTo("NO_MATCH");
        assertThat(verified.body()).doesNotContain("138", "139", "住址");

        var suspended = Stack.call("POST", "/api/sharing/grants/" + grant + "/suspension", bureau,
                "{\"reasons\":\"超出授权范围批量调用（QZ 5.10）\"}");
        assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);
        var refused = Stack.call("GET", "/api/exchange/" + resource + "/records/" + PERSON, hrss, null, PURPOSE);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.header("content-type")).startsWith("application/problem+json");
        assertThat(Stack.call("DELETE", "/api/sharing/grants/" + grant + "/suspension", bureau, null).status()).isEqualTo(200);
        assertThat(Stack.call("GET", "/api/exchange/" + resource + "/records/" + PERSON, hrss, null, PURPOSE).status())
                .isEqualTo(200);

        // Access events reach the audit trail asynchronously: two reads and one verification succeeded.
        WalkingSkeletonSystemTest.eventually("audit holds the consumer's accesses of " + resource, () -> {
            var found = Stack.call("GET", "/api/audit/events?consumer=HRSS&resource=" + resource
                    + "&type=cn.govdata.exchange.data.accessed.v1&size=50", auditor, null);
            return found.status() == 200 && found.json().get("totalItems").asInt() >= 3;
        });
    }

    @Test
    void aProviderOutageIsAnsweredWithin503InUnderASecondAndTheExchangeRecoversWhenItIsBack() {
        String resource = Scenarios.peopleResource(psb, bureau, "UNCONDITIONAL");
        Scenarios.grant(hrss, resource, List.of("公民身份号码", "姓名"));
        String path = "/api/exchange/" + resource + "/records/" + PERSON;
        assertThat(Stack.call("GET", path, hrss, null, PURPOSE).status()).isEqualTo(200);

        Stack.govdata("stop", "provider-sim");
        try {
            for (int i = 0; i < 5; i++) {
                long before = System.nanoTime();
                var down = Stack.call("GET", path, hrss, null, PURPOSE);
                Duration took = Duration.ofNanos(System.nanoTime() - before);
                assertThat(down.status()).as(down.toString()).isEqualTo(503);
                assertThat(down.header("content-type")).startsWith("application/problem+json");
                assertThat(took).as("answer %d while the provider is down", i).isLessThan(Duration.ofSeconds(1));
            }
        } finally {
            Stack.govdata("start", "provider-sim");
        }
        WalkingSkeletonSystemTest.eventually("the exchange serves again once the provider is back", () ->
                Stack.call("GET", path, hrss, null, PURPOSE).status() == 200);
    }

    @Test
    void aConditionalApplicationPassesTheFormalityCheckAndIsApprovedOrRefusedWithReasonsByTheProviderAndConfirmedByTheBureau() {
        String resource = Scenarios.peopleResource(psb, bureau, "CONDITIONAL");

        String approvedId = Scenarios.applyConditional(hrss, bureau, resource, List.of("公民身份号码", "姓名"));
        var decided = Stack.call("POST", "/api/sharing/applications/" + approvedId + "/decision", psb,
                "{\"approve\":true,\"items\":[\"公民身份号码\"]}");
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        // NJ 22: the provider's answer is confirmed by the data bureau before it is returned to the applicant.
        assertThat(decided.json().get("state").asString()).isEqualTo("AWAITING_BUREAU");
        var confirmed = Stack.call("POST", "/api/sharing/applications/" + approvedId + "/bureau-confirmation", bureau,
                "{\"confirm\":true}");
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(confirmed.json().get("state").asString()).isEqualTo("APPROVED");
        String grant = confirmed.json().get("grantId").asString();
        var issued = Stack.call("GET", "/api/sharing/grants/" + grant, hrss, null).json();
        assertThat(issued.get("items").toString()).as("minimum necessary: only what the provider approved")
                .contains("公民身份号码").doesNotContain("姓名");

        String refusedId = Scenarios.applyConditional(hrss, bureau, resource, List.of("公民身份号码", "手机号码"));
        var refused = Stack.call("POST", "/api/sharing/applications/" + refusedId + "/decision", psb,
                "{\"approve\":false,\"reasons\":[\"申请事项与所述履职依据无关\"],\"legalBasis\":\"《南京市政务数据管理暂行办法》第二十二条\"}");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(200);
        assertThat(refused.json().get("state").asString()).isEqualTo("AWAITING_BUREAU");
        var refusalConfirmed = Stack.call("POST", "/api/sharing/applications/" + refusedId + "/bureau-confirmation", bureau,
                "{\"confirm\":true}");
        assertThat(refusalConfirmed.status()).as(refusalConfirmed.toString()).isEqualTo(200);
        assertThat(refusalConfirmed.json().get("state").asString()).isEqualTo("REFUSED");
        assertThat(refusalConfirmed.body()).contains("申请事项与所述履职依据无关");
        assertThat(refusalConfirmed.json().get("grantIssued").asBoolean()).isFalse();
    }

    /**
     * Under Shenyang's profile a provider that stays silent past the decision period has consented
     * (SY 25). sharing-service is restarted with that profile, its clock advanced, and restarted
     * again with the stack's own profile, which also resets the clock.
     */
    @Test
    void underShenyangsProfileAProviderSilentPastTheDeadlineHasConsentedAndTheGrantIsIssued() {
        String resource = Scenarios.peopleResource(psb, bureau, "CONDITIONAL");
        Stack.govdata(Map.of("GOVDATA_JURISDICTION", "shenyang"), "restart", "sharing-service");
        try {
            assertThat(Stack.call("GET", "/api/sharing/policy", hrss, null).body()).contains("shenyang");
            String id = Scenarios.applyConditional(hrss, bureau, resource, List.of("公民身份号码", "姓名"));
            var advanced = Stack.call("POST", "/api/sharing/time/advance", operator, "{\"by\":\"P20D\"}");
            assertThat(advanced.status()).as(advanced.toString()).isEqualTo(200);
            WalkingSkeletonSystemTest.eventually("the silent provider's application is approved", () -> {
                var application = Stack.call("GET", "/api/sharing/applications/" + id, hrss, null).json();
                return application.get("state").asString().equals("APPROVED") && application.get("grantIssued").asBoolean();
            });
            var application = Stack.call("GET", "/api/sharing/applications/" + id, hrss, null).json();
            assertThat(application.get("decision").get("decidedBy").asString()).contains("SY 25");
        } finally {
            Stack.govdata("restart", "sharing-service");
        }
    }
}
