package cn.govdata.sharing.application;

import cn.govdata.sharing.grant.Grant;
import cn.govdata.sharing.grant.IssuingGrants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Carries out an approval: issues the grant it names (or extends the renewed one), then marks the
 * application settled. The approval is written first, in the application's own document; the grant
 * is a second document, so a crash in between leaves an approval without its grant for a moment,
 * never a grant without an approval. The sweep finishes such approvals; issuing is idempotent.
 */
@Component
class SettlingGrants {

    private static final Logger log = LoggerFactory.getLogger(SettlingGrants.class);

    private final Applications applications;
    private final IssuingGrants issuing;
    private final Clock clock;

    SettlingGrants(Applications applications, IssuingGrants issuing, Clock clock) {
        this.applications = applications;
        this.issuing = issuing;
        this.clock = clock;
    }

    /** @return the application as settled (or as it was, when settling must wait for the sweep) */
    ShareApplication settle(ShareApplication approved) {
        try {
            return settleNow(approved);
        } catch (RuntimeException e) {
            log.warn("Grant for approved application {} not settled yet; the sweep retries: {}", approved.id(), e.toString());
            return applications.get(approved.id());
        }
    }

    private ShareApplication settleNow(ShareApplication approved) {
        ShareApplication current = applications.get(approved.id());
        if (current.state() != ShareApplication.State.APPROVED || current.grantSettled()) {
            return current;
        }
        var d = current.decision();
        if (current.type() == ShareApplication.Type.CLEAR_ITEMS) {
            var result = issuing.widen(current.renewsGrantId(), new Grant.ClearDecision(current.id(), d.unmaskedItems(),
                    d.legalBasis(), d.decidedBy(), d.decidedAt()));
            if (result == IssuingGrants.WideningResult.GRANT_ENDED) {
                log.warn("Items in clear {} approved after grant {} ended; nothing to widen", current.id(), current.renewsGrantId());
            }
        } else if (current.type() == ShareApplication.Type.RENEWAL) {
            var result = issuing.renew(current.renewsGrantId(), current.id(), d.validTo(), d.decidedBy(), current.submittedAt());
            if (result == IssuingGrants.RenewalResult.GRANT_ENDED) {
                log.warn("Renewal {} approved after grant {} ended; nothing to extend", current.id(), current.renewsGrantId());
            }
        } else {
            issuing.issue(new IssuingGrants.Order(current.grantId(), current.id(), current.resourceId(), current.resourceName(),
                    current.providerDepartment(), current.consumerDepartment(), current.region(), current.scenario(),
                    current.purpose(), d.items(), d.unmaskedItems(), current.method(), current.kind(), current.validFrom(),
                    d.validTo(), d.decidedBy(), d.grantRoute(), current.submittedAt(), d.dailyQuota(), d.ratePerMinute(),
                    d.legalBasis() == null || d.unmaskedItems().isEmpty() ? null
                            : new Grant.ClearDecision(current.id(), d.unmaskedItems(), d.legalBasis(), d.decidedBy(), d.decidedAt())));
        }
        current.settled();
        if (!applications.tryUpdate(current, java.util.List.of())) {
            // Someone else settled or changed it meanwhile; the sweep looks again if needed.
            return applications.get(current.id());
        }
        return applications.get(current.id());
    }

    @Scheduled(initialDelayString = "${govdata.sharing.applications.settlement-poll-interval:PT30S}",
            fixedDelayString = "${govdata.sharing.applications.settlement-poll-interval:PT30S}")
    void sweep() {
        try {
            Instant before = clock.instant().minus(Duration.ofSeconds(10));
            for (ShareApplication unsettled : applications.unsettled(before, 100)) {
                settle(unsettled);
            }
        } catch (RuntimeException e) {
            log.warn("Settlement sweep failed; retrying on the next poll: {}", e.toString());
        }
    }
}
