package cn.govdata.platform.outbox;

import java.time.Instant;

/**
 * An event waiting to be relayed, embedded in the aggregate document it belongs to so that the
 * state change and the event are one MongoDB write (the embedded store has no transactions).
 * {@code eventId} becomes {@code ce_id}; consumers deduplicate on it.
 */
public record OutboxMessage(
        String eventId,
        String topic,
        String key,
        String type,
        String source,
        String subject,
        String department,
        String region,
        Instant time,
        String dataSchema,
        String payload) {
}
