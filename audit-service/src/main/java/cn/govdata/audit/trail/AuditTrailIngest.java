package cn.govdata.audit.trail;

import cn.govdata.audit.chain.ChainState;
import cn.govdata.audit.chain.ChainWriter;
import cn.govdata.audit.chain.Incoming;
import cn.govdata.audit.chain.TrailRecord;
import cn.govdata.events.EventTypes;
import cn.govdata.platform.inbox.InboundEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Follows every versioned platform topic (dead-letter topics excluded) in batches and appends each
 * partition's share of a batch to that partition's chain as one block. Reading from Kafka at its
 * own pace, it never blocks a producer; when the store is away it retries the batch until it is
 * back rather than dropping audit records. A record without CloudEvents id, type or time can never
 * be chained and is parked on {@code <topic>-dlt} at once.
 */
@Component
class AuditTrailIngest implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(AuditTrailIngest.class);
    private static final java.util.Set<String> KNOWN_TYPES = EventTypes.all().stream().map(cn.govdata.events.EventType::type)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final ChainWriter writer;
    private final JsonMapper json;
    private final KafkaTemplate<String, String> kafka;
    private final List<TrailObserver> observers;
    private final MeterRegistry meters;
    private final Counter duplicates;
    private final Counter redeliveries;
    private final Counter parked;
    private final Timer batches;

    AuditTrailIngest(ChainWriter writer, JsonMapper json, KafkaTemplate<String, String> kafka, List<TrailObserver> observers,
                     MeterRegistry meters) {
        this.writer = writer;
        this.json = json;
        this.kafka = kafka;
        this.observers = observers;
        this.meters = meters;
        this.duplicates = Counter.builder("audit_events_duplicates").description("Events received again with a ce_id already in the trail")
                .register(meters);
        this.redeliveries = Counter.builder("audit_events_redelivered").description("Kafka redeliveries of records already chained")
                .register(meters);
        this.parked = Counter.builder("audit_events_parked").description("Records without CloudEvents id, type or time, parked on the DLT")
                .register(meters);
        this.batches = Timer.builder("audit_ingest_batch").description("Time to chain and store one partition's share of a batch")
                .register(meters);
    }

    @KafkaListener(id = "audit-trail", topicPattern = "govdata\\.[a-z-]+\\.v[0-9]+",
            containerFactory = TrailConfiguration.CONTAINER_FACTORY,
            properties = {"max.poll.records=${govdata.audit.ingest.max-poll-records:1000}"})
    void ingest(List<ConsumerRecord<String, String>> records) {
        Map<TopicPartition, List<ConsumerRecord<String, String>>> byPartition = new LinkedHashMap<>();
        for (var record : records) {
            byPartition.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), tp -> new ArrayList<>()).add(record);
        }
        byPartition.forEach(this::ingestPartition);
    }

    private void ingestPartition(TopicPartition partition, List<ConsumerRecord<String, String>> records) {
        long started = System.nanoTime();
        List<Incoming> incoming = new ArrayList<>(records.size());
        for (var record : records) {
            try {
                incoming.add(incoming(record));
            } catch (InboundEvent.MalformedEventException e) {
                park(record, e);
            }
        }
        if (incoming.isEmpty()) {
            return;
        }
        ChainState chain = writer.state(partition.topic(), partition.partition());
        ChainWriter.Append append = writer.append(chain, incoming);
        batches.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        duplicates.increment(append.duplicates());
        redeliveries.increment(append.redelivered().size());
        for (TrailRecord r : append.chained()) {
            meters.counter("audit_events_ingested", "type", typeLabel(r.type())).increment();
        }
        if (!append.chained().isEmpty()) {
            log.debug("Chain {} now at seq {} (+{})", chain.chain(), chain.headSeq(), append.chained().size());
            observers.forEach(o -> o.chained(append.chained()));
        }
        if (!append.redelivered().isEmpty()) {
            List<TrailRecord> again = append.redelivered().stream().map(i -> i.unplaced(chain.chain())).toList();
            observers.forEach(o -> o.redelivered(again));
        }
    }

    /** Known event types only: a producer inventing types must not create a metric series per invention. */
    private static String typeLabel(String type) {
        return type != null && KNOWN_TYPES.contains(type) ? type : "other";
    }

    private Incoming incoming(ConsumerRecord<String, String> record) {
        InboundEvent event = InboundEvent.from(record);
        JsonNode data = parse(event.payload());
        return new Incoming(event.id(), event.type(), event.source(), event.subject(), event.time(), event.department(),
                event.region(), record.topic(), record.partition(), record.offset(), record.timestamp(),
                DerivedFields.users(data), DerivedFields.consumer(data), DerivedFields.provider(data),
                DerivedFields.resource(data), DerivedFields.requestId(data), data);
    }

    /** A body that is not JSON is still kept, as text, so the trail shows exactly what was received. */
    private JsonNode parse(String payload) {
        if (payload == null) {
            return null;
        }
        try {
            return json.readTree(payload);
        } catch (RuntimeException notJson) {
            return json.createObjectNode().put("unparsedPayload", payload);
        }
    }

    private void park(ConsumerRecord<String, String> record, Exception reason) {
        var parkedRecord = new ProducerRecord<>(record.topic() + "-dlt", null, record.key(), record.value());
        record.headers().forEach(h -> parkedRecord.headers().add(h));
        parkedRecord.headers().add("kafka_dlt-exception-message", String.valueOf(reason.getMessage()).getBytes(StandardCharsets.UTF_8));
        parkedRecord.headers().add("kafka_dlt-original-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        try {
            kafka.send(parkedRecord).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parking a malformed record", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not park malformed record " + record.topic() + "-" + record.partition()
                    + "@" + record.offset() + " on the DLT; the batch is retried", e);
        }
        parked.increment();
        log.warn("Parked malformed record {}-{}@{} on {}-dlt: {}", record.topic(), record.partition(), record.offset(),
                record.topic(), reason.getMessage());
    }

    /**
     * What this instance knew about the chains may be stale (another replica may have written
     * them); reload them now, so that idle chains get their time-based checkpoints too. A store
     * that is away only delays the reload to the partition's first batch.
     */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        for (TopicPartition tp : assignments.keySet()) {
            writer.forget(tp.topic(), tp.partition());
            try {
                writer.state(tp.topic(), tp.partition());
            } catch (RuntimeException storeAway) {
                log.warn("Chain {}-{} not loaded on assignment; loading it with its first batch: {}", tp.topic(), tp.partition(),
                        storeAway.toString());
            }
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> writer.forget(tp.topic(), tp.partition()));
    }
}
