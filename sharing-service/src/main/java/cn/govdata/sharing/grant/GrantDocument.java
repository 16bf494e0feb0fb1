package cn.govdata.sharing.grant;

import cn.govdata.platform.outbox.OutboxMessage;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.TypeAlias;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * Storage shape of a grant: its fields at the top level as before the split (every query and index
 * names them), the version the writes are conditional on, and the events of its last change waiting
 * for the relay. The type alias keeps the {@code _class} hint that grants stored earlier carry.
 */
@Document(Grants.COLLECTION)
@TypeAlias("cn.govdata.sharing.grant.Grant")
record GrantDocument(
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
        Grant.Kind kind,
        Instant validFrom,
        Instant validTo,
        Grant.State state,
        String approvedBy,
        Instant issuedAt,
        int dailyQuota,
        int ratePerMinute,
        Instant lastUsedAt,
        String stateReason,
        String resourceName,
        String region,
        String route,
        Instant applicationSubmittedAt,
        Grant.PlatformReview platformReview,
        Instant endingNoticeAt,
        List<String> renewals,
        List<Grant.Change> history,
        List<Grant.ClearDecision> clearDecisions,
        @Version Long version,
        List<OutboxMessage> outbox) {

    GrantDocument {
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
    }

    /** @param outbox the events to store with a new grant; an update $pushes its events instead */
    static GrantDocument from(Grant g, List<OutboxMessage> outbox) {
        return new GrantDocument(g.id(), g.applicationId(), g.resourceId(), g.providerDepartment(), g.consumerDepartment(),
                g.purpose(), g.scenario(), g.items(), g.unmaskedItems(), g.method(), g.kind(), g.validFrom(), g.validTo(),
                g.state(), g.approvedBy(), g.issuedAt(), g.dailyQuota(), g.ratePerMinute(), g.lastUsedAt(), g.stateReason(),
                g.resourceName(), g.region(), g.route(), g.applicationSubmittedAt(), g.platformReview(), g.endingNoticeAt(),
                g.renewals(), g.history(), g.clearDecisions(), g.version(), outbox);
    }

    Grant toDomain() {
        return new Grant(id, applicationId, resourceId, providerDepartment, consumerDepartment, purpose, scenario, items,
                unmaskedItems, method, kind, validFrom, validTo, state, approvedBy, issuedAt, dailyQuota, ratePerMinute,
                lastUsedAt, stateReason, resourceName, region, route, applicationSubmittedAt, platformReview, endingNoticeAt,
                renewals, history, clearDecisions, version);
    }
}
