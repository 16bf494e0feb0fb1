package cn.govdata.platform.outbox;

import cn.govdata.events.CloudEventHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes outbox messages to Kafka and removes each one from its document only after the broker
 * acknowledged it. A crash between the two re-sends the message on the next poll: delivery is at
 * least once and consumers deduplicate by {@code ce_id}. Two replicas polling the same collection
 * likewise produce harmless duplicates rather than losses.
 */
public final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** Present exactly while a document's outbox holds a message; the poll's sparse index is on it. */
    static final String PENDING_KEY = "outbox.eventId";

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, String> kafka;
    private final List<OutboxCollection> collections;
    private final OutboxProperties properties;
    private final AtomicLong pending = new AtomicLong();
    private final Counter published;
    private final Counter failures;
    private final Object signal = new Object();
    private boolean nudged;
    private volatile boolean indexed;
    private volatile boolean lastDrainLeftWork;
    private Thread worker;
    private volatile boolean running;

    public OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, String> kafka, List<OutboxCollection> collections,
                       OutboxProperties properties, MeterRegistry meters) {
        this(mongo, kafka, collections, properties, meters, new OutboxNudges());
    }

    public OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, String> kafka, List<OutboxCollection> collections,
                       OutboxProperties properties, MeterRegistry meters, OutboxNudges nudges) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.collections = collections;
        this.properties = properties;
        nudges.wake(this::nudge);
        Gauge.builder("outbox_pending", pending, AtomicLong::get)
                .description("Events written with their state change but not yet acknowledged by Kafka")
                .register(meters);
        this.published = Counter.builder("outbox_published").description("Events relayed to Kafka").register(meters);
        this.failures = Counter.builder("outbox_publish_failures").description("Relay attempts that failed and will be retried")
                .register(meters);
    }

    /**
     * Declares, on every outbox collection, the sparse index the poll reads: a document is in it
     * only while its outbox holds a message, so a poll costs the pending events, not the history.
     */
    public void ensureIndexes() {
        if (indexed) {
            return;
        }
        for (OutboxCollection collection : collections) {
            mongo.indexOps(collection.name()).createIndex(new Index().on(PENDING_KEY, Sort.Direction.ASC).sparse().named("outbox_pending"));
        }
        indexed = true;
    }

    /**
     * Wakes the relay now: a writer has committed a document with outbox messages. Only a hint; the
     * idle poll still finds what other replicas (or a crash) left behind.
     */
    public void nudge() {
        synchronized (signal) {
            nudged = true;
            signal.notifyAll();
        }
    }

    /** Drains every registered collection once; returns how many messages were published. */
    public int drain() {
        // Declared with the first poll rather than at start-up, so a service starts while its store is away.
        ensureIndexes();
        int sent = 0;
        long stillPending = 0;
        boolean fullBatch = false;
        for (OutboxCollection collection : collections) {
            Query withPending = new Query(Criteria.where(PENDING_KEY).exists(true)).limit(properties.batchSize());
            List<Document> documents = mongo.find(withPending, Document.class, collection.name());
            if (documents.isEmpty()) {
                continue;
            }
            fullBatch |= documents.size() >= properties.batchSize();
            // Every message of the poll goes out at once, so the producer batches them into a few
            // requests; waiting for each acknowledgement in turn cost a broker round trip and a
            // produce request per event, which capped the exchange's access events near 100/s.
            List<List<CompletableFuture<?>>> sends = new ArrayList<>();
            for (Document document : documents) {
                List<CompletableFuture<?>> ofDocument = new ArrayList<>();
                for (Document message : document.getList("outbox", Document.class, List.of())) {
                    ofDocument.add(send(message));
                }
                sends.add(ofDocument);
            }
            long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
            BulkOperations removals = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection.name());
            int removable = 0;
            for (int d = 0; d < documents.size(); d++) {
                Document document = documents.get(d);
                List<Document> messages = document.getList("outbox", Document.class, List.of());
                List<String> acknowledged = new ArrayList<>();
                // Only the acknowledged prefix leaves the outbox: a message after a failed one is
                // sent again with it next time (a duplicate consumers drop), never ahead of it.
                for (int m = 0; m < messages.size(); m++) {
                    if (!acknowledged(sends.get(d).get(m), messages.get(m), deadline)) {
                        stillPending += messages.size() - m;
                        break;
                    }
                    acknowledged.add(messages.get(m).getString("eventId"));
                }
                if (!acknowledged.isEmpty()) {
                    removals.updateOne(Query.query(Criteria.where("_id").is(document.get("_id"))),
                            new Update().pull("outbox", new Document("eventId", new Document("$in", acknowledged))));
                    removable++;
                    sent += acknowledged.size();
                }
            }
            if (removable > 0) {
                removals.execute();
            }
        }
        pending.set(stillPending);
        // A full batch that went out means more may be waiting: go again at once rather than sleep.
        lastDrainLeftWork = fullBatch && stillPending == 0;
        return sent;
    }

    private CompletableFuture<?> send(Document message) {
        ProducerRecord<String, String> record = new ProducerRecord<>(message.getString("topic"), message.getString("key"),
                message.getString("payload"));
        header(record, CloudEventHeaders.ID, message.getString("eventId"));
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(record, CloudEventHeaders.TYPE, message.getString("type"));
        header(record, CloudEventHeaders.SOURCE, message.getString("source"));
        header(record, CloudEventHeaders.SUBJECT, message.getString("subject"));
        header(record, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(message.get("time", Date.class).toInstant()));
        header(record, CloudEventHeaders.DATA_SCHEMA, message.getString("dataSchema"));
        header(record, CloudEventHeaders.DEPARTMENT, message.getString("department"));
        header(record, CloudEventHeaders.REGION, message.getString("region"));
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        try {
            return kafka.send(record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private boolean acknowledged(CompletableFuture<?> send, Document message, long deadlineNanos) {
        try {
            send.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            published.increment();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            failures.increment();
            log.warn("Relaying event {} to {} failed; it stays in the outbox and is retried: {}",
                    message.getString("eventId"), message.getString("topic"), e.toString());
            return false;
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        if (value != null) {
            record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::relay, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Drains, then waits for a nudge or the poll interval. Each empty poll doubles the wait up to
     * {@code idlePollInterval}; a nudge or published events bring it back to {@code pollInterval}.
     * Failed sends back off like empty polls, so a broker outage is not a busy loop.
     */
    private void relay() {
        long interval = properties.pollInterval().toMillis();
        long idleCap = Math.max(interval, properties.idlePollInterval().toMillis());
        while (running) {
            int sent = 0;
            try {
                sent = drain();
            } catch (RuntimeException e) {
                log.warn("Outbox poll failed; retrying in {} ms: {}", interval, e.toString());
            }
            if (!running) {
                return;
            }
            if (sent > 0 && lastDrainLeftWork) {
                continue;
            }
            boolean wasNudged = await(interval);
            interval = wasNudged || sent > 0 ? properties.pollInterval().toMillis() : Math.min(idleCap, interval * 2);
        }
    }

    private boolean await(long millis) {
        long until = System.currentTimeMillis() + millis;
        synchronized (signal) {
            try {
                while (!nudged && running) {
                    long left = until - System.currentTimeMillis();
                    if (left <= 0) {
                        break;
                    }
                    signal.wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
            boolean was = nudged;
            nudged = false;
            return was;
        }
    }

    @Override
    public void stop() {
        running = false;
        nudge();
        if (worker != null) {
            try {
                worker.join(properties.sendTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
