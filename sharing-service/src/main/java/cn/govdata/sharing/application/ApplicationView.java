package cn.govdata.sharing.application;

import cn.govdata.sharing.grant.Grant;

import java.time.Instant;
import java.util.List;

/**
 * An application as the API shows it; attachments carry their download path.
 * {@code clearItemsApplicationId} names the request for items in clear that an application for an
 * unconditional resource left with the provider's approver.
 */
record ApplicationView(String id, ShareApplication.Type type, String renewsGrantId, String resourceId, String resourceName,
                       String shareType, String providerDepartment, String consumerDepartment, String region,
                       String scenario, String purpose, String legalDuty, List<String> items, List<String> unmaskedItems,
                       String method, Grant.Kind kind, Instant validFrom, Instant validTo, ShareApplication.Route route,
                       ShareApplication.State state, String submittedBy, Instant submittedAt,
                       ShareApplication.Period formalityPeriod, ShareApplication.FormalityCheck formalityCheck,
                       ShareApplication.Period decisionPeriod, ShareApplication.Decision decision,
                       Instant implementationDueAt, Instant implementedAt, ShareApplication.Escalation escalation,
                       ShareApplication.Coordination coordination, String grantId, boolean grantIssued, String cancellation,
                       String clearItemsApplicationId, ShareApplication.Opinion providerOpinion,
                       ShareApplication.BureauReview bureauReview, List<ShareApplication.Referral> referrals,
                       ShareApplication.FinalDecision finalDecision, List<String> filedWith,
                       List<AttachmentView> attachments, List<ShareApplication.HistoryEntry> history) {

    record AttachmentView(String id, String filename, String contentType, long size, String sha256, String uploadedBy,
                          Instant uploadedAt, String href) {

        static AttachmentView of(String applicationId, ShareApplication.Attachment a) {
            return new AttachmentView(a.id(), a.filename(), a.contentType(), a.size(), a.sha256(), a.uploadedBy(),
                    a.uploadedAt(), "/api/sharing/applications/" + applicationId + "/attachments/" + a.id());
        }
    }

    static ApplicationView of(ShareApplication a) {
        return of(a, false);
    }

    /** @param withholdOpinion leave out the provider's opinion while it is with the bureau (NJ 22: 确定后反馈) */
    static ApplicationView of(ShareApplication a, boolean withholdOpinion) {
        boolean withhold = withholdOpinion && a.opinionWithTheBureau();
        boolean approved = a.state() == ShareApplication.State.APPROVED;
        return new ApplicationView(a.id(), a.type(), a.renewsGrantId(), a.resourceId(), a.resourceName(), a.shareType(),
                a.providerDepartment(), a.consumerDepartment(), a.region(), a.scenario(), a.purpose(), a.legalDuty(),
                a.items(), a.unmaskedItems(), a.method(), a.kind(), a.validFrom(), a.validTo(), a.route(), a.state(),
                a.submittedBy(), a.submittedAt(), a.formalityPeriod(), a.formalityCheck(), a.decisionPeriod(), a.decision(),
                a.implementationDueAt(), a.implementedAt(), a.escalation(), a.coordination(),
                approved ? a.grantId() : null, approved && a.grantSettled(), a.cancellation(), a.clearItemsApplicationId(),
                withhold ? null : a.providerOpinion(), a.bureauReview(), a.referrals(), a.finalDecision(), a.filedWith(),
                a.attachments().stream().map(att -> AttachmentView.of(a.id(), att)).toList(),
                withhold ? a.history().stream().filter(h -> !h.action().startsWith(ShareApplication.ANSWER_PENDING)
                        && !h.action().startsWith(ShareApplication.OPINION)).toList() : a.history());
    }
}
