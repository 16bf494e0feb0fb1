package cn.govdata.sharing.exchange;

import cn.govdata.events.ExchangeEventTypes;
import cn.govdata.events.SchemaAssertions;
import cn.govdata.events.Topics;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.privacy.Pseudonyms;
import cn.govdata.sharing.grant.Grant;
import cn.govdata.sharing.grant.Grants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static cn.govdata.sharing.exchange.ExchangeFixtures.ADDRESS;
import static cn.govdata.sharing.exchange.ExchangeFixtures.BIRTH_DATE;
import static cn.govdata.sharing.exchange.ExchangeFixtures.ID_NUMBER;
import static cn.govdata.sharing.exchange.ExchangeFixtures.NAME;
import static cn.govdata.sharing.exchange.ExchangeFixtures.PHONE;
import static cn.govdata.sharing.exchange.ExchangeFixtures.PROVIDER;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
class ExchangeRecordsTest {

    private static final String KEY = "110101199003071234";

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    Pseudonyms pseudonyms;
    @Autowired
    JsonMapper json;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    private String resourceWithPerson() throws Exception {
        String resourceId = ExchangeFixtures.uniqueResourceId();
        ExchangeFixtures.peopleResource(mongo, resourceId);
        PROVIDER.stubFor(get(urlPathEqualTo("/" + resourceId + "/people/" + KEY)).willReturn(okJson(
                ExchangeFixtures.person(KEY, "张三", "13812345678", "南京市玄武区中山路100号", "1990-03-07"))));
        ExchangeFixtures.registerPeopleApi(mvc, resourceId, "2s");
        return resourceId;
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder record(String resourceId, String key) {
        return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/exchange/" + resourceId + "/records/" + key);
    }

    @Test
    void aPlatformDirectGrantAwaitingTheBureausReviewIsRefusedUntilTheReviewIsRecorded() throws Exception {
        String resourceId = resourceWithPerson();
        Grant grant = ExchangeFixtures.grant(mongo, resourceId, "HRSS", Grant.Kind.DATA, Grant.State.ACTIVE,
                List.of(ID_NUMBER, NAME), List.of(), 0, 0);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(grant.id())), new Update().set("platformReview",
                new Grant.PlatformReview(java.time.Instant.now().plusSeconds(86_400), "PENDING", null, null, null)), Grants.COLLECTION);

        mvc.perform(record(resourceId, KEY).with(ExchangeFixtures.hrssSystem()).header("X-Purpose", "check"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://govdata.cn/problems/grant-awaiting-review"))
                .andExpect(jsonPath("$.title").value("grant awaiting bureau review (NT 23)"));

        mongo.updateFirst(Query.query(Criteria.where("_id").is(grant.id())), new Update().set("platformReview.outcome", "CONFIRMED"),
                Grants.COLLECTION);
        await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() ->
                mvc.perform(record(resourceId, KEY).with(ExchangeFixtures.hrssSystem()).header("X-Purpose", "check"))
                        .andExpect(status().isOk()));
    }

    @Test
    void aConsumerGetsOnlyItsGrantedItemsMaskedByTheProvidersRulesExceptUnmaskedOnesWithProvenance() throws Exception {
        String resourceId = resourceWithPerson();
        Grant grant = ExchangeFixtures.grant(mongo, resourceId, "HRSS", Grant.Kind.DATA, Grant.State.ACTIVE,
                List.of(ID_NUMBER, NAME, PHONE, ADDRESS), List.of(NAME), 0, 0);

        mvc.perform(record(resourceId, KEY).with(ExchangeFixtures.hrssSystem())
                        .header("X-Purpose", ExchangeFixtures.purpose("养老保险待遇资格认证")))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Source-Department", "PSB"))
                .andExpect(header().exists("X-Retrieved-At"))
                .andExpect(jsonPath("$.resourceId").value(resourceId))
                .andExpect(jsonPath("$.sourceDepartment").value("PSB"))
                .andExpect(jsonPath("$.grantId").value(grant.id()))
                .andExpect(jsonPath("$.retrievedAt").exists())
                .andExpect(jsonPath("$.records.length()").value(1))
                .andExpect(jsonPath("$.records[0].key").value(KEY))
                .andExpect(jsonPath("$.records[0].disputed").value(false))
                .andExpect(jsonPath("$.records[0].data['公民身份号码']").value("110101***********4"))
                .andExpect(jsonPath("$.records[0].data['手机号码']").value("138****5678"))
                .andExpect(jsonPath("$.records[0].data['住址']").value("南京市玄武区****"))
                .andExpect(jsonPath("$.records[0].data['姓名']").value("张三"))
                .andExpect(jsonPath("$.records[0].data['出生日期']").doesNotExist())
                .andExpect(jsonPath("$.records[0].data['民族']").doesNotExist());
    }

    @Test
    void aDeliveredRecordCarriesTheKeyedPseudonymThatObjectionAndCorrectionEventsNameItBy() throws Exception {
        String resourceId = resourceWithPerson();
        ExchangeFixtures.grant(mongo, resourceId, "HRSS", Grant.Kind.DATA, Grant.State.ACTIVE, List.of(NAME), List.of(), 0, 0);
        String expected = pseudonyms.of(resourceId, KEY);

        mvc.perform(record(resourceId, KEY).with(ExchangeFixtures.hrssSystem()).header("X-Purpose", "check"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.records[0].recordPseudonym").value(expected))
                .andExpect(jsonPath("$.records[0].recordPseudonym").value(not(containsString(KEY))));
        assertThat(Pseudonyms.isPseudonym(expected)).isTrue();
    }

    @Test
    void aCallWithoutXPurposeIsRefusedWith400NamingTheHeader() throws Exception {
        String resourceId = resourceWithPerson();
        ExchangeFixtures.grant(mongo, resourceId, "HRSS", Grant.Kind.DATA, Grant.State.ACTIVE, List.of(NAME), List.of(), 0, 0);

        mvc.perform(record(resourceId, KEY).with(ExchangeFixtures.hrssSystem()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("X-Purpose")))
                .andExpect(jsonPath("$.errors[0].field").value("X-Purpose"));
    }

    @Test
    void aDepartmentWithoutAGrantIsRefused() throws Exception {
        String resourceId = resourceWithPerson();

        mvc.perform(record(resourceId, KEY).with(ExchangeFixtures.hrssSystem()).header("X-Purpose", "audit"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://govdata.cn/problems/no-grant"))
                .andExpect(jsonPath("$.detail").value(containsString("HRSS")));
    }

    @Test
    void aSuspendedGrantIsRefusedNamingTheSuspension() throws Exception {
        String resourceId = resourceWithPerson();
        Grant grant = ExchangeFixtures.grant(mongo, resourceId, "HRSS", Grant.Kind.DATA, Grant.State.SUSPENDED,
                List.of(NAME), List.of(), 0, 0);

        mvc.perform(record(resourceId, KEY).with(ExchangeFixtures.hrssSystem()).header("X-Purpose", "audit"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://govdata.cn/problems/grant-suspended"))
                .andExpect(jsonPath("$.detail").value(containsString("suspended")))
                .andExpect(jsonPath("$.detail").value(containsString("超范围使用")))
                .andExpect(jsonPath("$.grantId").value(grant.id()));
    }

    @Test
    void aSuspensionInTheDatabaseBitesWithinTheGrantCacheTtl() throws Exception {
        String resourceId = resourceWithPerson();
        Grant grant = ExchangeFixtures.grant(mongo, resourceId, "HRSS", Grant.Kind.DATA, Grant.State.ACTIVE,
                List.of(NAME), List.of(), 0, 0);
        mvc.perform(record(resourceId, KEY).with(ExchangeFixtures.hrssSystem()).header("X-Purpose", "audit"))
                .andExpect(status().isOk());

        mongo.updateFirst(Query.query(Criteria.where("_id").is(grant.id())),
                new Update().set("state", Grant.State.SUSPENDED).set("stateReason", "bureau order"), Grants.COLLECTION);

        // A change made behind this replica's back (another replica, an operator): grant-cache-ttl
        // defaults to 1 s, and the documented worst case is twice the TTL plus a second.
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                mvc.perform(record(resourceId, KEY).with(ExchangeFixtures.hrssSystem()).header("X-Purpose", "audit"))
                        .andExpect(status().isForbidden())
                        .andExpect(jsonPath("$.type").value("https://govdata.cn/problems/grant-suspended")));
    }

    @Test
    void aSuspensionByTheBureauBitesOnTheVeryNextCallDespiteTheGrantCache() throws Exception {
        String resourceId = resourceWithPerson();
        Grant grant = ExchangeFixtures.grant(mongo, resourceId, "HRSS", Grant.Kind.DATA, Grant.State.ACTIVE,
                List.of(NAME), List.of(), 0, 0);
        mvc.perform(record(resourceId, KEY).with(ExchangeFixtures.hrssSystem()).header("X-Purpose", "audit"))
                .andExpect(status().isOk());

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/sharing/grants/" + grant.id() + "/suspension")
                        .with(cn.govdata.platform.test.TestTokens.user("bureau", "BDB", "320100", "bureau-reviewer"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reasons\":\"批量爬取\"}"))
                .andExpect(status().isOk());

        mvc.perform(record(resourceId, KEY).with(ExchangeFixtures.hrssSystem()).header("X-Purpose", "audit"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://govdata.cn/problems/grant-suspended"));
    }

    @Test
    void anExpiredGrantIsRefusedAskingToApplyAgain() throws Exception {
        String resourceId = resourceWithPerson();
        ExchangeFixtures.grant(mongo, resourceId, "HRSS", Grant.Kind.DATA, Grant.State.ACTIVE, List.of(NAME), List.of(), 0, 0,
                Instant.now().minus(400, ChronoUnit.DAYS), Instant.now().minus(1, ChronoUnit.DAYS), "API");

        mvc.perform(record(resourceId, KEY).with(ExchangeFixtures.hrssSystem()).header("X-Purpose", "audit"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://govdata.cn/problems/grant-expired"))
                .andExpect(jsonPath("$.detail").value(containsString("apply again")));
    }

    @Test
    void aVerificationGrantCannotReadRecordsButVerifiesClaimsWithoutEverReturningValues() throws Exception {
        String resourceId = resourceWithPerson();
        Grant grant = ExchangeFixtures.grant(mongo, resourceId, "HRSS", Grant.Kind.VERIFICATION, Grant.State.ACTIVE,
                List.of(ID_NUMBER, NAME, PHONE, BIRTH_DATE), List.of(), 0, 0);

        mvc.perform(record(resourceId, KEY).with(ExchangeFixtures.hrssSystem()).header("X-Purpose", "check"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://govdata.cn/problems/verification-only"));

        mvc.perform(post("/api/exchange/" + resourceId + "/verify").with(ExchangeFixtures.hrssSystem())
                        .header("X-Purpose", ExchangeFixtures.purpose("就业补贴身份核验"))
                        .contentType(MediaType.APPLICATION_JSON)
                        // Full-width digits, a stray space and a lower-case letter still match.
                        .content("""
                                {"key":"%s","claims":{"姓名":" 张三 ","手机号码":"１３８１２３４５６７８","出生日期":"1991-01-01","公民身份号码":"110101199003071234"}}"""
                                .formatted(KEY)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.key").value(KEY))
                .andExpect(jsonPath("$.grantId").value(grant.id()))
                .andExpect(jsonPath("$.results['姓名']").value("MATCH"))
                .andExpect(jsonPath("$.results['手机号码']").value("MATCH"))
                .andExpect(jsonPath("$.results['出生日期']").value("NO_MATCH"))
                .andExpect(jsonPath("$.results['公民身份号码']").value("MATCH"))
                .andExpect(content().string(not(containsString("1990-03-07"))))
                .andExpect(content().string(not(containsString("南京市"))));

        mvc.perform(post("/api/exchange/" + resourceId + "/verify").with(ExchangeFixtures.hrssSystem())
                        .header("X-Purpose", "check").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"key\":\"%s\",\"claims\":{\"住址\":\"南京市玄武区中山路100号\"}}".formatted(KEY)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://govdata.cn/problems/items-not-granted"))
                .andExpect(jsonPath("$.detail").value(containsString("住址")));
    }

    @Test
    void aProviderWithoutTheRecordAnswers404AsAProblem() throws Exception {
        String resourceId = resourceWithPerson();
        ExchangeFixtures.grant(mongo, resourceId, "HRSS", Grant.Kind.DATA, Grant.State.ACTIVE, List.of(NAME), List.of(), 0, 0);
        PROVIDER.stubFor(get(urlPathEqualTo("/" + resourceId + "/people/320100000000000000"))
                .willReturn(aResponse().withStatus(404)));

        mvc.perform(record(resourceId, "320100000000000000").with(ExchangeFixtures.hrssSystem()).header("X-Purpose", "check"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://govdata.cn/problems/record-not-found"));
    }

    @Test
    void aQueryReturnsAPageOfGrantedMaskedRecordsAndRefusesFiltersOnItemsNotGranted() throws Exception {
        String resourceId = resourceWithPerson();
        ExchangeFixtures.grant(mongo, resourceId, "HRSS", Grant.Kind.DATA, Grant.State.ACTIVE,
                List.of(ID_NUMBER, NAME), List.of(), 0, 0);
        PROVIDER.stubFor(get(urlPathEqualTo("/" + resourceId + "/people")).willReturn(okJson("""
                {"total": 2, "items": [%s, %s]}""".formatted(
                ExchangeFixtures.person(KEY, "张三", "13812345678", "南京市玄武区中山路100号", "1990-03-07"),
                ExchangeFixtures.person("32010219851212345X", "李四", "13900001111", "南京市秦淮区夫子庙1号", "1985-12-12")))));

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/exchange/" + resourceId + "/records")
                        .param(NAME, "张三").param("page", "0").param("size", "10")
                        .with(ExchangeFixtures.hrssSystem()).header("X-Purpose", "check"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(2))
                .andExpect(jsonPath("$.records.length()").value(2))
                .andExpect(jsonPath("$.records[0].key").value("110101***********4"))
                .andExpect(jsonPath("$.records[0].data['姓名']").value("张*"))
                .andExpect(jsonPath("$.records[1].data['公民身份号码']").value("320102***********X"))
                .andExpect(jsonPath("$.records[1].data['手机号码']").doesNotExist());

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/exchange/" + resourceId + "/records")
                        .param(ADDRESS, "南京市玄武区中山路100号").with(ExchangeFixtures.hrssSystem()).header("X-Purpose", "check"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value(ADDRESS));
    }

    @Test
    void everySuccessfulCallProducesASchemaValidDataAccessedEventWithPurposeItemsCountAndGrant() throws Exception {
        String resourceId = resourceWithPerson();
        Grant grant = ExchangeFixtures.grant(mongo, resourceId, "HRSS", Grant.Kind.DATA, Grant.State.ACTIVE,
                List.of(ID_NUMBER, NAME, PHONE), List.of(NAME), 0, 0);
        String requestId = "req-" + UUID.randomUUID();

        mvc.perform(record(resourceId, KEY).with(ExchangeFixtures.hrssSystem()).header("X-Request-Id", requestId)
                        .header("X-Purpose", ExchangeFixtures.purpose("养老保险待遇资格认证")))
                .andExpect(status().isOk());

        var event = KafkaProbe.awaitRecord(brokers, Topics.EXCHANGE, Duration.ofSeconds(20),
                r -> r.value().contains(requestId));
        SchemaAssertions.assertConforms(ExchangeEventTypes.DATA_ACCESSED, event.value());
        assertThat(KafkaProbe.header(event, "ce_type")).contains(ExchangeEventTypes.DATA_ACCESSED.type());
        assertThat(KafkaProbe.header(event, "ce_department")).contains("HRSS");
        JsonNode body = json.readTree(event.value());
        assertThat(body.get("purpose").asString()).isEqualTo("养老保险待遇资格认证");
        assertThat(body.get("clientId").asString()).isEqualTo("hrss-system");
        assertThat(body.get("consumerDepartment").asString()).isEqualTo("HRSS");
        assertThat(body.get("providerDepartment").asString()).isEqualTo("PSB");
        assertThat(body.get("grantId").asString()).isEqualTo(grant.id());
        assertThat(body.get("approvedBy").asString()).isEqualTo("psb-approver");
        assertThat(body.get("recordCount").asInt()).isEqualTo(1);
        assertThat(body.get("channel").asString()).isEqualTo("RECORD");
        assertThat(body.get("operation").asString()).isEqualTo("GET /api/exchange/{resourceId}/records/{key}");
        assertThat(json.convertValue(body.get("items"), List.class)).containsExactly(ID_NUMBER, NAME, PHONE);
        assertThat(json.convertValue(body.get("maskedItems"), List.class)).containsExactly(ID_NUMBER, PHONE);
        assertThat(event.value()).doesNotContain(KEY).doesNotContain("张三");

        // The relayed batch leaves access_log for the archive, so the relay's scan stays short; the grant was used.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            // The record key stays in the exchange's own log, never in the event.
            assertThat(mongo.count(Query.query(Criteria.where("accesses.accessId").is(body.get("accessId").asString())
                    .and("accesses.recordKeys").is(KEY)), AccessLog.ARCHIVE)).isEqualTo(1);
            assertThat(mongo.findById(grant.id(), Grant.class, Grants.COLLECTION).lastUsedAt()).isNotNull();
        });
    }

    @Test
    void callsAreCountedByKnownResourceAndOutcomeWithTheProviderBreakerMetricsAlongside() throws Exception {
        String resourceId = resourceWithPerson();
        ExchangeFixtures.grant(mongo, resourceId, "HRSS", Grant.Kind.DATA, Grant.State.ACTIVE, List.of(NAME), List.of(), 0, 0);

        mvc.perform(record(resourceId, KEY).with(ExchangeFixtures.hrssSystem()).header("X-Purpose", "audit"))
                .andExpect(status().isOk());
        mvc.perform(record(resourceId, KEY).with(ExchangeFixtures.hrssSystem())).andExpect(status().isBadRequest());
        mvc.perform(record("no-such-" + UUID.randomUUID(), KEY).with(ExchangeFixtures.hrssSystem()).header("X-Purpose", "audit"))
                .andExpect(status().isNotFound());

        assertThat(meters.get("exchange_calls").tags("resource", resourceId, "outcome", "ok").counter().count()).isEqualTo(1);
        assertThat(meters.get("exchange_calls").tags("resource", resourceId, "outcome", "denied").counter().count()).isEqualTo(1);
        // Path input never becomes a label value.
        assertThat(meters.get("exchange_calls").tags("resource", "unknown", "outcome", "denied").counter().count()).isPositive();
        assertThat(meters.get("exchange_latency").tags("resource", resourceId, "outcome", "ok").timer().count()).isEqualTo(1);
        assertThat(meters.get("resilience4j.circuitbreaker.state").tags("name", "provider-" + resourceId).gauges()).isNotEmpty();
    }
}
