package cn.govdata.opendata.catalog;

import org.springframework.data.annotation.Id;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One catalog entry as the open portal lists it (collection {@code open_listings}), built from
 * catalog events, plus the state of its published dataset. Numbers are boxed: a listing first
 * written by the catalog follower has no dataset fields yet.
 *
 * @param openType       UNCONDITIONAL, CONDITIONAL or NOT_OPEN; anything unlisted is unconditional (QY 35)
 * @param openReason     why a NOT_OPEN entry is closed; null for listings built from events older than the field
 * @param masking        field name → mask rule, set by the department before it publishes
 * @param currentVersion the dataset version downloads serve; null until the first upload
 */
public record Listing(
        @Id String entryId,
        Integer catalogVersion,
        String name,
        String summary,
        String department,
        String region,
        String openType,
        String openConditions,
        String openReason,
        String openLegalBasis,
        String topic,
        String industry,
        String updateFrequency,
        List<String> formats,
        List<Item> dataItems,
        Boolean withdrawn,
        Instant updatedAt,
        Map<String, String> masking,
        Integer currentVersion,
        Long recordCount,
        List<String> fields,
        List<String> maskedFields,
        Instant datasetPublishedAt,
        Long downloads) {

    public static final String COLLECTION = "open_listings";

    public record Item(String name, String type, String description, boolean personal, boolean sensitive) {
    }

    public boolean isWithdrawn() {
        return Boolean.TRUE.equals(withdrawn);
    }

    public boolean isUnconditional() {
        return OpenType.UNCONDITIONAL.name().equals(openType);
    }

    public boolean isConditional() {
        return OpenType.CONDITIONAL.name().equals(openType);
    }

    public boolean isNotOpen() {
        return OpenType.NOT_OPEN.name().equals(openType);
    }

    public boolean hasDataset() {
        return currentVersion != null && currentVersion > 0;
    }

    public long downloadCount() {
        return downloads == null ? 0 : downloads;
    }
}
