package cn.govdata.sharing.exchange;

import cn.govdata.events.ExchangeEventTypes;
import cn.govdata.events.SchemaAssertions;
import cn.govdata.events.Topics;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.sharing.grant.Grant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;

import static cn.govdata.sharing.exchange.ExchangeFixtures.ID_NUMBER;
import static cn.govdata.sharing.exchange.ExchangeFixtures.NAME;
import static cn.govdata.sharing.exchange.ExchangeFixtures.PROVIDER;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

@PlatformIntegrationTest
class ExchangeThrottlingTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    JsonMapper json;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    /** Any key answers with a person carrying that key, like a real registry would. */
    private String resource() throws Exception {
        String resourceId = ExchangeFixtures.uniqueResourceId();
        ExchangeFixtures.peopleResource(mongo, resourceId);
        PROVIDER.stubFor(get(urlPathMatching("/" + resourceId + "/people/.*")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(ExchangeFixtures.person("110101199003071234", "张三", "13812345678", "南京市玄武区中山路100号", "1990-03-07"))));
        ExchangeFixtures.registerPeopleApi(mvc, resourceId, "2s");
        return resourceId;
    }

    private MvcResult call(String resourceId, String key, String clientId) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .get("/api/exchange/" + resourceId + "/records/" + key)
                        .with(ExchangeFixtures.system(clientId, "HRSS")).header("X-Purpose", "pension check"))
                .andReturn();
    }

    @Test
    void aGrantsRatePerMinuteIsEnforcedWith429AndRetryAfter() throws Exception {
        String resourceId = resource();
        ExchangeFixtures.grant(mongo, resourceId, "HRSS", Grant.Kind.DATA, Grant.State.ACTIVE, List.of(NAME), List.of(), 3, 0);

        for (String key : List.of("110101199003071234", "320102198512123456", "320104197001011111")) {
            assertThat(call(resourceId, key, "hrss-system").getResponse().getStatus()).isEqualTo(200);
        }
        MvcResult refused = call(resourceId, "320105196601015555", "hrss-system");

        assertThat(refused.getResponse().getStatus()).isEqualTo(429);
        assertThat(refused.getResponse().getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(refused.getResponse().getContentAsString()).contains("rate-limited").contains("3 calls per minute");
        assertThat(Integer.parseInt(refused.getResponse().getHeader("Retry-After"))).isBetween(1, 60);
    }

    @Test
    void aGrantsDailyQuotaOfRecordsIsEnforcedWith429UntilMidnight() throws Exception {
        String resourceId = resource();
        ExchangeFixtures.grant(mongo, resourceId, "HRSS", Grant.Kind.DATA, Grant.State.ACTIVE, List.of(NAME), List.of(), 0, 2);

        assertThat(call(resourceId, "110101199003071234", "hrss-system").getResponse().getStatus()).isEqualTo(200);
        assertThat(call(resourceId, "320102198512123456", "hrss-system").getResponse().getStatus()).isEqualTo(200);
        MvcResult refused = call(resourceId, "320104197001011111", "hrss-system");

        assertThat(refused.getResponse().getStatus()).isEqualTo(429);
        assertThat(refused.getResponse().getContentAsString()).contains("daily-quota-exhausted");
        assertThat(Long.parseLong(refused.getResponse().getHeader("Retry-After"))).isBetween(1L, 86_400L);
    }

    @Test
    void enumeratingSequentialKeysIsThrottledAndRaisesASchemaValidAbnormalAccessDetectedEvent() throws Exception {
        String resourceId = resource();
        Grant grant = ExchangeFixtures.grant(mongo, resourceId, "HRSS", Grant.Kind.DATA, Grant.State.ACTIVE,
                List.of(ID_NUMBER, NAME), List.of(), 1_000, 0);
        String crawler = "hrss-crawler";

        int refusedAt = -1;
        for (int i = 0; i < 40 && refusedAt < 0; i++) {
            // 11010119900307000 + i followed by a check digit: what an ID-number crawler sends.
            String key = "1101011990030" + String.format("%04d", i) + "X";
            MvcResult result = call(resourceId, key, crawler);
            if (result.getResponse().getStatus() == 429) {
                refusedAt = i;
                assertThat(result.getResponse().getContentAsString()).contains("abnormal-access").contains("SEQUENTIAL_KEYS");
                assertThat(result.getResponse().getHeader("Retry-After")).isNotBlank();
            } else {
                assertThat(result.getResponse().getStatus()).isEqualTo(200);
            }
        }
        assertThat(refusedAt).as("sequential keys are throttled after max-sequential-steps (20)").isBetween(20, 22);

        // Blocked on the resource for block-for, whatever key comes next. The state is the department's:
        // its other clients are blocked too (several clients do not multiply the thresholds); another
        // department is not affected.
        assertThat(call(resourceId, "440101200001011234", crawler).getResponse().getStatus()).isEqualTo(429);
        assertThat(call(resourceId, "440101200001011234", "hrss-system").getResponse().getStatus()).isEqualTo(429);
        ExchangeFixtures.grant(mongo, resourceId, "CAB", Grant.Kind.DATA, Grant.State.ACTIVE, List.of(NAME), List.of(), 1_000, 0);
        assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .get("/api/exchange/" + resourceId + "/records/440101200001011234")
                        .with(ExchangeFixtures.system("cab-system", "CAB")).header("X-Purpose", "relief check"))
                .andReturn().getResponse().getStatus()).isEqualTo(200);

        var event = KafkaProbe.awaitRecord(brokers, Topics.EXCHANGE, Duration.ofSeconds(20),
                r -> r.value().contains(grant.id()) && r.value().contains("SEQUENTIAL_KEYS"));
        SchemaAssertions.assertConforms(ExchangeEventTypes.ABNORMAL_ACCESS_DETECTED, event.value());
        assertThat(KafkaProbe.header(event, "ce_type")).contains(ExchangeEventTypes.ABNORMAL_ACCESS_DETECTED.type());
        JsonNode body = json.readTree(event.value());
        assertThat(body.get("clientId").asString()).isEqualTo(crawler);
        assertThat(body.get("consumerDepartment").asString()).isEqualTo("HRSS");
        assertThat(body.get("resourceId").asString()).isEqualTo(resourceId);
        assertThat(body.get("threshold").asInt()).isEqualTo(20);
        assertThat(body.get("counts").get("sequentialSteps").asInt()).isGreaterThan(20);
    }

    private MvcResult verify(String resourceId, String key, String claimedPhone) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .post("/api/exchange/" + resourceId + "/verify").with(ExchangeFixtures.system("hrss-system", "HRSS"))
                        .header("X-Purpose", "identity check").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"key\":\"" + key + "\",\"claims\":{\"手机号码\":\"" + claimedPhone + "\"}}"))
                .andReturn();
    }

    @Test
    void verificationIsCappedPerRecordKeyPerDaySoMaskedValuesCannotBeGuessedAndTheCapRaisesAnAlert() throws Exception {
        String resourceId = resource();
        Grant grant = ExchangeFixtures.grant(mongo, resourceId, "HRSS", Grant.Kind.VERIFICATION, Grant.State.ACTIVE,
                List.of(ID_NUMBER, ExchangeFixtures.PHONE), List.of(), 1_000, 0);
        String key = "110101199003071234";

        for (int guess = 0; guess < 5; guess++) {
            MvcResult answered = verify(resourceId, key, "1381234" + String.format("%04d", 5670 + guess));
            assertThat(answered.getResponse().getStatus()).as(answered.getResponse().getContentAsString()).isEqualTo(200);
        }
        MvcResult sixth = verify(resourceId, key, "13812345678");
        assertThat(sixth.getResponse().getStatus()).isEqualTo(429);
        assertThat(sixth.getResponse().getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(sixth.getResponse().getContentAsString()).contains("verification-capped").contains("VERIFY_ATTEMPTS_PER_KEY")
                .doesNotContain("MATCH");
        assertThat(Long.parseLong(sixth.getResponse().getHeader("Retry-After"))).isBetween(1L, 86_400L);
        // Another record under the same grant is still answered.
        assertThat(verify(resourceId, "320102198512123456", "13812345678").getResponse().getStatus()).isEqualTo(200);

        var alert = KafkaProbe.awaitRecord(brokers, Topics.EXCHANGE, Duration.ofSeconds(20),
                r -> r.value().contains(grant.id()) && r.value().contains("VERIFY_ATTEMPTS_PER_KEY"));
        SchemaAssertions.assertConforms(ExchangeEventTypes.ABNORMAL_ACCESS_DETECTED, alert.value());
        assertThat(json.readTree(alert.value()).get("threshold").asInt()).isEqualTo(5);
        assertThat(alert.value()).doesNotContain(key);

        // Each answered verification is in the access log with its outcome, never the value claimed.
        var accessed = KafkaProbe.awaitRecord(brokers, Topics.EXCHANGE, Duration.ofSeconds(20),
                r -> r.value().contains(grant.id()) && r.value().contains("verificationResults"));
        SchemaAssertions.assertConforms(ExchangeEventTypes.DATA_ACCESSED, accessed.value());
        assertThat(accessed.value()).contains("NO_MATCH").doesNotContain("13812345670");
        var logged = mongo.getCollection(AccessLog.COLLECTION).find().into(new java.util.ArrayList<>()).toString()
                + mongo.getCollection(AccessLog.ARCHIVE).find().into(new java.util.ArrayList<>()).toString();
        assertThat(logged).contains("verificationResults").doesNotContain("13812345670").doesNotContain("13812345671");
    }

    @Test
    void manyLookupsOfKeysThatDoNotExistAreThrottledAsEnumeration() throws Exception {
        String resourceId = ExchangeFixtures.uniqueResourceId();
        ExchangeFixtures.peopleResource(mongo, resourceId);
        PROVIDER.stubFor(get(urlPathMatching("/" + resourceId + "/people/.*")).willReturn(aResponse().withStatus(404)));
        ExchangeFixtures.registerPeopleApi(mvc, resourceId, "2s");
        ExchangeFixtures.grant(mongo, resourceId, "HRSS", Grant.Kind.DATA, Grant.State.ACTIVE, List.of(NAME), List.of(), 1_000, 0);

        int status = 0;
        int calls = 0;
        java.util.Random random = new java.util.Random(7);
        while (calls < 40 && status != 429) {
            // Random, far-apart keys: only the not-found count can trip.
            status = call(resourceId, "K" + (1_000_000 + random.nextInt(9_000_000)) * 1_000L, "hrss-guesser").getResponse().getStatus();
            calls++;
        }
        assertThat(status).isEqualTo(429);
        assertThat(calls).isEqualTo(32);
    }
}
