package cn.govdata.sharing.grant;

import cn.govdata.platform.deadline.DeadlineRegistry;
import cn.govdata.platform.deadline.DeadlineRequest;
import cn.govdata.platform.deadline.ExpiryAction;
import cn.govdata.policy.JurisdictionProfile;
import cn.govdata.policy.RuleKey;
import cn.govdata.policy.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Issues the grant an approved application orders, and extends a grant when its renewal is
 * approved. Both are idempotent (the grant id is fixed by the application; a renewal is applied
 * once), so the application side can repeat them until they succeed.
 */
@Service
public class IssuingGrants {

    /** Deadline process of the bureau's review of platform-direct grants (NT 23). */
    public static final String PLATFORM_REVIEW_PROCESS = "platform-grant";
    public static final String PLATFORM_REVIEW_STEP = "bureau-review";

    private static final Logger log = LoggerFactory.getLogger(IssuingGrants.class);

    private final Grants grants;
    private final GrantEvents events;
    private final DeadlineRegistry deadlines;
    private final JurisdictionProfile profile;
    private final GrantConfiguration.GrantProperties properties;
    private final GrantDefaults defaults;
    private final Clock clock;

    IssuingGrants(Grants grants, GrantEvents events, DeadlineRegistry deadlines, JurisdictionProfile profile,
                  GrantConfiguration.GrantProperties properties, GrantDefaults defaults, Clock clock) {
        this.grants = grants;
        this.events = events;
        this.deadlines = deadlines;
        this.profile = profile;
        this.properties = properties;
        this.defaults = defaults;
        this.clock = clock;
    }

    /**
     * What an approved application orders.
     *
     * @param route         PLATFORM_DIRECT, PROVIDER_DECISION, SILENCE_IS_CONSENT or COORDINATION
     * @param dailyQuota    null for the platform default
     * @param ratePerMinute null for the platform default
     * @param clearDecision the approver's decision behind personal or sensitive items in {@code unmaskedItems}; null when none is
     */
    public record Order(String grantId, String applicationId, String resourceId, String resourceName,
                        String providerDepartment, String consumerDepartment, String region, String scenario,
                        String purpose, List<String> items, List<String> unmaskedItems, String method, Grant.Kind kind,
                        Instant validFrom, Instant validTo, String approvedBy, String route,
                        Instant applicationSubmittedAt, Integer dailyQuota, Integer ratePerMinute,
                        Grant.ClearDecision clearDecision) {
    }

    public enum WideningResult {
        WIDENED, WIDENED_BEFORE, GRANT_ENDED
    }

    public enum RenewalResult {
        RENEWED, RENEWED_BEFORE, GRANT_ENDED
    }

    /** Whether the profile has the bureau review grants the platform issues directly (NT 23). */
    public boolean reviewsPlatformGrants() {
        return profile.platformGrantReview().source() != Source.PLATFORM_DEFAULT;
    }

    /** The article behind the bureau's review of platform-direct grants, e.g. {@code NT 23}. */
    public String reviewCitation() {
        var rule = profile.platformGrantReview();
        return rule.isRegulated() ? rule.citation() : "deployment override";
    }

    /** Issues the grant, or returns the one issued for this order before. */
    public Grant issue(Order order) {
        var existing = grants.find(order.grantId());
        if (existing.isPresent()) {
            return existing.get();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Grant.PlatformReview review = null;
        if ("PLATFORM_DIRECT".equals(order.route()) && reviewsPlatformGrants()) {
            var deadline = deadlines.register(DeadlineRequest.forStep(PLATFORM_REVIEW_PROCESS, PLATFORM_REVIEW_STEP, order.grantId())
                    .responsible(properties.bureauDepartment(), order.region())
                    .within(now, RuleKey.PLATFORM_GRANT_REVIEW)
                    .onExpiry(ExpiryAction.MARK_OVERDUE)
                    .remindBefore(Duration.ofHours(4)));
            review = new Grant.PlatformReview(deadline.dueAt(), "PENDING", null, null, null);
        }
        Instant validFrom = order.validFrom() == null || order.validFrom().isBefore(now) ? now
                : order.validFrom().truncatedTo(ChronoUnit.MILLIS);
        Grant.Draft draft = new Grant.Draft();
        draft.id = order.grantId();
        draft.applicationId = order.applicationId();
        draft.resourceId = order.resourceId();
        draft.resourceName = order.resourceName();
        draft.providerDepartment = order.providerDepartment();
        draft.consumerDepartment = order.consumerDepartment();
        draft.region = order.region();
        draft.scenario = order.scenario();
        draft.purpose = order.purpose();
        draft.items = order.items();
        draft.unmaskedItems = order.unmaskedItems();
        draft.method = order.method();
        draft.kind = order.kind();
        draft.validFrom = validFrom;
        draft.validTo = order.validTo().truncatedTo(ChronoUnit.MILLIS);
        draft.state = Grant.State.ACTIVE;
        draft.approvedBy = order.approvedBy();
        draft.route = order.route();
        draft.issuedAt = now;
        draft.applicationSubmittedAt = order.applicationSubmittedAt();
        draft.dailyQuota = order.dailyQuota() != null ? order.dailyQuota() : defaults.dailyQuota();
        draft.ratePerMinute = order.ratePerMinute() != null ? order.ratePerMinute() : defaults.ratePerMinute();
        draft.platformReview = review;
        if (order.clearDecision() != null) {
            draft.clearDecisions.add(order.clearDecision());
        }
        draft.history.add(new Grant.Change(now, "issued", order.approvedBy(), review == null ? null
                : "usable once the bureau has reviewed it (" + reviewCitation() + ")"));
        Grant grant = draft.build();
        if (grants.insert(grant, List.of(events.issued(grant)))) {
            log.info("Grant {} issued to {} on {} ({} items, {}) by {}", grant.id(), grant.consumerDepartment(),
                    grant.resourceId(), grant.items().size(), grant.route(), grant.approvedBy());
        }
        return grants.get(order.grantId());
    }

    /**
     * The provider's approver decided that a current grant delivers {@code decision.items()} in clear:
     * they join its unmasked items, the decision is kept on the grant and announced. Applying the same
     * decision twice changes nothing.
     */
    public WideningResult widen(String grantId, Grant.ClearDecision decision) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Grant loaded = grants.get(grantId);
            if (loaded.clearDecisions().stream().anyMatch(d -> d.applicationId().equals(decision.applicationId()))) {
                return WideningResult.WIDENED_BEFORE;
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            if (!loaded.state().isCurrent() || !loaded.validTo().isAfter(now)) {
                return WideningResult.GRANT_ENDED;
            }
            List<String> clear = new java.util.ArrayList<>(loaded.unmaskedItems());
            decision.items().stream().filter(loaded.items()::contains).filter(i -> !clear.contains(i)).forEach(clear::add);
            Grant next = loaded.with(now, "items in clear: " + String.join(", ", decision.items()), decision.decidedBy(),
                    decision.legalBasis(), d -> {
                        d.unmaskedItems = List.copyOf(clear);
                        d.clearDecisions.add(decision);
                    });
            if (grants.tryUpdate(loaded, next, List.of(events.widened(next, decision)))) {
                log.info("Grant {} delivers {} in clear, decided by {}", grantId, decision.items(), decision.decidedBy());
                return WideningResult.WIDENED;
            }
        }
        throw new IllegalStateException("Grant " + grantId + " kept changing while clear items were granted");
    }

    /** Extends a current grant to {@code validTo}; a renewal applied before changes nothing. */
    public RenewalResult renew(String grantId, String renewalApplicationId, Instant validTo, String approvedBy,
                               Instant renewalSubmittedAt) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Grant loaded = grants.get(grantId);
            if (loaded.renewals().contains(renewalApplicationId)) {
                return RenewalResult.RENEWED_BEFORE;
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            if (!loaded.state().isCurrent() || !loaded.validTo().isAfter(now)) {
                return RenewalResult.GRANT_ENDED;
            }
            Instant newValidTo = validTo.truncatedTo(ChronoUnit.MILLIS).isAfter(loaded.validTo())
                    ? validTo.truncatedTo(ChronoUnit.MILLIS) : loaded.validTo();
            Grant next = loaded.with(now, "renewed until " + newValidTo, approvedBy, null, d -> {
                d.validTo = newValidTo;
                d.renewals.add(renewalApplicationId);
            });
            if (grants.tryUpdate(loaded, next, List.of(events.renewed(next, renewalApplicationId, loaded.validTo(), approvedBy,
                    renewalSubmittedAt, now)))) {
                log.info("Grant {} renewed until {} by {}", grantId, newValidTo, approvedBy);
                return RenewalResult.RENEWED;
            }
        }
        throw new IllegalStateException("Grant " + grantId + " kept changing while renewal " + renewalApplicationId + " was applied");
    }
}
