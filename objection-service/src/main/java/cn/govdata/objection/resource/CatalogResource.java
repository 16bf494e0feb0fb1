package cn.govdata.objection.resource;

import cn.govdata.events.catalog.CatalogEntrySnapshot;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * A published catalog entry as the objection desk needs it, kept from the catalog's events: that
 * the resource exists, who provides it (the department a case is transferred to) and which data
 * items an objection may name.
 */
@Document(CatalogResource.COLLECTION)
public record CatalogResource(@Id String id, int version, String name, String providerDepartment, String region,
                              List<String> dataItems, boolean withdrawn, Instant updatedAt, String lastEventId) {

    public static final String COLLECTION = "catalog_resources";

    static CatalogResource from(CatalogEntrySnapshot entry, Instant at, String eventId) {
        List<String> items = entry.dataItems() == null ? List.of()
                : entry.dataItems().stream().map(CatalogEntrySnapshot.DataItem::name).toList();
        return new CatalogResource(entry.entryId(), entry.version(), entry.name(), entry.providerDepartment(), entry.region(),
                items, false, at, eventId);
    }

    CatalogResource withdrawnAt(Instant at, String eventId) {
        return new CatalogResource(id, version, name, providerDepartment, region, dataItems, true, at, eventId);
    }

    /** True when the catalog lists no data items, so names cannot be checked against it. */
    public boolean hasItem(String item) {
        return dataItems.isEmpty() || dataItems.contains(item);
    }
}
