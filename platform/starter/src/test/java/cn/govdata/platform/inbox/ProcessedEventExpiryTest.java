package cn.govdata.platform.inbox;

import cn.govdata.platform.deadline.StarterTestApplication;
import cn.govdata.platform.test.InMemoryWireStore;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.time.OffsetClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@PlatformIntegrationTest
@ContextConfiguration(classes = StarterTestApplication.class, initializers = InMemoryWireStore.class)
@TestPropertySource(properties = StarterTestApplication.ADJUSTABLE_TIME)
class ProcessedEventExpiryTest {

    @Autowired
    IdempotentConsumer consumer;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    OffsetClock clock;

    @Test
    void markers_older_than_the_retention_are_deleted_and_recent_ones_still_stop_duplicates() {
        String consumerName = "expiry-test-" + UUID.randomUUID();
        InboundEvent old = event();
        InboundEvent recent = event();
        // Written as the consumer would have eight days ago, past the default retention of seven.
        mongo.insert(new IdempotentConsumer.ProcessedEvent(consumerName + "|" + old.id(), consumerName, old.id(), old.type(),
                clock.instant().minus(Duration.ofDays(8))), IdempotentConsumer.COLLECTION);
        consumer.handleOnce(consumerName, recent, e -> { });

        long deleted = consumer.purgeExpired();

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(mongo.exists(Query.query(Criteria.where("_id").is(consumerName + "|" + old.id())), IdempotentConsumer.COLLECTION)).isFalse();
        assertThat(consumer.handleOnce(consumerName, recent, e -> { })).isFalse();
        assertThat(mongo.getCollection(IdempotentConsumer.COLLECTION).listIndexes().into(new java.util.ArrayList<>()))
                .anySatisfy(index -> assertThat(index.get("key", org.bson.Document.class)).containsOnlyKeys("processedAt"));
    }

    private static InboundEvent event() {
        return new InboundEvent(UUID.randomUUID().toString(), "test.expired", "/test", "s", Instant.now(), null, null, "t", "{}");
    }
}
