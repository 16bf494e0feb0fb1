package cn.govdata.opendata.catalog;

import cn.govdata.opendata.dispute.OpenDisputes;

import java.time.Instant;
import java.util.List;

/**
 * A dataset's public metadata; personal items are named but their flags tell users they are masked.
 * While objection cases are open it says so ({@code disputed}, how many records, which fields),
 * never which records: a record key may be a citizen's ID number.
 */
public record DatasetView(String entryId, String name, String summary, String department, String departmentName,
                          String openType, String openConditions, String openLegalBasis, String topic, String industry,
                          String updateFrequency, List<String> formats, List<Listing.Item> dataItems, Integer version,
                          Long recordCount, List<String> fields, List<String> maskedFields, Instant publishedAt,
                          long downloads, boolean disputed, long disputedRecords, List<String> disputedFields,
                          Links links) {

    public record Links(String csv, String json, String records) {
    }

    static DatasetView of(Listing l, String departmentName, OpenDisputes disputes) {
        String base = "/api/open-data/public/datasets/" + l.entryId();
        Links links = l.hasDataset() && l.isUnconditional()
                ? new Links(base + "/download?format=csv", base + "/download?format=json", base + "/records") : null;
        return new DatasetView(l.entryId(), l.name(), l.summary(), l.department(), departmentName, l.openType(),
                l.openConditions(), l.openLegalBasis(), l.topic(), l.industry(), l.updateFrequency(), l.formats(),
                l.dataItems(), l.currentVersion(), l.recordCount(), l.fields(), l.maskedFields(), l.datasetPublishedAt(),
                l.downloadCount(), disputes.any(), disputes.recordCount(), disputes.fields(), links);
    }
}
