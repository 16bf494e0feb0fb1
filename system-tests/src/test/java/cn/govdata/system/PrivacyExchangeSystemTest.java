package cn.govdata.system;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13/14's sharing part through the gateway, as the partner systems live it: personal items in
 * clear only by the provider approver's recorded decision with a legal basis (the platform's
 * unconditional grant is masked meanwhile), verification that cannot be used as an oracle, and
 * provider registrations that cannot aim the exchange at the platform's own network. Masked values
 * are asserted by shape (not the clear value, contains *), so the one platform masking policy may
 * change how they look.
 */
class PrivacyExchangeSystemTest {

    static final String PERSON = Scenarios.PERSON;
    static final String PERSON_NAME = "沈超";
    static final String PERSON_PHONE = "15195482717";
    static final Map<String, String> PURPOSE = Scenarios.PURPOSE;
    static final String LEGAL_BASIS = "《社会保险法》第七条：养老保险待遇资格认证须核对本人姓名";

    static String bureau;
    static String psb;
    static String hrss;
    static String auditor;

    @BeforeAll
    static void tokensAndDepartments() {
        bureau = Stack.passwordToken("bureau");
        psb = Stack.passwordToken("psb-officer");
        hrss = Stack.clientToken(Stack.get("HRSS_SYSTEM_CLIENT_ID"), Stack.get("HRSS_SYSTEM_CLIENT_SECRET"));
        auditor = Stack.passwordToken("auditor");
        Scenarios.department(bureau, "PSB", "市公安局");
        Scenarios.department(bureau, "HRSS", "市人力资源和社会保障局");
    }

    @Test
    void clearPersonalItemsAreQueuedForTheProviderMaskedUntilItsApproverDecidesWithALegalBasisAndAuditShowsWho() {
        String resource = Scenarios.peopleResource(psb, bureau, "UNCONDITIONAL");
        List<String> personal = List.of("公民身份号码", "姓名", "手机号码", "住址");

        var applied = Stack.call("POST", "/api/sharing/applications", hrss, Scenarios.application(resource, personal, personal));
        assertThat(applied.status()).as(applied.toString()).isEqualTo(201);
        String grant = applied.json().get("grantId").asString();
        String request = applied.json().get("clearItemsApplicationId").asString();
        assertThat(request).as("the clear items went to the provider's decision queue").isNotBlank();
        var issued = Stack.call("GET", "/api/sharing/grants/" + grant, hrss, null);
        assertThat(issued.json().get("unmaskedItems").size()).as("nothing personal in clear without a decision").isZero();

        var queued = Stack.call("GET", "/api/sharing/applications?state=AWAITING_DECISION&provider=PSB&resourceId=" + resource, psb, null);
        assertThat(queued.status()).as(queued.toString()).isEqualTo(200);
        JsonNode pending = queued.json().get("items").get(0);
        assertThat(pending.get("id").asString()).isEqualTo(request);
        assertThat(pending.get("type").asString()).isEqualTo("CLEAR_ITEMS");
        assertThat(pending.get("decisionPeriod").get("dueAt").isNull()).isFalse();

        JsonNode masked = record(resource);
        assertThat(masked.get("姓名").asString()).isNotEqualTo(PERSON_NAME).contains("*");
        assertThat(masked.get("公民身份号码").asString()).isNotEqualTo(PERSON).contains("*");
        assertThat(masked.get("手机号码").asString()).isNotEqualTo(PERSON_PHONE).contains("*");

        var withoutBasis = Stack.call("POST", "/api/sharing/applications/" + request + "/decision", psb,
                "{\"approve\":true,\"unmaskedItems\":[\"姓名\"]}");
        assertThat(withoutBasis.status()).as(withoutBasis.toString()).isEqualTo(400);
        assertThat(withoutBasis.json().get("errors").get(0).get("field").asString()).isEqualTo("legalBasis");
        var approved = Stack.call("POST", "/api/sharing/applications/" + request + "/decision", psb,
                Stack.JSON.writeValueAsString(Map.of("approve", true, "unmaskedItems", List.of("姓名"), "legalBasis", LEGAL_BASIS)));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().get("state").asString()).isEqualTo("APPROVED");

        WalkingSkeletonSystemTest.eventually("the approved item comes in clear", () ->
                PERSON_NAME.equals(record(resource).get("姓名").asString()));
        JsonNode widened = record(resource);
        assertThat(widened.get("手机号码").asString()).as("only what was decided").isNotEqualTo(PERSON_PHONE).contains("*");

        WalkingSkeletonSystemTest.eventually("audit shows who decided the clear delivery, on which legal basis", () -> {
            var found = Stack.call("GET", "/api/audit/events?subject=" + grant + "&type=cn.govdata.sharing.grant.widened.v1",
                    auditor, null);
            return found.status() == 200 && found.json().get("totalItems").asInt() >= 1
                    && found.body().contains("psb-officer") && found.body().contains("社会保险法");
        });
    }

    @Test
    void theSixthVerificationOfOneRecordIsRefusedWith429AndAnAlertReachesAudit() throws Exception {
        String resource = Scenarios.peopleResource(psb, bureau, "UNCONDITIONAL");
        String grant = Scenarios.grant(hrss, resource, List.of("公民身份号码", "手机号码"));

        for (int guess = 0; guess < 5; guess++) {
            HttpResponse<String> answered = verify(resource, "1519548" + String.format("%04d", 2710 + guess));
            assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
            assertThat(answered.body()).contains("MATCH");
        }
        HttpResponse<String> sixth = verify(resource, PERSON_PHONE);
        assertThat(sixth.statusCode()).as(sixth.body()).isEqualTo(429);
        assertThat(sixth.headers().firstValue("content-type").orElse("")).startsWith("application/problem+json");
        assertThat(sixth.headers().firstValue("retry-after")).isPresent();
        assertThat(sixth.body()).doesNotContain("\"MATCH\"");

        WalkingSkeletonSystemTest.eventually("audit holds the AbnormalAccessDetected alert for the capped grant", () -> {
            var found = Stack.call("GET", "/api/audit/events?resource=" + resource
                    + "&type=cn.govdata.exchange.abnormal-access.detected.v1&size=50", auditor, null);
            return found.status() == 200 && found.body().contains(grant) && found.body().contains("VERIFY_ATTEMPTS_PER_KEY");
        });
    }

    @Test
    void providerEndpointsOnLoopbackLinkLocalOrALoopbackNameAreRefusedAndTheSimulatedProviderIsAllowed() {
        String resource = Scenarios.peopleResource(psb, bureau, "UNCONDITIONAL");
        String masking = "\"masking\":{\"公民身份号码\":\"ID_NUMBER\",\"手机号码\":\"PHONE\",\"姓名\":\"NAME\",\"住址\":\"ADDRESS\","
                + "\"出生日期\":\"FREE_TEXT\"}";
        for (String endpoint : List.of("http://127.0.0.1:" + URI.create(Stack.get("GATEWAY_URL")).getPort() + "/api/people/{key}",
                "http://169.254.169.254/latest/meta-data/{key}", "http://localhost:8761/eureka/{key}", "http://[::1]/api/people/{key}")) {
            var refused = Stack.call("PUT", "/api/sharing/providers/" + resource, psb,
                    "{\"mode\":\"API\",\"endpoint\":\"" + endpoint + "\",\"recordKeyField\":\"公民身份号码\"," + masking + "}");
            assertThat(refused.status()).as(endpoint + ": " + refused).isEqualTo(400);
            assertThat(refused.header("content-type")).startsWith("application/problem+json");
            assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("endpoint");
        }
        var missingRule = Stack.call("PUT", "/api/sharing/providers/" + resource, psb, "{\"mode\":\"API\",\"endpoint\":\""
                + Stack.get("PROVIDER_SIM_URL") + "/api/people/{key}\",\"recordKeyField\":\"公民身份号码\",\"masking\":{\"公民身份号码\":\"ID_NUMBER\"}}");
        assertThat(missingRule.status()).as(missingRule.toString()).isEqualTo(400);
        assertThat(missingRule.body()).contains("masking.");
        // The simulated provider, on the one loopback address:port the local stack allows, still serves.
        Scenarios.registerPeopleProvider(psb, resource);
        Scenarios.grant(hrss, resource, List.of("公民身份号码"));
        assertThat(Stack.call("GET", "/api/exchange/" + resource + "/records/" + PERSON, hrss, null, PURPOSE).status()).isEqualTo(200);
    }

    private static JsonNode record(String resource) {
        var response = Stack.call("GET", "/api/exchange/" + resource + "/records/" + PERSON, hrss, null, PURPOSE);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("records").get(0).get("data");
    }

    /** Sent once, without the polite retry on 429 that Stack.call does: the refusal itself is what is tested. */
    private static HttpResponse<String> verify(String resource, String claimedPhone) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(Stack.get("GATEWAY_URL") + "/api/exchange/" + resource + "/verify"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + hrss).header("Content-Type", "application/json")
                .header("X-Purpose", PURPOSE.get("X-Purpose"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"" + PERSON + "\",\"claims\":{\"手机号码\":\"" + claimedPhone + "\"}}"))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
