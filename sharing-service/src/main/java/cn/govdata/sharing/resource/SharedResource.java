package cn.govdata.sharing.resource;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * A published catalog entry as sharing needs it, kept from the catalog's events: what can be
 * applied for, under which share type, from which department, with which data items.
 */
@Document(SharedResource.COLLECTION)
public record SharedResource(
        @Id String id,
        int version,
        String name,
        String providerDepartment,
        String region,
        String shareType,
        String shareConditions,
        List<String> shareMethods,
        List<Item> dataItems,
        Availability availability,
        Instant updatedAt,
        String lastEventId) {

    public static final String COLLECTION = "resources";

    public enum Availability {
        AVAILABLE, WITHDRAWAL_PENDING, WITHDRAWN
    }

    public record Item(String name, String type, boolean personal, boolean sensitive) {
    }

    public boolean hasItem(String name) {
        return dataItems.stream().anyMatch(i -> i.name().equals(name));
    }

    /** Personal or sensitive (catalog flags): masked unless the provider's approver decided otherwise. */
    public boolean isPersonal(String name) {
        return dataItems.stream().anyMatch(i -> i.name().equals(name) && (i.personal() || i.sensitive()));
    }

    public List<String> itemNames() {
        return dataItems.stream().map(Item::name).toList();
    }

    public boolean isConditional() {
        return "CONDITIONAL".equals(shareType);
    }

    public boolean isNotShared() {
        return "NOT_SHARED".equals(shareType);
    }
}
