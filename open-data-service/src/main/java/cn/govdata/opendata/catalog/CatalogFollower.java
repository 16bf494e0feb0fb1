package cn.govdata.opendata.catalog;

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

/**
 * Follows the catalog (govdata.catalog.v1) into the open catalog. Entries whose data the department
 * obtained through sharing are never listed (QY 37), and drop out if a change marks them so.
 */
@Component
class CatalogFollower {

    private static final Logger log = LoggerFactory.getLogger(CatalogFollower.class);

    private final Listings listings;
    private final IdempotentConsumer consumer;
    private final JsonMapper json;

    CatalogFollower(Listings listings, IdempotentConsumer consumer, JsonMapper json) {
        this.listings = listings;
        this.consumer = consumer;
        this.json = json;
    }

    @KafkaListener(id = "open-data-catalog-follower", topics = Topics.CATALOG)
    void on(ConsumerRecord<String, String> record) {
        InboundEvent event = InboundEvent.from(record);
        if (event.is(EventTypes.CATALOG_ENTRY_PUBLISHED)) {
            consumer.handleOnce("open-catalog-follower", event, e -> {
                var published = e.payloadAs(EventTypes.CATALOG_ENTRY_PUBLISHED, json);
                follow(published.entry(), published.publishedAt());
            });
        } else if (event.is(EventTypes.CATALOG_ENTRY_CHANGED)) {
            consumer.handleOnce("open-catalog-follower", event, e -> {
                var changed = e.payloadAs(EventTypes.CATALOG_ENTRY_CHANGED, json);
                follow(changed.entry(), changed.changedAt());
            });
        } else if (event.is(EventTypes.CATALOG_ENTRY_WITHDRAWN)) {
            consumer.handleOnce("open-catalog-follower", event, e -> {
                var withdrawn = e.payloadAs(EventTypes.CATALOG_ENTRY_WITHDRAWN, json);
                listings.withdraw(withdrawn.entryId(), withdrawn.withdrawnAt());
            });
        }
    }

    private void follow(CatalogEntrySnapshot entry, Instant at) {
        if (entry.obtainedBySharing()) {
            listings.remove(entry.entryId());
            log.info("Entry {} holds data obtained through sharing; kept out of the open catalog (QY 37)", entry.entryId());
            return;
        }
        listings.upsert(entry, at);
    }
}
