package cn.govdata.sharing.resource;

import cn.govdata.events.EventTypes;
import cn.govdata.events.Topics;
import cn.govdata.events.catalog.CatalogEntrySnapshot;
import cn.govdata.platform.inbox.IdempotentConsumer;
import cn.govdata.platform.inbox.InboundEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;

/**
 * Follows the catalog (govdata.catalog.v1): published and changed entries become shareable
 * resources; withdrawal requests and withdrawals are passed on to the grant feature.
 */
@Component
class CatalogFollower {

    private static final Logger log = LoggerFactory.getLogger(CatalogFollower.class);

    private final Resources resources;
    private final IdempotentConsumer consumer;
    private final ApplicationEventPublisher publisher;
    private final JsonMapper json;

    CatalogFollower(Resources resources, IdempotentConsumer consumer, ApplicationEventPublisher publisher, JsonMapper json) {
        this.resources = resources;
        this.consumer = consumer;
        this.publisher = publisher;
        this.json = json;
    }

    @KafkaListener(id = "sharing-catalog-follower", topics = Topics.CATALOG)
    void on(ConsumerRecord<String, String> record) {
        InboundEvent event = InboundEvent.from(record);
        if (event.is(EventTypes.CATALOG_ENTRY_PUBLISHED)) {
            consumer.handleOnce("catalog-follower", event, e -> {
                var published = e.payloadAs(EventTypes.CATALOG_ENTRY_PUBLISHED, json);
                resources.save(from(published.entry(), SharedResource.Availability.AVAILABLE, published.publishedAt(), e.id()));
                log.info("Resource {} ({}) is now shareable", published.entry().entryId(), published.entry().name());
            });
        } else if (event.is(EventTypes.CATALOG_ENTRY_CHANGED)) {
            consumer.handleOnce("catalog-follower", event, e -> {
                var changed = e.payloadAs(EventTypes.CATALOG_ENTRY_CHANGED, json);
                var resource = from(changed.entry(), SharedResource.Availability.AVAILABLE, changed.changedAt(), e.id());
                resources.save(resource);
                publisher.publishEvent(new ResourceEvents.ResourceChanged(resource, changed.removedDataItems()));
            });
        } else if (event.is(EventTypes.CATALOG_ENTRY_WITHDRAWAL_REQUESTED)) {
            consumer.handleOnce("catalog-follower", event, e -> {
                var requested = e.payloadAs(EventTypes.CATALOG_ENTRY_WITHDRAWAL_REQUESTED, json);
                resources.find(requested.entryId()).ifPresent(r -> {
                    var pending = withAvailability(r, SharedResource.Availability.WITHDRAWAL_PENDING, requested.requestedAt(), e.id());
                    resources.save(pending);
                    publisher.publishEvent(new ResourceEvents.ResourceWithdrawalPending(pending, requested.reasons()));
                });
            });
        } else if (event.is(EventTypes.CATALOG_ENTRY_WITHDRAWAL_REJECTED)) {
            consumer.handleOnce("catalog-follower", event, e -> {
                var rejected = e.payloadAs(EventTypes.CATALOG_ENTRY_WITHDRAWAL_REJECTED, json);
                resources.find(rejected.entryId()).ifPresent(r -> resources.save(
                        withAvailability(r, SharedResource.Availability.AVAILABLE, rejected.rejectedAt(), e.id())));
            });
        } else if (event.is(EventTypes.CATALOG_ENTRY_WITHDRAWN)) {
            consumer.handleOnce("catalog-follower", event, e -> {
                var withdrawn = e.payloadAs(EventTypes.CATALOG_ENTRY_WITHDRAWN, json);
                resources.find(withdrawn.entryId()).ifPresent(r -> {
                    var gone = withAvailability(r, SharedResource.Availability.WITHDRAWN, withdrawn.withdrawnAt(), e.id());
                    resources.save(gone);
                    publisher.publishEvent(new ResourceEvents.ResourceWithdrawn(gone, withdrawn.reasons()));
                });
            });
        }
    }

    private static SharedResource from(CatalogEntrySnapshot s, SharedResource.Availability availability, Instant at, String eventId) {
        return new SharedResource(s.entryId(), s.version(), s.name(), s.providerDepartment(), s.region(), s.shareType(),
                s.shareConditions(), s.shareMethods(),
                s.dataItems().stream().map(i -> new SharedResource.Item(i.name(), i.type(), i.personal(), i.sensitive())).toList(),
                availability, at, eventId);
    }

    private static SharedResource withAvailability(SharedResource r, SharedResource.Availability availability, Instant at,
                                                   String eventId) {
        return new SharedResource(r.id(), r.version(), r.name(), r.providerDepartment(), r.region(), r.shareType(),
                r.shareConditions(), r.shareMethods(), r.dataItems(), availability, at, eventId);
    }
}
