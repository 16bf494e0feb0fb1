package cn.govdata.opendata.catalog;

import java.time.Instant;
import java.util.List;

/** A dataset's public metadata; personal items are named but their flags tell users they are masked. */
public record DatasetView(String entryId, String name, String summary, String department, String departmentName,
                          String openType, String openConditions, String openLegalBasis, String topic, String industry,
                          String updateFrequency, List<String> formats, List<Listing.Item> dataItems, Integer version,
                          Long recordCount, List<String> fields, List<String> maskedFields, Instant publishedAt,
                          long downloads, Links links) {

    public record Links(String csv, String json, String records) {
    }

    static DatasetView of(Listing l, String departmentName) {
        String base = "/api/open-data/public/datasets/" + l.entryId();
        Links links = l.hasDataset() && l.isUnconditional()
                ? new Links(base + "/download?format=csv", base + "/download?format=json", base + "/records") : null;
        return new DatasetView(l.entryId(), l.name(), l.summary(), l.department(), departmentName, l.openType(),
                l.openConditions(), l.openLegalBasis(), l.topic(), l.industry(), l.updateFrequency(), l.formats(),
                l.dataItems(), l.currentVersion(), l.recordCount(), l.fields(), l.maskedFields(), l.datasetPublishedAt(),
                l.downloadCount(), links);
    }
}
