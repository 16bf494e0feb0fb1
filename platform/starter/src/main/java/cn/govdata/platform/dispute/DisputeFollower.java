package cn.govdata.platform.dispute;

import cn.govdata.events.ObjectionEventTypes;
import cn.govdata.events.Topics;
import cn.govdata.platform.inbox.IdempotentConsumer;
import cn.govdata.platform.inbox.InboundEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows the objection desk (govdata.objection.v1) for a service that flags disputed records:
 * each {@code DataDisputed}/{@code DisputeResolved} reaches the service's {@link DisputedRecordSink}
 * once, in its own consumer group named after the service.
 */
public final class DisputeFollower {

    private final DisputedRecordSink sink;
    private final IdempotentConsumer consumer;
    private final JsonMapper json;
    private final String name;

    DisputeFollower(DisputedRecordSink sink, IdempotentConsumer consumer, JsonMapper json, String applicationName) {
        this.sink = sink;
        this.consumer = consumer;
        this.json = json;
        this.name = applicationName + "-dispute-follower";
    }

    @KafkaListener(id = "${spring.application.name}-dispute-follower", topics = Topics.OBJECTION)
    void on(ConsumerRecord<String, String> record) {
        InboundEvent event = InboundEvent.from(record);
        if (event.is(ObjectionEventTypes.DATA_DISPUTED)) {
            consumer.handleOnce(name, event, e -> sink.disputed(e.payloadAs(ObjectionEventTypes.DATA_DISPUTED, json)));
        } else if (event.is(ObjectionEventTypes.DISPUTE_RESOLVED)) {
            consumer.handleOnce(name, event, e -> sink.resolved(e.payloadAs(ObjectionEventTypes.DISPUTE_RESOLVED, json)));
        }
    }
}
