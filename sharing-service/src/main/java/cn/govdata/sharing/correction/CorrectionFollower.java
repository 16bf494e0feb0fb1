package cn.govdata.sharing.correction;

import cn.govdata.events.ObjectionEventTypes;
import cn.govdata.events.Topics;
import cn.govdata.platform.inbox.IdempotentConsumer;
import cn.govdata.platform.inbox.InboundEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Follows the objection desk (govdata.objection.v1) for corrections at source, which grant holders are told of. */
@Component
class CorrectionFollower {

    static final String CONSUMER = "sharing-correction-follower";

    private final NotifyingGrantHolders notifying;
    private final IdempotentConsumer consumer;
    private final JsonMapper json;

    CorrectionFollower(NotifyingGrantHolders notifying, IdempotentConsumer consumer, JsonMapper json) {
        this.notifying = notifying;
        this.consumer = consumer;
        this.json = json;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.OBJECTION)
    void on(ConsumerRecord<String, String> record) {
        InboundEvent event = InboundEvent.from(record);
        if (event.is(ObjectionEventTypes.DATA_CORRECTED)) {
            consumer.handleOnce(CONSUMER, event, e ->
                    notifying.tellHolders(e.id(), e.payloadAs(ObjectionEventTypes.DATA_CORRECTED, json)));
        }
    }
}
