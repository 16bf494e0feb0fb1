package cn.govdata.catalog.spreadsheet;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * One spreadsheet import, keyed by department and import id: the write-ahead record that makes a
 * retried upload converge on the same entries instead of duplicating them (see {@link ImportingEntries}).
 *
 * @param contentHash SHA-256 of the department and the rows' normalized content
 * @param entryIds    the planned resource codes in row order, recorded before any entry is stored
 * @param attempt     the request currently working on the import; only it may advance the record
 * @param leaseUntil  until when {@code attempt} holds the import; after that a retry may take it over
 */
@Document(ImportRecord.COLLECTION)
record ImportRecord(@Id String id, String importId, String department, String contentHash, int rows, boolean submit,
                    State state, List<String> entryIds, String startedBy, Instant startedAt, Instant updatedAt,
                    String attempt, Instant leaseUntil) {

    static final String COLLECTION = "imports";

    enum State {
        /** Validated, nothing planned or stored yet. */
        CLAIMED,
        /** Resource codes allocated and recorded; some or all entries may be stored. */
        PLANNED,
        /** Every planned entry is stored; submission (if asked) may be incomplete. */
        STORED,
        /** Done; a repeat is refused with 409. */
        COMPLETED
    }

    static String key(String department, String importId) {
        return department + "/" + importId;
    }
}
