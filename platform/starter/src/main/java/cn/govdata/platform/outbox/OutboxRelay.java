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
import org.springframework.data.mongodb.core.MongoTemplate;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, String> kafka;
    private final List<OutboxCollection> collections;
    private final OutboxProperties properties;
    private final AtomicLong pending = new AtomicLong();
    private final Counter published;
    private final Counter failures;
    private ScheduledExecutorService executor;
    private volatile boolean running;

    public OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, String> kafka, List<OutboxCollection> collections,
                       OutboxProperties properties, MeterRegistry meters) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.collections = collections;
        this.properties = properties;
        Gauge.builder("outbox_pending", pending, AtomicLong::get)
                .description("Events written with their state change but not yet acknowledged by Kafka")
                .register(meters);
        this.published = Counter.builder("outbox_published").description("Events relayed to Kafka").register(meters);
        this.failures = Counter.builder("outbox_publish_failures").description("Relay attempts that failed and will be retried")
                .register(meters);
    }

    /** Drains every registered collection once; returns how many messages were published. */
    public int drain() {
        int sent = 0;
        long stillPending = 0;
        for (OutboxCollection collection : collections) {
            Query withPending = new Query(Criteria.where("outbox.0").exists(true)).limit(properties.batchSize());
            List<Document> documents = mongo.find(withPending, Document.class, collection.name());
            if (documents.isEmpty()) {
                continue;
            }
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
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        long period = properties.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                drain();
            } catch (RuntimeException e) {
                log.warn("Outbox poll failed; retrying in {} ms: {}", period, e.toString());
            }
        }, period, period, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
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
