package cn.govdata.audit.trail;

import cn.govdata.platform.inbox.InboundEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Follows every versioned platform topic (dead-letter topics excluded) and stores each event once.
 * It reads from Kafka at its own pace, so a slow audit store never blocks a producer.
 */
@Component
class AuditTrailIngest {

    private static final Logger log = LoggerFactory.getLogger(AuditTrailIngest.class);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final MeterRegistry meters;

    AuditTrailIngest(MongoTemplate mongo, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.clock = clock;
        this.meters = meters;
    }

    @KafkaListener(id = "audit-trail", topicPattern = "govdata\\.[a-z-]+\\.v[0-9]+")
    void ingest(ConsumerRecord<String, String> record) {
        InboundEvent event = InboundEvent.from(record);
        var stored = new AuditRecord(event.id(), event.type(), event.source(), event.subject(), event.time(),
                event.department(), event.region(), record.topic(), record.partition(), record.offset(),
                org.bson.Document.parse(event.payload()), clock.instant());
        try {
            mongo.insert(stored);
            meters.counter("audit_events_ingested", "type", event.type()).increment();
            log.info("Audit trail stored {} {} for {}", event.type(), event.id(), event.subject());
        } catch (DuplicateKeyException redelivered) {
            meters.counter("audit_events_duplicates", "type", event.type()).increment();
        }
    }
}
