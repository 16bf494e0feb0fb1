package cn.govdata.sharing.grant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Marks grants expired once their validity has run. The exchange already refuses them from
 * {@code validTo} on ({@link Grant#usableAt}); this makes the state and the event follow.
 */
@Component
class ExpiringGrants {

    private static final Logger log = LoggerFactory.getLogger(ExpiringGrants.class);

    private final ManagingGrants managing;

    ExpiringGrants(ManagingGrants managing) {
        this.managing = managing;
    }

    @Scheduled(initialDelayString = "${govdata.sharing.grants.expiry-poll-interval:PT1M}",
            fixedDelayString = "${govdata.sharing.grants.expiry-poll-interval:PT1M}")
    void sweep() {
        try {
            managing.expireDue();
        } catch (RuntimeException e) {
            log.warn("Grant expiry sweep failed; retrying on the next poll: {}", e.toString());
        }
    }
}
