package cn.govdata.sharing.grant;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.platform.deadline.DeadlineRegistry;
import cn.govdata.platform.outbox.OutboxMessage;
import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;
import cn.govdata.policy.Deadlines;
import cn.govdata.policy.JurisdictionProfile;
import cn.govdata.policy.Period;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The life of a grant after issue: the bureau suspends and reinstates (QZ 5.10) and reviews
 * platform-direct grants (NT 23); the provider or the bureau revokes with reasons, a provider on
 * the ground of non-use only after the profile's period (NT 26); grants expire at {@code validTo}.
 */
@Service
public class ManagingGrants {

    private static final Logger log = LoggerFactory.getLogger(ManagingGrants.class);

    /** The ground a revocation by the platform itself is recorded under, e.g. a withdrawn resource. */
    static final String PLATFORM = "platform";

    private final Grants grants;
    private final GrantEvents events;
    private final DeadlineRegistry deadlines;
    private final JurisdictionProfile profile;
    private final WorkingDayCalendar calendar;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    ManagingGrants(Grants grants, GrantEvents events, DeadlineRegistry deadlines, JurisdictionProfile profile,
                   WorkingDayCalendar calendar, ApplicationEventPublisher publisher, Clock clock) {
        this.grants = grants;
        this.events = events;
        this.deadlines = deadlines;
        this.profile = profile;
        this.calendar = calendar;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Raised in-process after a grant was revoked or expired, so pending renewals of it can lapse. */
    public record GrantEnded(String grantId, Grant.State state) {
    }

    Grant suspend(String grantId, String reasons, Caller caller) {
        SharingAccess.requireBureau(caller, "suspends grants (QZ 5.10)");
        Grant loaded = grants.get(grantId);
        if (loaded.state() != Grant.State.ACTIVE) {
            throw Refusal.conflict("grant-not-active", "Grant " + grantId + " is " + loaded.state()
                    + "; only an active grant can be suspended");
        }
        Instant now = now();
        Grant next = loaded.with(now, "suspended", caller.actor(), reasons, d -> {
            d.state = Grant.State.SUSPENDED;
            d.stateReason = reasons;
        });
        log.info("Grant {} of {} suspended by {}", grantId, loaded.consumerDepartment(), caller.actor());
        return grants.update(loaded, next, List.of(events.suspended(next, caller.actor(), now)));
    }

    Grant reinstate(String grantId, String reasons, Caller caller) {
        SharingAccess.requireBureau(caller, "lifts suspensions");
        Grant loaded = grants.get(grantId);
        if (loaded.state() != Grant.State.SUSPENDED) {
            throw Refusal.conflict("grant-not-suspended", "Grant " + grantId + " is " + loaded.state()
                    + "; only a suspended grant can be reinstated");
        }
        Instant now = now();
        Instant suspendedAt = loaded.history().stream().filter(c -> c.action().equals("suspended"))
                .map(Grant.Change::at).reduce((a, b) -> b).orElse(null);
        Grant next = loaded.with(now, "reinstated", caller.actor(), reasons, d -> {
            d.state = Grant.State.ACTIVE;
            d.stateReason = null;
        });
        return grants.update(loaded, next, List.of(events.reinstated(next, reasons, caller.actor(), now, suspendedAt)));
    }

    Grant revoke(String grantId, RevocationGround ground, String reasons, Caller caller) {
        Grant loaded = grants.get(grantId);
        boolean bureau = caller.isBureau();
        boolean provider = SharingAccess.actsFor(caller, loaded.providerDepartment(), Roles.DEPT_APPROVER);
        SharingAccess.require(bureau || provider, "Only the bureau or an approver (dept-approver) of the providing department "
                + loaded.providerDepartment() + " revokes this grant");
        switch (ground) {
            case MISUSE -> SharingAccess.require(bureau, "Revoking for misuse is the bureau's (QZ 5.10); a provider reports misuse to it");
            case PLATFORM_REVIEW, RESOURCE_WITHDRAWN, ITEMS_REMOVED -> throw Refusal.invalidField("ground",
                    ground + " is recorded by the platform itself; use UNUSED, MISUSE or OTHER");
            default -> {
            }
        }
        if (!loaded.state().isCurrent()) {
            throw Refusal.conflict("grant-ended", "Grant " + grantId + " is " + loaded.state() + " already");
        }
        String why = reasons;
        if (ground == RevocationGround.UNUSED) {
            Instant revocableFrom = revocableForNonUseFrom(loaded);
            if (now().isBefore(revocableFrom)) {
                throw Refusal.conflict("grant-in-use", "Grant " + grantId + " was last used (or started) at "
                        + loaded.unusedSince() + "; it may be revoked as unused from " + revocableFrom + " ("
                        + citation(profile.unusedGrantRevocableAfter()) + ")");
            }
            why = reasons == null || reasons.isBlank() ? "unused" : reasons;
        } else if (reasons == null || reasons.isBlank()) {
            throw Refusal.invalidField("reasons", "a revocation needs reasons");
        }
        Grant revoked = end(loaded, Grant.State.REVOKED, ground, why, caller.actor());
        log.info("Grant {} revoked by {} ({}): {}", grantId, caller.actor(), ground, why);
        return revoked;
    }

    /**
     * NT 23: 在线填写授权意见，不予授权的，应说明具体理由；授权结果同步推送提供部门. The bureau confirms a
     * platform-direct grant or revokes it, with its opinion either way; the grant is usable only once
     * confirmed, and the result goes to the provider as an event.
     */
    Grant review(String grantId, boolean confirm, String reasons, Caller caller) {
        SharingAccess.requireBureau(caller, "reviews grants the platform issued directly (NT 23)");
        Grant loaded = grants.get(grantId);
        if (loaded.platformReview() == null || !"PENDING".equals(loaded.platformReview().outcome())) {
            throw Refusal.conflict("no-review-pending", "Grant " + grantId + " has no platform review pending");
        }
        if (reasons == null || reasons.isBlank()) {
            throw Refusal.invalidField("reasons", confirm
                    ? "record the bureau's opinion on the grant (NT 23: 在线填写授权意见)"
                    : "revoking on review needs reasons (NT 23: 不予授权的，应说明具体理由)");
        }
        Instant now = now();
        var review = new Grant.PlatformReview(loaded.platformReview().dueAt(), confirm ? "CONFIRMED" : "REVOKED",
                caller.actor(), now, reasons.strip());
        deadlines.complete(IssuingGrants.PLATFORM_REVIEW_PROCESS, IssuingGrants.PLATFORM_REVIEW_STEP, grantId);
        if (confirm) {
            Grant next = loaded.with(now, "review confirmed", caller.actor(), reasons, d -> d.platformReview = review);
            return grants.update(loaded, next, List.of(events.platformReviewed(next)));
        }
        if (!loaded.state().isCurrent()) {
            Grant next = loaded.with(now, "review: not to be granted", caller.actor(), reasons, d -> d.platformReview = review);
            return grants.update(loaded, next, List.of(events.platformReviewed(next)));
        }
        Grant next = loaded.with(now, "revoked", caller.actor(), reasons, d -> {
            d.platformReview = review;
            d.state = Grant.State.REVOKED;
            d.stateReason = reasons;
        });
        Grant revoked = grants.update(loaded, next, List.of(events.platformReviewed(next),
                events.revoked(next, RevocationGround.PLATFORM_REVIEW, caller.actor(), now)));
        publisher.publishEvent(new GrantEnded(grantId, Grant.State.REVOKED));
        return revoked;
    }

    /** Marks expired what has run past {@code validTo}; returns how many. Safe on several replicas at once. */
    int expireDue() {
        int expired = 0;
        for (Grant due : grants.pastValidity(now(), 200)) {
            Optional<Grant> done = retrying(due.id(), loaded -> {
                if (!loaded.state().isCurrent() || loaded.validTo().isAfter(now())) {
                    return null;
                }
                Instant at = now();
                Grant next = loaded.with(at, "expired", PLATFORM, null, d -> {
                    d.state = Grant.State.EXPIRED;
                    d.stateReason = "validity ended " + loaded.validTo();
                });
                return new Change(next, List.of(events.expired(next, at)));
            });
            if (done.isPresent()) {
                expired++;
                cancelReview(due.id());
                publisher.publishEvent(new GrantEnded(due.id(), Grant.State.EXPIRED));
            }
        }
        if (expired > 0) {
            log.info("{} grants expired", expired);
        }
        return expired;
    }

    /** The catalog removed items: grants lose them, and grants left with none end. */
    void narrowToResource(String resourceId, List<String> resourceItems, int resourceVersion) {
        for (Grant current : grants.currentOnResource(resourceId)) {
            retrying(current.id(), loaded -> {
                if (!loaded.state().isCurrent()) {
                    return null;
                }
                List<String> removed = loaded.items().stream().filter(i -> !resourceItems.contains(i)).toList();
                if (removed.isEmpty()) {
                    return null;
                }
                Instant at = now();
                List<String> remaining = loaded.items().stream().filter(resourceItems::contains).toList();
                String reasons = "items removed from the resource: " + String.join(", ", removed);
                if (remaining.isEmpty()) {
                    Grant next = ended(loaded, Grant.State.REVOKED, reasons, PLATFORM, at);
                    return new Change(next, List.of(events.revoked(next, RevocationGround.ITEMS_REMOVED, PLATFORM, at)));
                }
                Grant next = loaded.with(at, "narrowed", PLATFORM, reasons, d -> {
                    d.items = remaining;
                    d.unmaskedItems = loaded.unmaskedItems().stream().filter(remaining::contains).toList();
                });
                return new Change(next, List.of(events.narrowed(next, removed, resourceVersion, at)));
            }).ifPresent(g -> {
                log.info("Grant {} on {} now covers {}", g.id(), resourceId, g.items());
                if (!g.state().isCurrent()) {
                    publisher.publishEvent(new GrantEnded(g.id(), g.state()));
                }
            });
        }
    }

    /** The provider asked to withdraw the resource: every holder is told once, before anything ends. */
    void noticeEnding(String resourceId, String reasons) {
        for (Grant current : grants.currentOnResource(resourceId)) {
            retrying(current.id(), loaded -> {
                if (!loaded.state().isCurrent() || loaded.endingNoticeAt() != null) {
                    return null;
                }
                Instant at = now();
                Grant next = loaded.with(at, "ending notice: resource withdrawal requested", PLATFORM, reasons,
                        d -> d.endingNoticeAt = at);
                return new Change(next, List.of(events.endingNotice(next, reasons, at)));
            });
        }
    }

    /** The bureau approved the withdrawal of the resource: its grants end. */
    void revokeAllOn(String resourceId, String catalogReasons) {
        String reasons = catalogReasons == null || catalogReasons.isBlank() ? "resource withdrawn"
                : "resource withdrawn: " + catalogReasons;
        for (Grant current : grants.currentOnResource(resourceId)) {
            retrying(current.id(), loaded -> {
                if (!loaded.state().isCurrent()) {
                    return null;
                }
                Instant at = now();
                Grant next = ended(loaded, Grant.State.REVOKED, reasons, PLATFORM, at);
                return new Change(next, List.of(events.revoked(next, RevocationGround.RESOURCE_WITHDRAWN, PLATFORM, at)));
            }).ifPresent(g -> {
                cancelReview(g.id());
                publisher.publishEvent(new GrantEnded(g.id(), Grant.State.REVOKED));
            });
        }
    }

    /** The first moment a grant counts as unused for the profile's period (NT 26). */
    Instant revocableForNonUseFrom(Grant grant) {
        return Deadlines.due(calendar, grant.unusedSince(), profile.unusedGrantRevocableAfter());
    }

    /**
     * The latest "unused since" that makes a grant unused now: the profile's period counted from it
     * has run by {@code now}. The calendar's due times only move forward with the start, so a
     * binary search finds it to the millisecond.
     */
    Instant unusedCutoff(Instant now) {
        Period period = profile.unusedGrantRevocableAfter().value();
        long longest = switch (period.unit()) {
            case WORKING_DAYS -> 2L * period.amount() + 30;
            case CALENDAR_DAYS -> period.amount();
            case MONTHS -> 31L * period.amount();
            case YEARS -> 366L * period.amount();
        };
        long low = now.minus(Duration.ofDays(longest + 30)).toEpochMilli();
        long high = now.toEpochMilli();
        if (Deadlines.due(calendar, Instant.ofEpochMilli(low), period).isAfter(now)) {
            return Instant.ofEpochMilli(low);
        }
        while (low < high) {
            long mid = low + (high - low + 1) / 2;
            if (!Deadlines.due(calendar, Instant.ofEpochMilli(mid), period).isAfter(now)) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return Instant.ofEpochMilli(low);
    }

    private Grant end(Grant loaded, Grant.State state, RevocationGround ground, String reasons, String by) {
        Instant at = now();
        Grant next = ended(loaded, state, reasons, by, at);
        Grant saved = grants.update(loaded, next, List.of(events.revoked(next, ground, by, at)));
        cancelReview(loaded.id());
        publisher.publishEvent(new GrantEnded(loaded.id(), state));
        return saved;
    }

    private static Grant ended(Grant loaded, Grant.State state, String reasons, String by, Instant at) {
        return loaded.with(at, state == Grant.State.REVOKED ? "revoked" : "ended", by, reasons, d -> {
            d.state = state;
            d.stateReason = reasons;
        });
    }

    private void cancelReview(String grantId) {
        deadlines.cancel(IssuingGrants.PLATFORM_REVIEW_PROCESS, IssuingGrants.PLATFORM_REVIEW_STEP, grantId);
    }

    private record Change(Grant next, List<OutboxMessage> events) {
    }

    /**
     * Applies a platform-initiated change, re-reading on a lost race; {@code change} answers null
     * when nothing (more) is to be done, which makes redelivered catalog events harmless.
     */
    private Optional<Grant> retrying(String grantId, Function<Grant, Change> change) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Grant> loaded = grants.find(grantId);
            if (loaded.isEmpty()) {
                return Optional.empty();
            }
            Change next = change.apply(loaded.get());
            if (next == null) {
                return Optional.empty();
            }
            if (grants.tryUpdate(loaded.get(), next.next(), next.events())) {
                return Optional.of(next.next());
            }
        }
        throw new IllegalStateException("Grant " + grantId + " kept changing; the change is retried with the event");
    }

    private static String citation(cn.govdata.policy.Rule<?> rule) {
        return rule.isRegulated() ? rule.value() + ", " + rule.citation() : rule.value() + ", platform default";
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
