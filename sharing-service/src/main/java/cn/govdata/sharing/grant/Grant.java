package cn.govdata.sharing.grant;

import cn.govdata.domain.DomainModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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
 * @param stateReason    why the grant is suspended, revoked or expired
 * @param route          how it was granted: PLATFORM_DIRECT, PROVIDER_DECISION, SILENCE_IS_CONSENT or COORDINATION
 * @param platformReview the bureau's review of a platform-direct grant (NT 23); null where the profile has none
 * @param endingNoticeAt when the consumer was told the grant will end (resource withdrawal requested)
 * @param renewals       renewal applications already applied, so applying one twice changes nothing
 * @param clearDecisions the provider approver's decisions to deliver personal or sensitive items in clear,
 *                       each with its legal basis; a personal item is in {@code unmaskedItems} only through one
 * @param history        every state change with who and why
 * @param version        the stored version this state was read at (null before the first write): updates are
 *                       conditional on it; {@link GrantDocument} is how a grant is stored
 */
@DomainModel
public record Grant(
        String id,
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
        String resourceName,
        String region,
        String route,
        Instant applicationSubmittedAt,
        PlatformReview platformReview,
        Instant endingNoticeAt,
        List<String> renewals,
        List<Change> history,
        List<ClearDecision> clearDecisions,
        Long version) {

    public enum Kind {
        DATA, VERIFICATION
    }

    public enum State {
        ACTIVE, SUSPENDED, REVOKED, EXPIRED;

        /** Not ended: the grant may still be (or become again) usable. */
        public boolean isCurrent() {
            return this == ACTIVE || this == SUSPENDED;
        }
    }

    /** NT 23: the bureau reviews a grant the platform issued directly; {@code outcome} PENDING, CONFIRMED or REVOKED. */
    public record PlatformReview(Instant dueAt, String outcome, String reviewedBy, Instant reviewedAt, String reasons) {
    }

    /**
     * A decision of the provider department's approver that the grant delivers {@code items} in clear.
     *
     * @param applicationId the application (or clear-items request) the decision answered
     */
    public record ClearDecision(String applicationId, List<String> items, String legalBasis, String decidedBy,
                                Instant decidedAt) {
    }

    /** One entry of a grant's history: issued, suspended, reinstated, narrowed, renewed, revoked, expired... */
    public record Change(Instant at, String action, String by, String reasons) {
    }

    public Grant {
        items = items == null ? List.of() : List.copyOf(items);
        unmaskedItems = unmaskedItems == null ? List.of() : List.copyOf(unmaskedItems);
        renewals = renewals == null ? List.of() : List.copyOf(renewals);
        history = history == null ? List.of() : List.copyOf(history);
        clearDecisions = clearDecisions == null ? List.of() : List.copyOf(clearDecisions);
    }

    /** The original shape, kept for code written against it; the newer fields start empty. */
    public Grant(String id, String applicationId, String resourceId, String providerDepartment, String consumerDepartment,
                 String purpose, String scenario, List<String> items, List<String> unmaskedItems, String method, Kind kind,
                 Instant validFrom, Instant validTo, State state, String approvedBy, Instant issuedAt, int dailyQuota,
                 int ratePerMinute, Instant lastUsedAt, String stateReason, Long version) {
        this(id, applicationId, resourceId, providerDepartment, consumerDepartment, purpose, scenario, items, unmaskedItems,
                method, kind, validFrom, validTo, state, approvedBy, issuedAt, dailyQuota, ratePerMinute, lastUsedAt,
                stateReason, null, null, null, null, null, null, null, null, null, version);
    }

    /**
     * Usable now: active, within its validity and, where the profile has the bureau review
     * platform-direct grants (NT 23), reviewed: the review completes before the first use.
     */
    public boolean usableAt(Instant now) {
        return state == State.ACTIVE && !awaitingPlatformReview() && !now.isBefore(validFrom) && now.isBefore(validTo);
    }

    /** NT 23: issued by the platform directly and the bureau has not recorded its opinion yet. */
    public boolean awaitingPlatformReview() {
        return platformReview != null && "PENDING".equals(platformReview.outcome());
    }

    /** Since when the grant has not been used: its last use, or its start when never used. */
    public Instant unusedSince() {
        return lastUsedAt != null && lastUsedAt.isAfter(validFrom) ? lastUsedAt : validFrom;
    }

    /** A copy with {@code change} applied and {@code action} added to the history. */
    Grant with(Instant at, String action, String by, String reasons, Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        draft.history.add(new Change(at, action, by, reasons));
        return draft.build();
    }

    /** A mutable copy for building the next state; only this package changes grants. */
    static final class Draft {
        String id;
        String applicationId;
        String resourceId;
        String providerDepartment;
        String consumerDepartment;
        String purpose;
        String scenario;
        List<String> items;
        List<String> unmaskedItems;
        String method;
        Kind kind;
        Instant validFrom;
        Instant validTo;
        State state;
        String approvedBy;
        Instant issuedAt;
        int dailyQuota;
        int ratePerMinute;
        Instant lastUsedAt;
        String stateReason;
        String resourceName;
        String region;
        String route;
        Instant applicationSubmittedAt;
        PlatformReview platformReview;
        Instant endingNoticeAt;
        List<String> renewals;
        List<Change> history;
        List<ClearDecision> clearDecisions;
        Long version;

        Draft() {
            items = List.of();
            unmaskedItems = List.of();
            renewals = new ArrayList<>();
            history = new ArrayList<>();
            clearDecisions = new ArrayList<>();
        }

        Draft(Grant g) {
            id = g.id;
            applicationId = g.applicationId;
            resourceId = g.resourceId;
            providerDepartment = g.providerDepartment;
            consumerDepartment = g.consumerDepartment;
            purpose = g.purpose;
            scenario = g.scenario;
            items = g.items;
            unmaskedItems = g.unmaskedItems;
            method = g.method;
            kind = g.kind;
            validFrom = g.validFrom;
            validTo = g.validTo;
            state = g.state;
            approvedBy = g.approvedBy;
            issuedAt = g.issuedAt;
            dailyQuota = g.dailyQuota;
            ratePerMinute = g.ratePerMinute;
            lastUsedAt = g.lastUsedAt;
            stateReason = g.stateReason;
            resourceName = g.resourceName;
            region = g.region;
            route = g.route;
            applicationSubmittedAt = g.applicationSubmittedAt;
            platformReview = g.platformReview;
            endingNoticeAt = g.endingNoticeAt;
            renewals = new ArrayList<>(g.renewals);
            history = new ArrayList<>(g.history);
            clearDecisions = new ArrayList<>(g.clearDecisions);
            version = g.version;
        }

        Grant build() {
            return new Grant(id, applicationId, resourceId, providerDepartment, consumerDepartment, purpose, scenario, items,
                    unmaskedItems, method, kind, validFrom, validTo, state, approvedBy, issuedAt, dailyQuota, ratePerMinute,
                    lastUsedAt, stateReason, resourceName, region, route, applicationSubmittedAt, platformReview,
                    endingNoticeAt, renewals, history, clearDecisions, version);
        }
    }
}
