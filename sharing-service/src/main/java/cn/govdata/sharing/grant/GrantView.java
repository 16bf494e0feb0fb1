package cn.govdata.sharing.grant;

import java.time.Instant;
import java.util.List;

/**
 * A grant as the API shows it.
 *
 * @param unused                 active and not used for the profile's period (NT 26): the provider may revoke it as UNUSED
 * @param revocableForNonUseFrom when the grant counts as unused if it stays unused
 * @param clearDecisions         who decided, when and on which legal basis that items are delivered in clear
 */
public record GrantView(String id, String applicationId, String resourceId, String resourceName, String providerDepartment,
                        String consumerDepartment, String region, String scenario, String purpose, List<String> items,
                        List<String> unmaskedItems, String method, Grant.Kind kind, Instant validFrom, Instant validTo,
                        Grant.State state, String stateReason, boolean usable, String approvedBy, String route,
                        Instant applicationSubmittedAt, Instant issuedAt, int dailyQuota, int ratePerMinute,
                        Instant lastUsedAt, boolean unused, Instant revocableForNonUseFrom,
                        Grant.PlatformReview platformReview, Instant endingNoticeAt, List<String> renewals,
                        List<Grant.Change> history, List<Grant.ClearDecision> clearDecisions) {

    static GrantView of(Grant g, Instant now, Instant revocableForNonUseFrom) {
        boolean unused = g.state() == Grant.State.ACTIVE && now.isBefore(g.validTo()) && !now.isBefore(revocableForNonUseFrom);
        return new GrantView(g.id(), g.applicationId(), g.resourceId(), g.resourceName(), g.providerDepartment(),
                g.consumerDepartment(), g.region(), g.scenario(), g.purpose(), g.items(), g.unmaskedItems(), g.method(),
                g.kind(), g.validFrom(), g.validTo(), g.state(), g.stateReason(), g.usableAt(now), g.approvedBy(), g.route(),
                g.applicationSubmittedAt(), g.issuedAt(), g.dailyQuota(), g.ratePerMinute(), g.lastUsedAt(), unused,
                revocableForNonUseFrom, g.platformReview(), g.endingNoticeAt(), g.renewals(), g.history(),
                g.clearDecisions());
    }
}
