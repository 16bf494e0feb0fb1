package cn.govdata.sharing.exchange;

import java.time.Instant;
import java.util.Map;

/**
 * Match or no match per claimed item, never the provider's values (可用不可见, QZ 5.4). UNKNOWN when
 * the provider holds no value for the item or no such record.
 */
record VerifyResponse(String resourceId, String key, Map<String, Result> results, boolean disputed, String grantId,
                      String sourceDepartment, Instant verifiedAt) {

    enum Result {
        MATCH, NO_MATCH, UNKNOWN
    }
}
