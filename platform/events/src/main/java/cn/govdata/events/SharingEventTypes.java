package cn.govdata.events;

import cn.govdata.events.sharing.InterfaceRequestEvents;
import cn.govdata.events.sharing.SharingEvents;

import java.util.List;

/**
 * Event types of the share applications, grants, correction notices to grant holders and demands for
 * uncatalogued data (sharing-service); topic {@link Topics#SHARING}.
 */
public final class SharingEventTypes {

    static final String SCHEMAS = "cn/govdata/events/schemas/";

    public static final EventType<SharingEvents.ApplicationSubmitted> APPLICATION_SUBMITTED = sharing(
            "application.submitted", SharingEvents.ApplicationSubmitted.class, "application-submitted");
    public static final EventType<SharingEvents.FormalityChecked> FORMALITY_CHECKED = sharing(
            "application.formality-checked", SharingEvents.FormalityChecked.class, "formality-checked");
    public static final EventType<SharingEvents.ApplicationDecided> APPLICATION_DECIDED = sharing(
            "application.decided", SharingEvents.ApplicationDecided.class, "application-decided");
    public static final EventType<SharingEvents.ApplicationEscalated> APPLICATION_ESCALATED = sharing(
            "application.escalated", SharingEvents.ApplicationEscalated.class, "application-escalated");
    public static final EventType<SharingEvents.CoordinationDecided> COORDINATION_DECIDED = sharing(
            "application.coordination-decided", SharingEvents.CoordinationDecided.class, "coordination-decided");
    public static final EventType<SharingEvents.ProviderOpinionGiven> PROVIDER_OPINION_GIVEN = sharing(
            "application.provider-opinion-given", SharingEvents.ProviderOpinionGiven.class, "provider-opinion-given");
    public static final EventType<SharingEvents.DisputeReferred> DISPUTE_REFERRED = sharing(
            "application.dispute-referred", SharingEvents.DisputeReferred.class, "dispute-referred");
    public static final EventType<SharingEvents.DisputeDecided> DISPUTE_DECIDED = sharing(
            "application.dispute-decided", SharingEvents.DisputeDecided.class, "dispute-decided");
    public static final EventType<SharingEvents.GrantPlatformReviewed> GRANT_PLATFORM_REVIEWED = sharing(
            "grant.platform-reviewed", SharingEvents.GrantPlatformReviewed.class, "grant-platform-reviewed");
    public static final EventType<SharingEvents.GrantIssued> GRANT_ISSUED = sharing(
            "grant.issued", SharingEvents.GrantIssued.class, "grant-issued");
    public static final EventType<SharingEvents.GrantSuspended> GRANT_SUSPENDED = sharing(
            "grant.suspended", SharingEvents.GrantSuspended.class, "grant-suspended");
    public static final EventType<SharingEvents.GrantReinstated> GRANT_REINSTATED = sharing(
            "grant.reinstated", SharingEvents.GrantReinstated.class, "grant-reinstated");
    public static final EventType<SharingEvents.GrantRevoked> GRANT_REVOKED = sharing(
            "grant.revoked", SharingEvents.GrantRevoked.class, "grant-revoked");
    public static final EventType<SharingEvents.GrantExpired> GRANT_EXPIRED = sharing(
            "grant.expired", SharingEvents.GrantExpired.class, "grant-expired");
    public static final EventType<SharingEvents.GrantNarrowed> GRANT_NARROWED = sharing(
            "grant.narrowed", SharingEvents.GrantNarrowed.class, "grant-narrowed");
    public static final EventType<SharingEvents.GrantWidened> GRANT_WIDENED = sharing(
            "grant.widened", SharingEvents.GrantWidened.class, "grant-widened");
    public static final EventType<SharingEvents.GrantEndingNotice> GRANT_ENDING_NOTICE = sharing(
            "grant.ending-notice", SharingEvents.GrantEndingNotice.class, "grant-ending-notice");
    public static final EventType<SharingEvents.GrantRenewed> GRANT_RENEWED = sharing(
            "grant.renewed", SharingEvents.GrantRenewed.class, "grant-renewed");
    public static final EventType<SharingEvents.CorrectionNotified> CORRECTION_NOTIFIED = sharing(
            "correction.notified", SharingEvents.CorrectionNotified.class, "correction-notified");
    public static final EventType<SharingEvents.DemandRaised> DEMAND_RAISED = sharing(
            "demand.raised", SharingEvents.DemandRaised.class, "demand-raised");
    public static final EventType<SharingEvents.DemandAnswered> DEMAND_ANSWERED = sharing(
            "demand.answered", SharingEvents.DemandAnswered.class, "demand-answered");
    public static final EventType<SharingEvents.DemandFulfilled> DEMAND_FULFILLED = sharing(
            "demand.fulfilled", SharingEvents.DemandFulfilled.class, "demand-fulfilled");
    public static final EventType<InterfaceRequestEvents.InterfaceRequested> INTERFACE_REQUESTED = sharing(
            "interface.requested", InterfaceRequestEvents.InterfaceRequested.class, "interface-requested");
    public static final EventType<InterfaceRequestEvents.InterfaceRequestExtended> INTERFACE_REQUEST_EXTENDED = sharing(
            "interface.extended", InterfaceRequestEvents.InterfaceRequestExtended.class, "interface-request-extended");
    public static final EventType<InterfaceRequestEvents.InterfaceDelivered> INTERFACE_DELIVERED = sharing(
            "interface.delivered", InterfaceRequestEvents.InterfaceDelivered.class, "interface-delivered");
    public static final EventType<InterfaceRequestEvents.InterfacePublished> INTERFACE_PUBLISHED = sharing(
            "interface.published", InterfaceRequestEvents.InterfacePublished.class, "interface-published");
    public static final EventType<InterfaceRequestEvents.InterfaceRequestOverdue> INTERFACE_REQUEST_OVERDUE = sharing(
            "interface.overdue", InterfaceRequestEvents.InterfaceRequestOverdue.class, "interface-request-overdue");

    /** Listed in {@link EventTypes#all()}. */
    public static final List<EventType<?>> ALL = List.of(APPLICATION_SUBMITTED, FORMALITY_CHECKED, APPLICATION_DECIDED,
            APPLICATION_ESCALATED, COORDINATION_DECIDED, GRANT_ISSUED, GRANT_SUSPENDED, GRANT_REINSTATED, GRANT_REVOKED,
            GRANT_EXPIRED, GRANT_NARROWED, GRANT_ENDING_NOTICE, GRANT_RENEWED, CORRECTION_NOTIFIED, DEMAND_RAISED,
            DEMAND_ANSWERED, DEMAND_FULFILLED, GRANT_WIDENED, PROVIDER_OPINION_GIVEN, DISPUTE_REFERRED, DISPUTE_DECIDED,
            GRANT_PLATFORM_REVIEWED,
            INTERFACE_REQUESTED, INTERFACE_REQUEST_EXTENDED, INTERFACE_DELIVERED, INTERFACE_PUBLISHED, INTERFACE_REQUEST_OVERDUE);

    private SharingEventTypes() {
    }

    private static <E> EventType<E> sharing(String name, Class<E> payload, String schema) {
        return new EventType<>("cn.govdata.sharing." + name + ".v1", Topics.SHARING, payload,
                SCHEMAS + "sharing-" + schema + ".v1.json");
    }
}
