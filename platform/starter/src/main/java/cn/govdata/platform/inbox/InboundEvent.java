package cn.govdata.platform.inbox;

import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.EventType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A platform event as received from Kafka: CloudEvents attributes from the headers, body as JSON text. */
public record InboundEvent(String id, String type, String source, String subject, Instant time, String department,
                           String region, String topic, String payload) {

    /**
     * @throws MalformedEventException when a required CloudEvents attribute is missing; such a record
     *                                 can never be processed and goes to the dead-letter topic at once
     */
    public static InboundEvent from(ConsumerRecord<String, String> record) {
        String id = header(record, CloudEventHeaders.ID);
        String type = header(record, CloudEventHeaders.TYPE);
        String time = header(record, CloudEventHeaders.TIME);
        if (id == null || type == null || time == null) {
            throw new MalformedEventException("Record at %s-%d@%d lacks ce_id, ce_type or ce_time"
                    .formatted(record.topic(), record.partition(), record.offset()));
        }
        try {
            return new InboundEvent(id, type, header(record, CloudEventHeaders.SOURCE), header(record, CloudEventHeaders.SUBJECT),
                    Instant.parse(time), header(record, CloudEventHeaders.DEPARTMENT), header(record, CloudEventHeaders.REGION),
                    record.topic(), record.value());
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("Record " + id + " has an unreadable ce_time: " + time);
        }
    }

    public boolean is(EventType<?> eventType) {
        return eventType.type().equals(type);
    }

    public <E> E payloadAs(EventType<E> eventType, JsonMapper json) {
        return json.readValue(payload, eventType.payloadClass());
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }
    }
}
