package cn.govdata.sharing.grant;

import cn.govdata.events.SharingEventTypes;
import cn.govdata.events.sharing.SharingEvents;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.outbox.OutboxCollection;
import cn.govdata.platform.outbox.OutboxMessage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/** The grant events, keyed by grant id; {@code ce_department} is the providing department. */
@Component
class GrantEvents {

    private final Events events;

    GrantEvents(Events events) {
        this.events = events;
    }

    OutboxMessage issued(Grant g) {
        return events.create(SharingEventTypes.GRANT_ISSUED, g.id(), g.providerDepartment(), g.region(),
                new SharingEvents.GrantIssued(g.id(), g.applicationId(), g.resourceId(), g.resourceName(),
                        g.providerDepartment(), g.consumerDepartment(), g.scenario(), g.purpose(), g.items(),
                        g.unmaskedItems(), g.method(), g.kind().name(), g.validFrom(), g.validTo(), g.approvedBy(), g.route(),
                        g.applicationSubmittedAt(), g.issuedAt(),
                        g.platformReview() == null ? null : g.platformReview().dueAt(), g.dailyQuota(), g.ratePerMinute()));
    }

    OutboxMessage suspended(Grant g, String by, Instant at) {
        return events.create(SharingEventTypes.GRANT_SUSPENDED, g.id(), g.providerDepartment(), g.region(),
                new SharingEvents.GrantSuspended(g.id(), g.resourceId(), g.providerDepartment(), g.consumerDepartment(),
                        g.stateReason(), by, at));
    }

    OutboxMessage reinstated(Grant g, String reasons, String by, Instant at, Instant suspendedAt) {
        return events.create(SharingEventTypes.GRANT_REINSTATED, g.id(), g.providerDepartment(), g.region(),
                new SharingEvents.GrantReinstated(g.id(), g.resourceId(), g.providerDepartment(), g.consumerDepartment(),
                        reasons, by, at, suspendedAt));
    }

    OutboxMessage revoked(Grant g, RevocationGround ground, String by, Instant at) {
        return events.create(SharingEventTypes.GRANT_REVOKED, g.id(), g.providerDepartment(), g.region(),
                new SharingEvents.GrantRevoked(g.id(), g.resourceId(), g.providerDepartment(), g.consumerDepartment(),
                        ground.name(), g.stateReason(), by, at, g.lastUsedAt()));
    }

    OutboxMessage platformReviewed(Grant g) {
        var r = g.platformReview();
        return events.create(SharingEventTypes.GRANT_PLATFORM_REVIEWED, g.id(), g.providerDepartment(), g.region(),
                new SharingEvents.GrantPlatformReviewed(g.id(), g.resourceId(), g.providerDepartment(), g.consumerDepartment(),
                        r.outcome(), r.reasons(), r.reviewedBy(), r.reviewedAt(), r.dueAt()));
    }

    OutboxMessage expired(Grant g, Instant at) {
        return events.create(SharingEventTypes.GRANT_EXPIRED, g.id(), g.providerDepartment(), g.region(),
                new SharingEvents.GrantExpired(g.id(), g.resourceId(), g.providerDepartment(), g.consumerDepartment(),
                        g.validTo(), at));
    }

    OutboxMessage narrowed(Grant g, List<String> removed, int resourceVersion, Instant at) {
        return events.create(SharingEventTypes.GRANT_NARROWED, g.id(), g.providerDepartment(), g.region(),
                new SharingEvents.GrantNarrowed(g.id(), g.resourceId(), g.providerDepartment(), g.consumerDepartment(),
                        removed, g.items(), resourceVersion, at));
    }

    OutboxMessage widened(Grant g, Grant.ClearDecision decision) {
        return events.create(SharingEventTypes.GRANT_WIDENED, g.id(), g.providerDepartment(), g.region(),
                new SharingEvents.GrantWidened(g.id(), decision.applicationId(), g.resourceId(), g.providerDepartment(),
                        g.consumerDepartment(), decision.items(), g.unmaskedItems(), decision.legalBasis(),
                        decision.decidedBy(), decision.decidedAt()));
    }

    OutboxMessage endingNotice(Grant g, String reasons, Instant at) {
        return events.create(SharingEventTypes.GRANT_ENDING_NOTICE, g.id(), g.providerDepartment(), g.region(),
                new SharingEvents.GrantEndingNotice(g.id(), g.resourceId(), g.providerDepartment(), g.consumerDepartment(),
                        "RESOURCE_WITHDRAWAL_REQUESTED", reasons, at));
    }

    OutboxMessage renewed(Grant g, String renewalApplicationId, Instant previousValidTo, String approvedBy,
                          Instant renewalSubmittedAt, Instant at) {
        return events.create(SharingEventTypes.GRANT_RENEWED, g.id(), g.providerDepartment(), g.region(),
                new SharingEvents.GrantRenewed(g.id(), renewalApplicationId, g.resourceId(), g.providerDepartment(),
                        g.consumerDepartment(), previousValidTo, g.validTo(), approvedBy, renewalSubmittedAt, at));
    }

    @Configuration(proxyBeanMethods = false)
    static class GrantOutbox {

        @Bean
        OutboxCollection grantsOutbox() {
            return new OutboxCollection(Grants.COLLECTION);
        }
    }
}
