package cn.govdata.sharing.application;

import cn.govdata.platform.outbox.OutboxMessage;
import cn.govdata.sharing.grant.Grant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.TypeAlias;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * Storage shape of an application: its fields at the top level as before the split (the lists, the
 * settlement sweep and the indexes name them), the version the writes are conditional on, and the
 * events of its last change waiting for the relay. The type alias keeps the {@code _class} hint that
 * applications stored earlier carry.
 */
@Document(ShareApplicationDocument.COLLECTION)
@TypeAlias("cn.govdata.sharing.application.ShareApplication")
record ShareApplicationDocument(
        @Id String id,
        ShareApplication.Type type,
        String renewsGrantId,
        String resourceId,
        String resourceName,
        String shareType,
        String providerDepartment,
        String consumerDepartment,
        String region,
        String scenario,
        String purpose,
        String legalDuty,
        List<String> items,
        List<String> unmaskedItems,
        String method,
        Grant.Kind kind,
        Instant validFrom,
        Instant validTo,
        ShareApplication.Route route,
        ShareApplication.State state,
        String submittedBy,
        Instant submittedAt,
        ShareApplication.Period formalityPeriod,
        ShareApplication.FormalityCheck formalityCheck,
        ShareApplication.Period decisionPeriod,
        ShareApplication.Decision decision,
        Instant implementationDueAt,
        Instant implementedAt,
        ShareApplication.Escalation escalation,
        ShareApplication.Coordination coordination,
        String grantId,
        boolean grantSettled,
        String cancellation,
        String clearItemsApplicationId,
        ShareApplication.Opinion providerOpinion,
        ShareApplication.BureauReview bureauReview,
        List<ShareApplication.Referral> referrals,
        ShareApplication.FinalDecision finalDecision,
        List<String> filedWith,
        List<ShareApplication.Attachment> attachments,
        List<ShareApplication.HistoryEntry> history,
        @Version Long version,
        List<OutboxMessage> outbox) {

    static final String COLLECTION = "applications";

    ShareApplicationDocument {
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
    }

    /** @param outbox the events to store with a new application; an update $pushes its events instead */
    static ShareApplicationDocument from(ShareApplication a, List<OutboxMessage> outbox) {
        return new ShareApplicationDocument(a.id(), a.type(), a.renewsGrantId(), a.resourceId(),
                a.resourceName(), a.shareType(), a.providerDepartment(), a.consumerDepartment(), a.region(),
                a.scenario(), a.purpose(), a.legalDuty(), a.items(), a.unmaskedItems(), a.method(), a.kind(),
                a.validFrom(), a.validTo(), a.route(), a.state(), a.submittedBy(), a.submittedAt(), a.formalityPeriod(),
                a.formalityCheck(), a.decisionPeriod(), a.decision(), a.implementationDueAt(), a.implementedAt(),
                a.escalation(), a.coordination(), a.grantId(), a.grantSettled(), a.cancellation(),
                a.clearItemsApplicationId(), a.providerOpinion(), a.bureauReview(), a.referrals(), a.finalDecision(),
                a.filedWith(), a.attachments(), a.history(), a.version(), outbox);
    }

    ShareApplication toDomain() {
        return new ShareApplication(id, type, renewsGrantId, resourceId, resourceName, shareType,
                providerDepartment, consumerDepartment, region, scenario, purpose, legalDuty, items, unmaskedItems,
                method, kind, validFrom, validTo, route, state, submittedBy, submittedAt, formalityPeriod,
                formalityCheck, decisionPeriod, decision, implementationDueAt, implementedAt, escalation, coordination,
                grantId, grantSettled, cancellation, clearItemsApplicationId, providerOpinion, bureauReview, referrals,
                finalDecision, filedWith, attachments, history, version);
    }
}
