package cn.govdata.events.catalog;

import java.util.List;

/**
 * The published content of a catalog entry as subscribers need it to act without calling back:
 * sharing builds its resource view from it, open-data its public listing, counties their mirror.
 */
public record CatalogEntrySnapshot(
        String entryId,
        int version,
        String name,
        String summary,
        String providerDepartment,
        String sourceSystem,
        String category,
        String basicKind,
        List<String> formats,
        List<DataItem> dataItems,
        String shareType,
        String shareConditions,
        String shareScope,
        List<String> shareMethods,
        String openType,
        String openConditions,
        String openLegalBasis,
        boolean obtainedBySharing,
        String updateFrequency,
        String topic,
        String industry,
        String region,
        String grade) {

    public record DataItem(String name, String type, Integer length, String description, boolean personal, boolean sensitive) {
    }
}
