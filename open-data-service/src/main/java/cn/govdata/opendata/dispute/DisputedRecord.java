package cn.govdata.opendata.dispute;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * One objection case against one record of an open resource (collection {@code open_disputes}),
 * open from DataDisputed until DisputeResolved. The record key stays in this collection: it may be
 * a citizen's ID number and is never put on the wire.
 */
@Document(DisputedRecord.COLLECTION)
record DisputedRecord(@Id String caseId, String resourceId, String recordPseudonym, List<String> fields, String reason,
                      boolean open, Instant markedAt, String outcome, Instant resolvedAt, Instant updatedAt) {

    static final String COLLECTION = "open_disputes";

    DisputedRecord {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
