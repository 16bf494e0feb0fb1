package cn.govdata.sharing.dispute;

import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.ObjectionEventTypes;
import cn.govdata.events.Topics;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.sharing.exchange.ExchangeFixtures;
import cn.govdata.sharing.grant.Grant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static cn.govdata.sharing.exchange.ExchangeFixtures.ADDRESS;
import static cn.govdata.sharing.exchange.ExchangeFixtures.ID_NUMBER;
import static cn.govdata.sharing.exchange.ExchangeFixtures.NAME;
import static cn.govdata.sharing.exchange.ExchangeFixtures.PROVIDER;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
class DisputedRecordFlagTest {

    private static final String KEY = "320102198512123456";

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    cn.govdata.privacy.Pseudonyms pseudonyms;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void aRecordIsFlaggedAfterDataDisputedAndUnflaggedAfterDisputeResolved() throws Exception {
        String resourceId = ExchangeFixtures.uniqueResourceId();
        ExchangeFixtures.peopleResource(mongo, resourceId);
        PROVIDER.stubFor(get(urlPathEqualTo("/" + resourceId + "/people/" + KEY)).willReturn(okJson(
                ExchangeFixtures.person(KEY, "李四", "13900001111", "南京市秦淮区夫子庙1号", "1985-12-12"))));
        ExchangeFixtures.registerPeopleApi(mvc, resourceId, "2s");
        ExchangeFixtures.grant(mongo, resourceId, "HRSS", Grant.Kind.DATA, Grant.State.ACTIVE, List.of(ID_NUMBER, NAME, ADDRESS),
                List.of(), 0, 0);
        var lookup = org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/api/exchange/" + resourceId + "/records/" + KEY);
        mvc.perform(lookup.with(ExchangeFixtures.hrssSystem()).header("X-Purpose", "check"))
                .andExpect(jsonPath("$.records[0].disputed").value(false));

        String caseId = "OBJ-" + UUID.randomUUID();
        String disputed = """
                {"caseId":"%s","resourceId":"%s","providerDepartment":"PSB","recordPseudonym":"%s","fields":["住址","出生日期"],
                 "reason":"ERROR","markedAt":"2026-11-20T02:00:00Z"}""".formatted(caseId, resourceId, pseudonyms.of(resourceId, KEY));
        // The event names the record only by its keyed pseudonym; the exchange, asked by key, finds it.
        assertThat(disputed).doesNotContain(KEY);
        Map<String, String> headers = headers(ObjectionEventTypes.DATA_DISPUTED.type(), caseId);
        KafkaProbe.send(brokers, Topics.OBJECTION, caseId, disputed, headers);
        KafkaProbe.send(brokers, Topics.OBJECTION, caseId, disputed, headers); // redelivered: applied once

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                                .get("/api/exchange/" + resourceId + "/records/" + KEY)
                                .with(ExchangeFixtures.hrssSystem()).header("X-Purpose", "check"))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.records[0].disputed").value(true))
                        // Only the disputed fields this consumer receives are named.
                        .andExpect(jsonPath("$.records[0].disputedFields").value(org.hamcrest.Matchers.contains(ADDRESS))));

        String resolved = """
                {"caseId":"%s","resourceId":"%s","providerDepartment":"PSB","recordPseudonym":"%s","outcome":"CORRECTED",
                 "resolvedAt":"2026-11-25T02:00:00Z"}""".formatted(caseId, resourceId, pseudonyms.of(resourceId, KEY));
        KafkaProbe.send(brokers, Topics.OBJECTION, caseId, resolved, headers(ObjectionEventTypes.DISPUTE_RESOLVED.type(), caseId));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                                .get("/api/exchange/" + resourceId + "/records/" + KEY)
                                .with(ExchangeFixtures.hrssSystem()).header("X-Purpose", "check"))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.records[0].disputed").value(false))
                        .andExpect(jsonPath("$.records[0].disputedFields").isEmpty()));
    }

    private static Map<String, String> headers(String type, String caseId) {
        return Map.of(CloudEventHeaders.ID, UUID.nameUUIDFromBytes((type + caseId).getBytes()).toString(),
                CloudEventHeaders.TYPE, type, CloudEventHeaders.SOURCE, "/govdata/objection-service",
                CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.TIME, "2026-11-20T02:00:00Z",
                CloudEventHeaders.SUBJECT, caseId);
    }
}
