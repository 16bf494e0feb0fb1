package cn.govdata.events.exchange;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the data exchange tells audit and supervision (topic govdata.exchange.v1): every access to
 * shared data (QZ 8.2: purpose, user, approver, content, time, manner) and access patterns that look
 * like a crawler (QZ 5.3). Never the data itself and never record keys: those are personal data
 * (ID numbers) and stay in the exchange's own access log.
 */
public final class ExchangeEvents {

    private ExchangeEvents() {
    }

    /**
     * One consumer call that delivered data or a verification result. Key = access id.
     *
     * @param channel     RECORD (one record by key), QUERY (a page of records), FILE (a file download)
     *                    or VERIFY (match/no-match only, 可用不可见)
     * @param operation   the HTTP method and path template, e.g. {@code GET /api/exchange/{resourceId}/records/{key}}
     * @param items       data items delivered (or compared, for VERIFY)
     * @param maskedItems the subset of {@code items} delivered desensitized
     * @param recordCount records delivered; 0 when the provider had none, 1 for a file or a verification
     * @param actor       the person's user name, or null for a partner system (then {@code clientId} identifies it)
     * @param approvedBy  who approved the grant the access relied on
     * @param verificationResults VERIFY only: MATCH, NO_MATCH or UNKNOWN per compared item, never the
     *                    claimed value; null for the other channels
     */
    public record DataAccessed(String accessId, String resourceId, String resourceName, String providerDepartment,
                               String consumerDepartment, String clientId, String actor, String purpose,
                               String grantId, String grantKind, String approvedBy, String channel, String operation,
                               List<String> items, List<String> maskedItems, int recordCount, String fileId,
                               String requestId, Instant accessedAt, Map<String, String> verificationResults) {

        /** The shape before verification results were recorded; for accesses that are not verifications. */
        public DataAccessed(String accessId, String resourceId, String resourceName, String providerDepartment,
                            String consumerDepartment, String clientId, String actor, String purpose,
                            String grantId, String grantKind, String approvedBy, String channel, String operation,
                            List<String> items, List<String> maskedItems, int recordCount, String fileId,
                            String requestId, Instant accessedAt) {
            this(accessId, resourceId, resourceName, providerDepartment, consumerDepartment, clientId, actor, purpose,
                    grantId, grantKind, approvedBy, channel, operation, items, maskedItems, recordCount, fileId, requestId,
                    accessedAt, null);
        }
    }

    /**
     * A consumer was throttled because its calls look automated (QZ 5.3 forbids crawlers and
     * self-service query tools). Raised once per detection, not per refused call. Key = detection id.
     *
     * @param pattern      BURST (calls per minute above the grant's rate), SEQUENTIAL_KEYS (keys that
     *                     step through a numbering), DISTINCT_KEYS (too many different records) or
     *                     NOT_FOUND (many lookups of keys that do not exist); for verification,
     *                     VERIFY_ATTEMPTS_PER_KEY (guesses at one record's values above the daily cap) or
     *                     VERIFY_ATTEMPTS_PER_GRANT (verifications under one grant above its daily cap)
     * @param observed     the count that crossed {@code threshold} within the window
     * @param blockedUntil until when the client's calls on this resource are refused
     */
    public record AbnormalAccessDetected(String detectionId, String resourceId, String providerDepartment,
                                         String consumerDepartment, String clientId, String grantId, String pattern,
                                         int windowSeconds, int threshold, int observed, Counts counts,
                                         Instant blockedUntil, Instant detectedAt) {
    }

    /** The client's calls on the resource within the detection window. */
    public record Counts(int calls, int distinctKeys, int sequentialSteps, int notFound) {
    }
}
