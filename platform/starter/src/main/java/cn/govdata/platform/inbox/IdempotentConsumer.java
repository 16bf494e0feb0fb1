package cn.govdata.platform.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a handler at most once per (consumer, event id) as far as this service's database knows.
 * The marker is written after the handler succeeds, so a crash in between re-runs the handler on
 * redelivery: handlers must tolerate that (upserts, inserts keyed by the event id).
 *
 * <p>Markers are kept for {@link InboxProperties#retention()} and then deleted by an indexed range
 * delete on {@code processedAt}, so the collection holds about one retention's worth of traffic
 * instead of growing with the service's whole history.
 */
public final class IdempotentConsumer implements SmartLifecycle {

    static final String COLLECTION = "processed_events";

    private static final Logger log = LoggerFactory.getLogger(IdempotentConsumer.class);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final MeterRegistry meters;
    private final InboxProperties properties;
    private ScheduledExecutorService purger;
    private volatile boolean indexed;

    public IdempotentConsumer(MongoTemplate mongo, Clock clock, MeterRegistry meters) {
        this(mongo, clock, meters, new InboxProperties(null, null));
    }

    public IdempotentConsumer(MongoTemplate mongo, Clock clock, MeterRegistry meters, InboxProperties properties) {
        this.mongo = mongo;
        this.clock = clock;
        this.meters = meters;
        this.properties = properties;
    }

    /**
     * Deletes the markers older than the retention.
     *
     * @return how many were deleted
     */
    public long purgeExpired() {
        ensureIndexes();
        Instant cutoff = clock.instant().minus(properties.retention());
        long deleted = mongo.remove(Query.query(Criteria.where("processedAt").lt(cutoff)), COLLECTION).getDeletedCount();
        if (deleted > 0) {
            meters.counter("events_markers_expired").increment(deleted);
        }
        return deleted;
    }

    private void ensureIndexes() {
        if (!indexed) {
            mongo.indexOps(COLLECTION).createIndex(new Index().on("processedAt", Sort.Direction.ASC).named("processed_at"));
            indexed = true;
        }
    }

    @Override
    public void start() {
        purger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "processed-events-purge");
            thread.setDaemon(true);
            return thread;
        });
        long period = properties.purgeInterval().toMillis();
        purger.scheduleWithFixedDelay(() -> {
            try {
                purgeExpired();
            } catch (RuntimeException e) {
                log.warn("Purging expired processed-event markers failed; retrying in {} ms: {}", period, e.toString());
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (purger != null) {
            purger.shutdownNow();
            purger = null;
        }
    }

    @Override
    public boolean isRunning() {
        return purger != null;
    }

    /** @return true when the handler ran, false when the event had been processed before */
    public boolean handleOnce(String consumer, InboundEvent event, Consumer<InboundEvent> handler) {
        String key = consumer + "|" + event.id();
        if (mongo.exists(Query.query(Criteria.where("_id").is(key)), COLLECTION)) {
            meters.counter("events_duplicates_skipped", "consumer", consumer).increment();
            return false;
        }
        handler.accept(event);
        ensureIndexes();
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
