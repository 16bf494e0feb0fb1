package cn.govdata.sharing.correction;

import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.ObjectionEventTypes;
import cn.govdata.events.SharingEventTypes;
import cn.govdata.events.Topics;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.sharing.exchange.ExchangeFixtures;
import cn.govdata.sharing.grant.Grant;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static cn.govdata.sharing.exchange.ExchangeFixtures.ADDRESS;
import static cn.govdata.sharing.exchange.ExchangeFixtures.ID_NUMBER;
import static cn.govdata.sharing.exchange.ExchangeFixtures.NAME;
import static org.assertj.core.api.Assertions.assertThat;

@PlatformIntegrationTest
class CorrectionNoticeTest {

    private static final String KEY = "320102198512123456";
    private static final List<String> ITEMS = List.of(ID_NUMBER, NAME, ADDRESS);

    @Autowired
    MongoTemplate mongo;
    @Autowired
    cn.govdata.privacy.Pseudonyms pseudonyms;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyActiveGrantHolderOnTheResourceIsToldOnceOfACorrectionAndNobodyElseIs() {
        String resourceId = ExchangeFixtures.uniqueResourceId();
        String otherResourceId = ExchangeFixtures.uniqueResourceId();
        Grant hrss = grant(resourceId, "HRSS", Grant.State.ACTIVE);
        Grant civilAffairs = grant(resourceId, "CAB", Grant.State.ACTIVE);
        Grant suspended = grant(resourceId, "AMR", Grant.State.SUSPENDED);
        Grant revoked = grant(resourceId, "EDU", Grant.State.REVOKED);
        Grant ranOut = ExchangeFixtures.grant(mongo, resourceId, "HEALTH", Grant.Kind.DATA, Grant.State.ACTIVE, ITEMS,
                List.of(), 0, 0, Instant.now().minus(30, ChronoUnit.DAYS), Instant.now().minus(1, ChronoUnit.DAYS), "API");
        Grant elsewhere = grant(otherResourceId, "TAX", Grant.State.ACTIVE);

        String caseId = "OBJ-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        String corrected = corrected(caseId, resourceId);
        KafkaProbe.send(brokers, Topics.OBJECTION, caseId, corrected, headers(eventId, caseId));
        KafkaProbe.send(brokers, Topics.OBJECTION, caseId, corrected, headers(eventId, caseId)); // redelivered

        var told = KafkaProbe.awaitRecord(brokers, Topics.SHARING, Duration.ofSeconds(30), r -> isNotice(r, caseId, hrss.id()));
        assertThat(told.key()).isEqualTo(hrss.id());
        assertThat(KafkaProbe.header(told, CloudEventHeaders.TYPE)).contains(SharingEventTypes.CORRECTION_NOTIFIED.type());
        assertThat(KafkaProbe.header(told, CloudEventHeaders.DEPARTMENT)).contains("HRSS");
        assertThat(KafkaProbe.header(told, CloudEventHeaders.SUBJECT)).contains(hrss.id());
        JsonNode body = json.readTree(told.value());
        assertThat(body.get("resourceId").asString()).isEqualTo(resourceId);
        assertThat(body.get("recordPseudonym").asString()).isEqualTo(pseudonyms.of(resourceId, KEY));
        assertThat(told.value()).doesNotContain(KEY);
        assertThat(body.get("correctedFields").values()).extracting(JsonNode::asString).containsExactly(ADDRESS);
        assertThat(body.get("caseTrackingNumber").asString()).isEqualTo(caseId);
        assertThat(body.get("consumerDepartment").asString()).isEqualTo("HRSS");
        assertThat(body.get("correctedAt").asString()).isEqualTo("2026-11-25T02:00:00Z");
        // Exactly the published contract: nothing about the objector rides along.
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("grantId", "resourceId", "providerDepartment",
                "consumerDepartment", "recordPseudonym", "correctedFields", "caseTrackingNumber", "correctedAt", "notifiedAt");

        // A crash after the notices were written but before the inbox marker: the redelivery is handled again.
        mongo.remove(Query.query(Criteria.where("_id").is(CorrectionFollower.CONSUMER + "|" + eventId)), "processed_events");
        KafkaProbe.send(brokers, Topics.OBJECTION, caseId, corrected, headers(eventId, caseId));
        // A later correction on the same partition marks the point by which all the above was handled.
        String laterCase = "OBJ-" + UUID.randomUUID();
        KafkaProbe.send(brokers, Topics.OBJECTION, laterCase, corrected(laterCase, resourceId),
                headers(UUID.randomUUID().toString(), laterCase));
        KafkaProbe.awaitRecord(brokers, Topics.SHARING, Duration.ofSeconds(30), r -> isNotice(r, laterCase, hrss.id()));

        List<JsonNode> notices = notices(resourceId, otherResourceId, caseId);
        assertThat(notices).extracting(n -> n.get("grantId").asString())
                .containsExactlyInAnyOrder(hrss.id(), civilAffairs.id())
                .doesNotContain(suspended.id(), revoked.id(), ranOut.id(), elsewhere.id());
        assertThat(mongo.count(Query.query(Criteria.where("caseId").is(caseId)), CorrectionNotice.class)).isEqualTo(2);
    }

    private Grant grant(String resourceId, String consumer, Grant.State state) {
        return ExchangeFixtures.grant(mongo, resourceId, consumer, Grant.Kind.DATA, state, ITEMS, List.of(), 0, 0);
    }

    private String corrected(String caseId, String resourceId) {
        return """
                {"caseId":"%s","resourceId":"%s","providerDepartment":"PSB","recordPseudonym":"%s","correctedFields":["住址"],
                 "correctedAt":"2026-11-25T02:00:00Z"}""".formatted(caseId, resourceId, pseudonyms.of(resourceId, KEY));
    }

    private boolean isNotice(ConsumerRecord<String, String> record, String caseId, String grantId) {
        return KafkaProbe.header(record, CloudEventHeaders.TYPE).filter(SharingEventTypes.CORRECTION_NOTIFIED.type()::equals)
                .isPresent() && record.value().contains(caseId) && grantId.equals(record.key());
    }

    /** Every correction notice on the topic for either resource and the case, read from the beginning. */
    private List<JsonNode> notices(String resourceId, String otherResourceId, String caseId) {
        List<JsonNode> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.SHARING));
            Instant quietUntil = Instant.now().plusSeconds(3);
            while (Instant.now().isBefore(quietUntil)) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    quietUntil = Instant.now().plusSeconds(2);
                    if (!SharingEventTypes.CORRECTION_NOTIFIED.type().equals(
                            KafkaProbe.header(record, CloudEventHeaders.TYPE).orElse(null))) {
                        continue;
                    }
                    JsonNode body = json.readTree(record.value());
                    if (Set.of(resourceId, otherResourceId).contains(body.get("resourceId").asString())
                            && caseId.equals(body.get("caseTrackingNumber").asString())) {
                        found.add(body);
                    }
                }
            }
        }
        return found;
    }

    private static Map<String, String> headers(String eventId, String caseId) {
        return Map.of(CloudEventHeaders.ID, eventId,
                CloudEventHeaders.TYPE, ObjectionEventTypes.DATA_CORRECTED.type(), CloudEventHeaders.SOURCE,
                "/govdata/objection-service", CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.TIME, "2026-11-25T02:00:00Z", CloudEventHeaders.SUBJECT, caseId);
    }
}
