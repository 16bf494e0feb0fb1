package cn.govdata.sharing.application;

import cn.govdata.sharing.grant.ManagingGrants;
import cn.govdata.sharing.resource.ResourceEvents;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Open applications that can no longer be decided end: those for a withdrawn resource, and
 * renewals of a grant that expired or was revoked meanwhile (NT 26: then one applies again).
 */
@Component
class ApplicationsFollowingGrantsAndResources {

    private final Applications applications;
    private final DecidingApplications deciding;

    ApplicationsFollowingGrantsAndResources(Applications applications, DecidingApplications deciding) {
        this.applications = applications;
        this.deciding = deciding;
    }

    @EventListener
    void on(ResourceEvents.ResourceWithdrawn withdrawn) {
        deciding.cancelOpen(applications.openOnResource(withdrawn.resource().id()), "resource withdrawn from the catalog");
    }

    @EventListener
    void on(ManagingGrants.GrantEnded ended) {
        deciding.cancelOpen(applications.openRenewalsOf(ended.grantId()),
                "grant " + ended.grantId() + " " + ended.state().name().toLowerCase() + " before the renewal was decided");
    }
}
