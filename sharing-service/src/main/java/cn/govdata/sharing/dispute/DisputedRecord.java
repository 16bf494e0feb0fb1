package cn.govdata.sharing.dispute;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * One objection case against one record, as the objection desk announced it. Open from
 * DataDisputed until DisputeResolved; the exchange flags the record in every response meanwhile.
 * The record is known only by its keyed pseudonym: the ID number itself never reaches this store.
 */
@Document(DisputedRecord.COLLECTION)
record DisputedRecord(@Id String caseId, String resourceId, String recordPseudonym, List<String> fields, String reason,
                      boolean open, Instant markedAt, String outcome, Instant resolvedAt, Instant updatedAt) {

    static final String COLLECTION = "disputed_records";

    DisputedRecord {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
