package cn.govdata.platform.outbox;

import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.Topics;
import cn.govdata.platform.deadline.StarterTestApplication;
import cn.govdata.platform.test.InMemoryWireStore;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.PlatformIntegrationTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@PlatformIntegrationTest
@ContextConfiguration(classes = StarterTestApplication.class, initializers = InMemoryWireStore.class)
@TestPropertySource(properties = StarterTestApplication.ADJUSTABLE_TIME)
class OutboxRelayTest {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    EmbeddedKafkaBroker embeddedKafka;

    @Test
    void every_outbox_collection_gets_a_sparse_index_on_its_pending_messages() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                mongo.getCollection(StarterTestApplication.RELAY_TEST_COLLECTION).listIndexes().into(new java.util.ArrayList<>()))
                .anySatisfy(index -> {
                    assertThat(index.get("key", Document.class)).containsOnlyKeys(OutboxRelay.PENDING_KEY);
                    assertThat(index.getBoolean("sparse")).isTrue();
                }));
    }

    @Test
    void a_pending_message_is_relayed_and_leaves_its_document_while_documents_without_messages_are_left_alone() {
        String eventId = UUID.randomUUID().toString();
        String id = "agg-" + UUID.randomUUID();
        mongo.insert(new Document("_id", "quiet-" + UUID.randomUUID()).append("outbox", List.of()), StarterTestApplication.RELAY_TEST_COLLECTION);
        mongo.insert(new Document("_id", id).append("state", "x").append("outbox", List.of(message(eventId, id))),
                StarterTestApplication.RELAY_TEST_COLLECTION);

        var record = KafkaProbe.awaitRecord(embeddedKafka.getBrokersAsString(), Topics.DEADLINES, Duration.ofSeconds(20),
                r -> KafkaProbe.header(r, CloudEventHeaders.ID).orElse("").equals(eventId));

        assertThat(record.key()).isEqualTo(id);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                mongo.findById(id, Document.class, StarterTestApplication.RELAY_TEST_COLLECTION).getList("outbox", Document.class))
                .isEmpty());
    }

    @Test
    void a_nudge_wakes_an_idle_relay_long_before_its_next_poll() {
        String collection = "relay_nudge_test";
        var slow = new OutboxProperties(Duration.ofMinutes(5), Duration.ofMinutes(5), 100, Duration.ofSeconds(10));
        var relay = new OutboxRelay(mongo, kafka, List.of(new OutboxCollection(collection)), slow, new SimpleMeterRegistry());
        relay.start();
        try {
            // Its first poll runs at once and finds nothing; the next one would come in five minutes.
            await().atMost(Duration.ofSeconds(10)).until(() -> mongo.getCollection(collection).listIndexes()
                    .into(new java.util.ArrayList<>()).size() == 2);
            String eventId = UUID.randomUUID().toString();
            mongo.insert(new Document("_id", "nudged").append("outbox", List.of(message(eventId, "nudged"))), collection);

            relay.nudge();

            KafkaProbe.awaitRecord(embeddedKafka.getBrokersAsString(), Topics.DEADLINES, Duration.ofSeconds(30),
                    r -> KafkaProbe.header(r, CloudEventHeaders.ID).orElse("").equals(eventId));
        } finally {
            relay.stop();
        }
    }

    @Test
    void a_write_that_queues_messages_is_recognised_as_a_nudge_and_the_relays_own_removal_is_not() {
        var push = new org.bson.BsonDocument("update", new org.bson.BsonString("c")).append("updates", new org.bson.BsonArray(List.of(
                org.bson.BsonDocument.parse("{q: {_id: 1}, u: {$push: {outbox: {eventId: 'e'}}, $set: {v: 2}}}"))));
        var pull = new org.bson.BsonDocument("update", new org.bson.BsonString("c")).append("updates", new org.bson.BsonArray(List.of(
                org.bson.BsonDocument.parse("{q: {_id: 1}, u: {$pull: {outbox: {eventId: {$in: ['e']}}}}}"))));
        var save = org.bson.BsonDocument.parse("{insert: 'c', documents: [{_id: 1, outbox: [{eventId: 'e'}]}]}");
        var plain = org.bson.BsonDocument.parse("{insert: 'c', documents: [{_id: 1, outbox: []}]}");

        assertThat(OutboxNudges.carriesOutboxMessages("update", push)).isTrue();
        assertThat(OutboxNudges.carriesOutboxMessages("insert", save)).isTrue();
        assertThat(OutboxNudges.carriesOutboxMessages("update", pull)).isFalse();
        assertThat(OutboxNudges.carriesOutboxMessages("insert", plain)).isFalse();
    }

    private static Document message(String eventId, String key) {
        return new Document("eventId", eventId).append("topic", Topics.DEADLINES).append("key", key).append("type", "test.relayed")
                .append("source", "/govdata/starter-test").append("subject", key).append("time", Date.from(Instant.now()))
                .append("payload", "{}");
    }
}
