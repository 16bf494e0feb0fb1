package cn.govdata.audit.trail;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * One platform event as the audit trail keeps it. The id is the event's {@code ce_id}, so storing
 * a redelivered event a second time is impossible by construction.
 */
@Document(AuditRecord.COLLECTION)
record AuditRecord(@Id String eventId, String type, String source, String subject, Instant occurredAt,
                   String department, String region, String topic, int partition, long offset,
                   org.bson.Document data, Instant receivedAt) {

    static final String COLLECTION = "audit_records";
}
