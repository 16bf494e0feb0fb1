package cn.govdata.catalog.entry;

import cn.govdata.platform.outbox.OutboxMessage;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * Storage shape of an entry: the aggregate, the fields lists filter on (status, department,
 * region) and the keys of its data items ({@link ItemKeys}) copied to the top level, and the events of
 * its last change waiting for the relay.
 */
@Document(EntryDocument.COLLECTION)
public record EntryDocument(@Id String id, EntryStatus status, String providerDepartment, String region, Instant updatedAt,
                     CatalogEntry entry, @Version Long version, List<OutboxMessage> outbox, List<String> itemKeys) {

    public static final String COLLECTION = "entries";

    /** With {@code itemKeys} derived from the entry ({@link ItemKeys#of(CatalogEntry)}). */
    public EntryDocument(String id, EntryStatus status, String providerDepartment, String region, Instant updatedAt,
                         CatalogEntry entry, Long version, List<OutboxMessage> outbox) {
        this(id, status, providerDepartment, region, updatedAt, entry, version, outbox, ItemKeys.of(entry));
    }
}
