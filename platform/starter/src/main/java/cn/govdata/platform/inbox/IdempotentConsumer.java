package cn.govdata.platform.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Runs a handler at most once per (consumer, event id) as far as this service's database knows.
 * The marker is written after the handler succeeds, so a crash in between re-runs the handler on
 * redelivery: handlers must tolerate that (upserts, inserts keyed by the event id).
 */
public final class IdempotentConsumer {

    static final String COLLECTION = "processed_events";

    private final MongoTemplate mongo;
    private final Clock clock;
    private final MeterRegistry meters;

    public IdempotentConsumer(MongoTemplate mongo, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.clock = clock;
        this.meters = meters;
    }

    /** @return true when the handler ran, false when the event had been processed before */
    public boolean handleOnce(String consumer, InboundEvent event, Consumer<InboundEvent> handler) {
        String key = consumer + "|" + event.id();
        if (mongo.exists(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(key)), COLLECTION)) {
            meters.counter("events_duplicates_skipped", "consumer", consumer).increment();
            return false;
        }
        handler.accept(event);
        try {
            mongo.insert(new ProcessedEvent(key, consumer, event.id(), event.type(), clock.instant()), COLLECTION);
        } catch (DuplicateKeyException raced) {
            // Another replica finished the same event first; both runs were idempotent by contract.
        }
        meters.counter("events_consumed", "consumer", consumer, "type", event.type()).increment();
        return true;
    }

    record ProcessedEvent(String id, String consumer, String eventId, String type, Instant processedAt) {
    }
}
