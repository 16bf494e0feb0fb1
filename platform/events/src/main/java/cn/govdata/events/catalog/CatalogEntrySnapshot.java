package cn.govdata.events.catalog;

import java.util.List;

/**
 * The published content of a catalog entry as subscribers need it to act without calling back:
 * sharing builds its resource view from it, open-data its public listing, counties their mirror.
 *
 * @param openReason     why the entry is not opened (不予开放理由), null unless the open type is NOT_OPEN;
 *                       absent from events published before it was added, which consumers read as null
 * @param openLegalBasis the legal basis of a conditional or not-open entry (NJ 24, SY 34, QY 33-34)
 * @param priorityDomains keys of {@code cn.govdata.policy.PriorityDomain} (SY 36, QY 31) the entry belongs
 *                        to, so open data can count the coverage of priority domains; empty in events
 *                        published before it was added
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
        String openReason,
        String openLegalBasis,
        boolean obtainedBySharing,
        String updateFrequency,
        String topic,
        String industry,
        String region,
        String grade,
        List<String> priorityDomains) {

    /** Without priority domains, as events published before they were added read. */
    public CatalogEntrySnapshot(String entryId, int version, String name, String summary, String providerDepartment,
                                String sourceSystem, String category, String basicKind, List<String> formats,
                                List<DataItem> dataItems, String shareType, String shareConditions, String shareScope,
                                List<String> shareMethods, String openType, String openConditions, String openReason,
                                String openLegalBasis, boolean obtainedBySharing, String updateFrequency, String topic,
                                String industry, String region, String grade) {
        this(entryId, version, name, summary, providerDepartment, sourceSystem, category, basicKind, formats, dataItems,
                shareType, shareConditions, shareScope, shareMethods, openType, openConditions, openReason, openLegalBasis,
                obtainedBySharing, updateFrequency, topic, industry, region, grade, List.of());
    }

    public CatalogEntrySnapshot {
        priorityDomains = priorityDomains == null ? List.of() : List.copyOf(priorityDomains);
    }

    public record DataItem(String name, String type, Integer length, String description, boolean personal, boolean sensitive) {
    }
}
