package cn.govdata.platform.directory;

import cn.govdata.events.EventTypes;
import cn.govdata.events.Topics;
import cn.govdata.platform.inbox.IdempotentConsumer;
import cn.govdata.platform.inbox.InboundEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import tools.jackson.databind.json.JsonMapper;

/** Keeps the local directory copy in step with the catalog-service's {@code DepartmentRegistered} events. */
final class DirectoryReplica {

    private static final Logger log = LoggerFactory.getLogger(DirectoryReplica.class);

    private final DepartmentDirectory directory;
    private final IdempotentConsumer consumer;
    private final JsonMapper json;

    DirectoryReplica(DepartmentDirectory directory, IdempotentConsumer consumer, JsonMapper json) {
        this.directory = directory;
        this.consumer = consumer;
        this.json = json;
    }

    @KafkaListener(id = "${spring.application.name}-directory", topics = Topics.CATALOG)
    void on(ConsumerRecord<String, String> record) {
        InboundEvent event = InboundEvent.from(record);
        if (!event.is(EventTypes.DEPARTMENT_REGISTERED)) {
            return;
        }
        consumer.handleOnce("directory", event, e -> {
            var registered = e.payloadAs(EventTypes.DEPARTMENT_REGISTERED, json);
            directory.save(DirectoryEntry.from(registered, e.id()));
            log.info("Directory copy now has department {} ({})", registered.code(), registered.name());
        });
    }
}
