package cn.govdata.opendata.dispute;

import cn.govdata.events.ObjectionEventTypes;
import cn.govdata.events.Topics;
import cn.govdata.platform.inbox.IdempotentConsumer;
import cn.govdata.platform.inbox.InboundEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Follows the objection desk (govdata.objection.v1): records under objection are flagged on the portal and in downloads. */
@Component
class DisputeFollower {

    static final String CONSUMER = "open-data-dispute-follower";

    private final DisputedRecords disputes;
    private final IdempotentConsumer consumer;
    private final JsonMapper json;

    DisputeFollower(DisputedRecords disputes, IdempotentConsumer consumer, JsonMapper json) {
        this.disputes = disputes;
        this.consumer = consumer;
        this.json = json;
    }

    @KafkaListener(id = "open-data-dispute-follower", topics = Topics.OBJECTION)
    void on(ConsumerRecord<String, String> record) {
        InboundEvent event = InboundEvent.from(record);
        if (event.is(ObjectionEventTypes.DATA_DISPUTED)) {
            consumer.handleOnce(CONSUMER, event, e -> {
                var disputed = e.payloadAs(ObjectionEventTypes.DATA_DISPUTED, json);
                disputes.disputed(disputed.caseId(), disputed.resourceId(), disputed.recordKey(), disputed.fields(),
                        disputed.reason(), disputed.markedAt());
            });
        } else if (event.is(ObjectionEventTypes.DISPUTE_RESOLVED)) {
            consumer.handleOnce(CONSUMER, event, e -> {
                var resolved = e.payloadAs(ObjectionEventTypes.DISPUTE_RESOLVED, json);
                disputes.resolved(resolved.caseId(), resolved.resourceId(), resolved.recordKey(), resolved.outcome(),
                        resolved.resolvedAt());
            });
        }
    }
}
