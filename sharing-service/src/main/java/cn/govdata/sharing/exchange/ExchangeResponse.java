package cn.govdata.sharing.exchange;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Records as the consumer receives them: only its granted items, desensitized unless granted in
 * clear, with where they came from and when (provenance), and a flag on records under objection.
 *
 * @param page       query pages only
 * @param totalItems query pages only, when the provider reports it
 */
record ExchangeResponse(String resourceId, String sourceDepartment, Instant retrievedAt, String grantId,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Integer page,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Integer size,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Long totalItems,
                        List<ExchangeRecord> records) {

    /**
     * @param key            the record's key as the consumer may see it: as asked for a lookup by key,
     *                       desensitized like the key item otherwise, null when the key item is not granted
     * @param disputedFields the delivered items under objection; empty with {@code disputed} = the record as a whole
     * @param recordPseudonym the platform's keyed pseudonym of the record key: the only name events use for a
     *                        record (objections, corrections), so a consumer matches a correction notice to
     *                        the records it received; null when the record has no key
     */
    record ExchangeRecord(String key, boolean disputed, List<String> disputedFields, Map<String, Object> data,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String recordPseudonym) {
    }
}
