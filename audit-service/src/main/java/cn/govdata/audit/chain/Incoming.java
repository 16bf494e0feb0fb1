package cn.govdata.audit.chain;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * An event as read from Kafka, before it has a place in its chain.
 *
 * @param timestamp the Kafka record timestamp; with the offset it tells a redelivered record from
 *                  a new one on a topic that was recreated (offsets start again, timestamps do not)
 */
public record Incoming(String id, String type, String source, String subject, Instant time, String department,
                       String region, String topic, int partition, long offset, long timestamp, List<String> users,
                       String consumer, String provider, String resource, String requestId, JsonNode data) {

    public Incoming {
        users = users == null ? List.of() : List.copyOf(users);
    }

    TrailRecord at(long seq, String prev, String chain, Instant receivedAt) {
        return new TrailRecord(seq, prev, id, chain, topic, partition, offset, type, source, subject, time, department,
                region, receivedAt, users, consumer, provider, resource, requestId, data);
    }

    /** The same event outside any chain position, for consumers of a redelivery that need only its content. */
    public TrailRecord unplaced(String chain) {
        return at(-1, TrailRecord.GENESIS, chain, null);
    }
}
