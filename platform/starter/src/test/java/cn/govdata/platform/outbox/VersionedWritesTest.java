package cn.govdata.platform.outbox;

import cn.govdata.platform.deadline.StarterTestApplication;
import cn.govdata.platform.test.InMemoryWireStore;
import cn.govdata.platform.test.PlatformIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@PlatformIntegrationTest
@ContextConfiguration(classes = StarterTestApplication.class, initializers = InMemoryWireStore.class)
@TestPropertySource(properties = StarterTestApplication.ADJUSTABLE_TIME)
class VersionedWritesTest {

    /** Not an outbox collection of the test service, so only this test moves its messages. */
    @Document("versioned_test")
    record Thing(@Id String id, String name, @Version Long version, List<OutboxMessage> outbox) {
    }

    @Autowired
    MongoTemplate mongo;

    @Test
    void a_change_appends_its_events_without_bringing_back_one_the_relay_removed_after_the_load() {
        String id = "thing-" + UUID.randomUUID();
        mongo.insert(new Thing(id, "first", null, List.of(message("e1", id))));
        Thing loaded = mongo.findById(id, Thing.class);
        // The relay acknowledges e1 and pulls it between the load and the write (by collection name,
        // as the relay does, so the version stays: removing a sent event is no change of state).
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
                new Update().pull("outbox", new org.bson.Document("eventId", "e1")), "versioned_test");

        boolean written = new VersionedWrites(mongo).update(id, loaded.version(), new Thing(id, "second", loaded.version(), List.of()),
                List.of(message("e2", id)), Set.of());

        Thing after = mongo.findById(id, Thing.class);
        assertThat(written).isTrue();
        assertThat(after.name()).isEqualTo("second");
        assertThat(after.version()).isEqualTo(loaded.version() + 1);
        assertThat(after.outbox()).extracting(OutboxMessage::eventId).containsExactly("e2");
    }

    @Test
    void a_change_made_from_a_stale_read_is_refused_and_changes_nothing() {
        String id = "thing-" + UUID.randomUUID();
        mongo.insert(new Thing(id, "first", null, List.of()));
        Thing loaded = mongo.findById(id, Thing.class);
        var writes = new VersionedWrites(mongo);
        assertThat(writes.update(id, loaded.version(), new Thing(id, "winner", loaded.version(), List.of()), List.of(), Set.of())).isTrue();

        boolean lost = writes.update(id, loaded.version(), new Thing(id, "loser", loaded.version(), List.of()),
                List.of(message("e3", id)), Set.of());

        assertThat(lost).isFalse();
        Thing after = mongo.findById(id, Thing.class);
        assertThat(after.name()).isEqualTo("winner");
        assertThat(after.outbox()).isEmpty();
    }

    private static OutboxMessage message(String eventId, String key) {
        return new OutboxMessage(eventId, "t", key, "test.changed", "/test", key, null, null, Instant.now(), null, "{}");
    }
}
