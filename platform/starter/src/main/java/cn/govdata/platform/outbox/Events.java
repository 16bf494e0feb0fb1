package cn.govdata.platform.outbox;

import cn.govdata.events.EventType;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.UUID;

/** Turns an event record into an {@link OutboxMessage} with its CloudEvents attributes filled in. */
public final class Events {

    private final JsonMapper json;
    private final Clock clock;
    private final String source;

    public Events(JsonMapper json, Clock clock, String applicationName) {
        this.json = json;
        this.clock = clock;
        this.source = "/govdata/" + applicationName;
    }

    /**
     * @param subject    the aggregate id; also the Kafka key, so one aggregate's events stay in order
     * @param department the responsible department's code, or null for platform-wide facts
     * @param region     the administrative region code county sub-platforms filter on
     */
    public <E> OutboxMessage create(EventType<E> type, String subject, String department, String region, E payload) {
        return new OutboxMessage(UUID.randomUUID().toString(), type.topic(), subject, type.type(), source, subject,
                department, region, clock.instant(), type.dataSchema(), json.writeValueAsString(payload));
    }
}
