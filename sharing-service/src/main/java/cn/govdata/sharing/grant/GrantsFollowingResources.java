package cn.govdata.sharing.grant;

import cn.govdata.sharing.resource.ResourceEvents;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps grants in line with the catalog: a changed resource narrows them to the items it still
 * has, a requested withdrawal gives notice, an approved withdrawal revokes. Runs inside the catalog
 * follower's handling of the event, so a failure here has the event redelivered; every step checks
 * the grant's state first, which makes a redelivery change nothing.
 */
@Component
class GrantsFollowingResources {

    private final ManagingGrants managing;

    GrantsFollowingResources(ManagingGrants managing) {
        this.managing = managing;
    }

    @EventListener
    void on(ResourceEvents.ResourceChanged changed) {
        managing.narrowToResource(changed.resource().id(), changed.resource().itemNames(), changed.resource().version());
    }

    @EventListener
    void on(ResourceEvents.ResourceWithdrawalPending pending) {
        managing.noticeEnding(pending.resource().id(), pending.reasons());
    }

    @EventListener
    void on(ResourceEvents.ResourceWithdrawn withdrawn) {
        managing.revokeAllOn(withdrawn.resource().id(), withdrawn.reasons());
    }
}
