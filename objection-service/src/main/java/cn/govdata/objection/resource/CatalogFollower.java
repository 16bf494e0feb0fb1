package cn.govdata.objection.resource;

import cn.govdata.events.EventTypes;
import cn.govdata.events.Topics;
import cn.govdata.events.catalog.CatalogEntrySnapshot;
import cn.govdata.platform.inbox.IdempotentConsumer;
import cn.govdata.platform.inbox.InboundEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;

/** Follows the catalog (govdata.catalog.v1) so objections can only name published resources. */
@Component
class CatalogFollower {

    private static final Logger log = LoggerFactory.getLogger(CatalogFollower.class);
    private static final String CONSUMER = "catalog-follower";

    private final CatalogResources resources;
    private final IdempotentConsumer consumer;
    private final JsonMapper json;

    CatalogFollower(CatalogResources resources, IdempotentConsumer consumer, JsonMapper json) {
        this.resources = resources;
        this.consumer = consumer;
        this.json = json;
    }

    @KafkaListener(id = "objection-catalog-follower", topics = Topics.CATALOG)
    void on(ConsumerRecord<String, String> record) {
        InboundEvent event = InboundEvent.from(record);
        if (event.is(EventTypes.CATALOG_ENTRY_PUBLISHED)) {
            consumer.handleOnce(CONSUMER, event, e -> {
                var published = e.payloadAs(EventTypes.CATALOG_ENTRY_PUBLISHED, json);
                apply(published.entry(), published.publishedAt(), e.id());
            });
        } else if (event.is(EventTypes.CATALOG_ENTRY_CHANGED)) {
            consumer.handleOnce(CONSUMER, event, e -> {
                var changed = e.payloadAs(EventTypes.CATALOG_ENTRY_CHANGED, json);
                apply(changed.entry(), changed.changedAt(), e.id());
            });
        } else if (event.is(EventTypes.CATALOG_ENTRY_WITHDRAWN)) {
            consumer.handleOnce(CONSUMER, event, e -> {
                var withdrawn = e.payloadAs(EventTypes.CATALOG_ENTRY_WITHDRAWN, json);
                resources.find(withdrawn.entryId()).ifPresent(r -> {
                    resources.save(r.withdrawnAt(withdrawn.withdrawnAt(), e.id()));
                    log.info("Resource {} withdrawn; new objections on it are refused", r.id());
                });
            });
        }
    }

    private void apply(CatalogEntrySnapshot entry, Instant at, String eventId) {
        var known = resources.find(entry.entryId());
        // Events of one entry share a key and arrive in order; a redelivered older version must not win.
        if (known.isPresent() && known.get().version() > entry.version()) {
            return;
        }
        resources.save(CatalogResource.from(entry, at, eventId));
        log.info("Resource {} version {} of {} may be objected to", entry.entryId(), entry.version(), entry.providerDepartment());
    }
}
