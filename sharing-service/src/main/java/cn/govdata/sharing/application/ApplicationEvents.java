package cn.govdata.sharing.application;

import cn.govdata.events.SharingEventTypes;
import cn.govdata.events.sharing.SharingEvents;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.outbox.OutboxMessage;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * The application events, keyed by application id; {@code ce_department} is the providing
 * department, whose decision they track. The applicant appears as its department only.
 */
@Component
class ApplicationEvents {

    private final Events events;

    ApplicationEvents(Events events) {
        this.events = events;
    }

    OutboxMessage submitted(ShareApplication a) {
        return events.create(SharingEventTypes.APPLICATION_SUBMITTED, a.id(), a.providerDepartment(), a.region(),
                new SharingEvents.ApplicationSubmitted(a.id(), a.type().name(), a.renewsGrantId(), a.resourceId(),
                        a.resourceName(), a.shareType(), a.providerDepartment(), a.consumerDepartment(), a.scenario(),
                        a.purpose(), a.legalDuty(), a.items(), a.unmaskedItems(), a.method(), a.kind().name(), a.validFrom(),
                        a.validTo(), a.route().name(), a.submittedAt(),
                        a.formalityPeriod() == null ? null : a.formalityPeriod().dueAt(),
                        a.decisionPeriod() == null ? null : a.decisionPeriod().dueAt(), a.filedWith()));
    }

    OutboxMessage formalityChecked(ShareApplication a) {
        var check = a.formalityCheck();
        return events.create(SharingEventTypes.FORMALITY_CHECKED, a.id(), a.providerDepartment(), a.region(),
                new SharingEvents.FormalityChecked(a.id(), a.resourceId(), a.providerDepartment(), a.consumerDepartment(),
                        check.passed(), check.reasons(), check.checkedBy(), check.checkedAt(), a.submittedAt(),
                        a.formalityPeriod() == null ? null : a.formalityPeriod().dueAt(),
                        check.passed() && a.decisionPeriod() != null ? a.decisionPeriod().dueAt() : null));
    }

    OutboxMessage decided(ShareApplication a) {
        var d = a.decision();
        var period = a.decisionPeriod();
        return events.create(SharingEventTypes.APPLICATION_DECIDED, a.id(), a.providerDepartment(), a.region(),
                new SharingEvents.ApplicationDecided(a.id(), a.type().name(), a.renewsGrantId(), a.resourceId(),
                        a.providerDepartment(), a.consumerDepartment(), d.approved() ? "APPROVED" : "REFUSED", a.items(),
                        d.approved() ? d.items() : List.of(), d.approved() ? d.unmaskedItems() : List.of(),
                        d.approved() ? d.validTo() : null, d.reasons(), d.legalBasis(), d.decidedBy(),
                        "SILENCE_IS_CONSENT".equals(d.grantRoute()), d.decidedAt(), a.submittedAt(),
                        period == null ? null : period.receivedAt(), period == null ? null : period.dueAt(),
                        a.implementationDueAt(), d.approved() ? a.grantId() : null));
    }

    OutboxMessage cancelled(ShareApplication a, Instant at) {
        var period = a.decisionPeriod();
        return events.create(SharingEventTypes.APPLICATION_DECIDED, a.id(), a.providerDepartment(), a.region(),
                new SharingEvents.ApplicationDecided(a.id(), a.type().name(), a.renewsGrantId(), a.resourceId(),
                        a.providerDepartment(), a.consumerDepartment(), "CANCELLED", a.items(), List.of(), List.of(), null,
                        List.of(a.cancellation()), null, "platform", false, at, a.submittedAt(),
                        period == null ? null : period.receivedAt(), period == null ? null : period.dueAt(), null, null));
    }

    OutboxMessage escalated(ShareApplication a) {
        var e = a.escalation();
        List<String> refusal = a.decision() == null ? List.of() : a.decision().reasons();
        return events.create(SharingEventTypes.APPLICATION_ESCALATED, a.id(), a.providerDepartment(), a.region(),
                new SharingEvents.ApplicationEscalated(a.id(), a.resourceId(), a.providerDepartment(), a.consumerDepartment(),
                        e.reasons(), refusal, e.escalatedAt(), a.submittedAt()));
    }

    OutboxMessage coordinated(ShareApplication a) {
        var c = a.coordination();
        return events.create(SharingEventTypes.COORDINATION_DECIDED, a.id(), a.providerDepartment(), a.region(),
                new SharingEvents.CoordinationDecided(a.id(), a.resourceId(), a.providerDepartment(), a.consumerDepartment(),
                        c.outcome(), c.reasons(), c.decidedBy(), c.decidedAt(), a.escalation().escalatedAt(),
                        "GRANT".equals(c.outcome()) ? a.grantId() : null));
    }

    OutboxMessage opinionGiven(ShareApplication a, String decider, String citation) {
        var o = a.providerOpinion();
        return events.create(SharingEventTypes.PROVIDER_OPINION_GIVEN, a.id(), a.providerDepartment(), a.region(),
                new SharingEvents.ProviderOpinionGiven(a.id(), a.resourceId(), a.providerDepartment(), a.consumerDepartment(),
                        decider, o.approve() ? "APPROVE" : "REFUSE", o.items(), o.unmaskedItems(), o.reasons(), o.legalBasis(),
                        o.givenBy(), o.givenAt(), citation));
    }

    OutboxMessage referred(ShareApplication a, String citation) {
        var r = a.referrals().get(a.referrals().size() - 1);
        return events.create(SharingEventTypes.DISPUTE_REFERRED, a.id(), a.providerDepartment(), a.region(),
                new SharingEvents.DisputeReferred(a.id(), a.resourceId(), a.providerDepartment(), a.consumerDepartment(),
                        r.step(), r.reasons(), r.referredBy(), r.referredAt(), citation));
    }

    OutboxMessage disputeDecided(ShareApplication a, String citation) {
        var f = a.finalDecision();
        return events.create(SharingEventTypes.DISPUTE_DECIDED, a.id(), a.providerDepartment(), a.region(),
                new SharingEvents.DisputeDecided(a.id(), a.resourceId(), a.providerDepartment(), a.consumerDepartment(),
                        f.step(), f.decidingBody(), f.outcome(), f.reasons(), f.decidedOn().toString(), f.recordedBy(),
                        f.recordedAt(), "GRANT".equals(f.outcome()) ? a.grantId() : null, citation));
    }
}
