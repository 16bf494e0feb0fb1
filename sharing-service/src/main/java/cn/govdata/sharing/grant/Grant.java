package cn.govdata.sharing.grant;

import cn.govdata.platform.outbox.OutboxMessage;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * The right of one consumer department to use exactly these data items of one resource, for one
 * purpose, by one method, until {@code validTo} (QY: minimum authorization; QZ 2.2 最少够用).
 * The exchange checks it on every call.
 *
 * @param kind           DATA (records are returned) or VERIFICATION (可用不可见: match/no match only, QZ 5.4)
 * @param unmaskedItems  items the provider agreed to deliver in clear; every other item with a masking rule is masked
 * @param dailyQuota     maximum records per day through the exchange (no crawlers, QZ 5.3)
 * @param ratePerMinute  maximum calls per minute
 * @param lastUsedAt     last exchange call; grants unused for the profile's months may be revoked (NT 26)
 */
@Document(Grant.COLLECTION)
public record Grant(
        @Id String id,
        String applicationId,
        String resourceId,
        String providerDepartment,
        String consumerDepartment,
        String purpose,
        String scenario,
        List<String> items,
        List<String> unmaskedItems,
        String method,
        Kind kind,
        Instant validFrom,
        Instant validTo,
        State state,
        String approvedBy,
        Instant issuedAt,
        int dailyQuota,
        int ratePerMinute,
        Instant lastUsedAt,
        String stateReason,
        @Version Long version,
        List<OutboxMessage> outbox) {

    public static final String COLLECTION = "grants";

    public enum Kind {
        DATA, VERIFICATION
    }

    public enum State {
        ACTIVE, SUSPENDED, REVOKED, EXPIRED
    }

    public Grant {
        items = items == null ? List.of() : List.copyOf(items);
        unmaskedItems = unmaskedItems == null ? List.of() : List.copyOf(unmaskedItems);
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
    }

    /** Usable now: active and within its validity. */
    public boolean usableAt(Instant now) {
        return state == State.ACTIVE && !now.isBefore(validFrom) && now.isBefore(validTo);
    }
}
