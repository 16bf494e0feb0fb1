package cn.govdata.events.sharing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Share applications, grants and demands for uncatalogued data (topic govdata.sharing.v1). Keys:
 * application events by application id, grant events by grant id, demand events by demand id.
 *
 * <p>Applicants and consumers are departments: events name departments by their directory codes
 * and carry no personal data of anyone. Decision makers ({@code decidedBy}, {@code approvedBy}) are
 * named by their platform account so supervision can answer "approved by whom" (QZ 8.2); a decision
 * taken by the rules themselves says so, e.g. {@code silence-is-consent (SY 25)}.
 *
 * <p>Time fields come in pairs a supervisor needs to time a step (NT 31 (七)): when it started
 * ({@code submittedAt}, {@code receivedAt}), when it was due and when it was done.
 */
public final class SharingEvents {

    private SharingEvents() {
    }

    /**
     * A department applied for data of a published resource, or for the renewal of a grant.
     *
     * @param applicationType     NEW or RENEWAL (then {@code renewsGrantId} names the grant)
     * @param shareType           the resource's share type when applied: UNCONDITIONAL, CONDITIONAL or NOT_SHARED
     * @param grantKind           DATA, or VERIFICATION (可用不可见, match/no match only)
     * @param route               PLATFORM_DIRECT (unconditional: granted at once), FORMALITY_CHECK (the bureau
     *                            checks first, NT 21) or PROVIDER_DECISION
     * @param formalityCheckDueAt when the bureau's formality check is due; null without one
     * @param decisionDueAt       when the provider's decision is due; null until the period starts
     * @param filedWithRegions    QY 26: the regions whose bureaus the application is filed with when consumer and
     *                            provider are in different regions (the consumer's first); empty otherwise
     */
    public record ApplicationSubmitted(String applicationId, String applicationType, String renewsGrantId,
                                       String resourceId, String resourceName, String shareType,
                                       String providerDepartment, String consumerDepartment, String scenario,
                                       String purpose, String legalDuty, List<String> items, List<String> unmaskedItems,
                                       String method, String grantKind, Instant validFrom, Instant validTo, String route,
                                       Instant submittedAt, Instant formalityCheckDueAt, Instant decisionDueAt,
                                       List<String> filedWithRegions) {

        /** As before QY 26 filing: filed with no other bureau. */
        public ApplicationSubmitted(String applicationId, String applicationType, String renewsGrantId,
                                    String resourceId, String resourceName, String shareType,
                                    String providerDepartment, String consumerDepartment, String scenario,
                                    String purpose, String legalDuty, List<String> items, List<String> unmaskedItems,
                                    String method, String grantKind, Instant validFrom, Instant validTo, String route,
                                    Instant submittedAt, Instant formalityCheckDueAt, Instant decisionDueAt) {
            this(applicationId, applicationType, renewsGrantId, resourceId, resourceName, shareType, providerDepartment,
                    consumerDepartment, scenario, purpose, legalDuty, items, unmaskedItems, method, grantKind, validFrom,
                    validTo, route, submittedAt, formalityCheckDueAt, decisionDueAt, List.of());
        }
    }

    /**
     * The bureau checked an application's formalities (NT 21). Passed: the provider's decision period
     * starts at {@code checkedAt} and ends at {@code decisionDueAt}. Not passed: the application ends
     * here with the reasons.
     */
    public record FormalityChecked(String applicationId, String resourceId, String providerDepartment,
                                   String consumerDepartment, boolean passed, List<String> reasons, String checkedBy,
                                   Instant checkedAt, Instant submittedAt, Instant dueAt, Instant decisionDueAt) {
    }

    /**
     * The provider (or the platform for unconditional resources, or the rules on silence) decided.
     *
     * @param outcome             APPROVED, REFUSED, or CANCELLED (the resource was withdrawn before a decision)
     * @param grantedItems        what was granted: never more than {@code requestedItems}; empty unless approved
     * @param legalBasis          the law a refusal rests on; null for approvals
     * @param bySilence           approved because the provider let the deadline pass (SY 25)
     * @param receivedAt          when the provider's decision period started
     * @param implementationDueAt when the provider must have the share in place (QY 24); null where not regulated
     * @param grantId             the grant issued (or renewed) on approval; null otherwise
     */
    public record ApplicationDecided(String applicationId, String applicationType, String renewsGrantId,
                                     String resourceId, String providerDepartment, String consumerDepartment,
                                     String outcome, List<String> requestedItems, List<String> grantedItems,
                                     List<String> unmaskedItems, Instant validTo, List<String> reasons, String legalBasis,
                                     String decidedBy, boolean bySilence, Instant decidedAt, Instant submittedAt,
                                     Instant receivedAt, Instant decisionDueAt, Instant implementationDueAt,
                                     String grantId) {
    }

    /** A refused (or unanswered) applicant took the dispute to the bureau (NT 27, SY 28). */
    public record ApplicationEscalated(String applicationId, String resourceId, String providerDepartment,
                                       String consumerDepartment, String reasons, List<String> refusalReasons,
                                       Instant escalatedAt, Instant submittedAt) {
    }

    /** The bureau's coordination outcome: GRANT (a grant is issued) or UPHOLD_REFUSAL. */
    public record CoordinationDecided(String applicationId, String resourceId, String providerDepartment,
                                      String consumerDepartment, String outcome, List<String> reasons, String decidedBy,
                                      Instant decidedAt, Instant escalatedAt, String grantId) {
    }

    /**
     * A grant took effect: the exchange lets the consumer use exactly {@code items} of the resource
     * for {@code purpose} by {@code method} between {@code validFrom} and {@code validTo}.
     *
     * @param route                 how it was granted: PLATFORM_DIRECT, PROVIDER_DECISION, SILENCE_IS_CONSENT or COORDINATION
     * @param applicationSubmittedAt with {@code issuedAt}, how long granting took
     * @param platformReviewDueAt   when the bureau must have reviewed a platform-direct grant (NT 23); null otherwise
     */
    public record GrantIssued(String grantId, String applicationId, String resourceId, String resourceName,
                              String providerDepartment, String consumerDepartment, String scenario, String purpose,
                              List<String> items, List<String> unmaskedItems, String method, String kind,
                              Instant validFrom, Instant validTo, String approvedBy, String route,
                              Instant applicationSubmittedAt, Instant issuedAt, Instant platformReviewDueAt,
                              int dailyQuota, int ratePerMinute) {
    }

    /** The bureau suspended a grant, e.g. for misuse (QZ 5.10); the exchange refuses it until reinstated. */
    public record GrantSuspended(String grantId, String resourceId, String providerDepartment, String consumerDepartment,
                                 String reasons, String suspendedBy, Instant suspendedAt) {
    }

    /** The bureau lifted a suspension. */
    public record GrantReinstated(String grantId, String resourceId, String providerDepartment, String consumerDepartment,
                                  String reasons, String reinstatedBy, Instant reinstatedAt, Instant suspendedAt) {
    }

    /**
     * A grant ended before its time.
     *
     * @param ground UNUSED (NT 26), MISUSE (QZ 5.10), PLATFORM_REVIEW (NT 23), RESOURCE_WITHDRAWN,
     *               ITEMS_REMOVED (no granted item is left in the resource) or OTHER
     */
    public record GrantRevoked(String grantId, String resourceId, String providerDepartment, String consumerDepartment,
                               String ground, String reasons, String revokedBy, Instant revokedAt, Instant lastUsedAt) {
    }

    /** A grant reached its {@code validTo}; using the data again needs a new application (NT 26). */
    public record GrantExpired(String grantId, String resourceId, String providerDepartment, String consumerDepartment,
                               Instant validTo, Instant expiredAt) {
    }

    /**
     * The provider department's approver decided that the grant delivers more items in clear
     * (personal or sensitive items are masked unless such a decision exists), with the legal basis
     * the decision rests on (PIPL 第三十四条: within statutory duties).
     *
     * @param applicationId the clear-items request (applicationType CLEAR_ITEMS) the decision answers
     * @param addedItems    the items now delivered in clear because of this decision
     * @param unmaskedItems every item the grant now delivers in clear
     */
    public record GrantWidened(String grantId, String applicationId, String resourceId, String providerDepartment,
                               String consumerDepartment, List<String> addedItems, List<String> unmaskedItems,
                               String legalBasis, String decidedBy, Instant decidedAt) {
    }

    /** The catalog removed data items from the resource; they are no longer part of the grant. */
    public record GrantNarrowed(String grantId, String resourceId, String providerDepartment, String consumerDepartment,
                                List<String> removedItems, List<String> remainingItems, int resourceVersion,
                                Instant narrowedAt) {
    }

    /**
     * Notice that a grant is about to end: the provider asked to withdraw the resource (NT 16,
     * SY 27). The grant stays usable until the bureau decides; {@code cause} is RESOURCE_WITHDRAWAL_REQUESTED.
     */
    public record GrantEndingNotice(String grantId, String resourceId, String providerDepartment,
                                    String consumerDepartment, String cause, String reasons, Instant noticeAt) {
    }

    /** A renewal applied for before expiry was approved: the grant runs until the new {@code validTo}. */
    public record GrantRenewed(String grantId, String renewalApplicationId, String resourceId, String providerDepartment,
                               String consumerDepartment, Instant previousValidTo, Instant validTo, String approvedBy,
                               Instant renewalSubmittedAt, Instant renewedAt) {
    }

    /**
     * A record this consumer holds an active grant on was corrected at its source (NT 29: corrected
     * data is pushed to every authorised consumer). One event per grant, keyed by grant id, with
     * {@code ce_department} the consumer's code so its system keeps its own. The consumer fetches
     * the record again through the exchange; the event names only the resource, the record's keyed pseudonym and
     * the corrected data items, never the corrected values or anything about the objector.
     *
     * @param caseTrackingNumber the objection case that led to the correction
     * @param correctedAt        when the source department corrected the record
     */
    public record CorrectionNotified(String grantId, String resourceId, String providerDepartment,
                                     String consumerDepartment, String recordPseudonym, List<String> correctedFields,
                                     String caseTrackingNumber, Instant correctedAt, Instant notifiedAt) {
    }

    /** A department asked another for data that is not in the catalog (NT 24, QY 24). */
    public record DemandRaised(String demandId, String requestingDepartment, String addressedTo, String description,
                               List<String> items, String purpose, Instant raisedAt, Instant answerDueAt) {
    }

    /**
     * The addressed department answered: NOT_OURS, WILL_PUBLISH (by {@code byDate}, then tracked until
     * {@code publishDueAt}) or CANNOT (with reasons, NT 25).
     */
    public record DemandAnswered(String demandId, String requestingDepartment, String addressedTo, String answer,
                                 LocalDate byDate, Instant publishDueAt, String reasons, String answeredBy,
                                 Instant answeredAt, Instant raisedAt, Instant answerDueAt) {
    }

    /** The department published what it promised: {@code resourceId} can now be applied for. */
    public record DemandFulfilled(String demandId, String requestingDepartment, String addressedTo, String resourceId,
                                  String fulfilledBy, Instant fulfilledAt, Instant publishDueAt) {
    }

    /**
     * The providing department gave its opinion on an application to the bureau: under QZ 5.4 the
     * bureau decides after this consultation (会商); under NJ 22 it is the provider's answer, which
     * takes effect only once the bureau confirms it (确定后反馈).
     *
     * @param decider  the profile's conditional-share-decider, e.g. bureau-after-consulting-provider
     * @param opinion  APPROVE or REFUSE
     * @param citation the article, e.g. QZ 5.4
     */
    public record ProviderOpinionGiven(String applicationId, String resourceId, String providerDepartment,
                                       String consumerDepartment, String decider, String opinion, List<String> items,
                                       List<String> unmaskedItems, List<String> reasons, String legalBasis, String givenBy,
                                       Instant givenAt, String citation) {
    }

    /**
     * The bureau's coordination of a disputed application failed and it referred the dispute on:
     * to the municipal government (SY 28), or to a joint consultation with the establishment office and
     * then the party committee or government (QY 48).
     *
     * @param step JOINT_CONSULTATION or GOVERNMENT
     */
    public record DisputeReferred(String applicationId, String resourceId, String providerDepartment,
                                  String consumerDepartment, String step, String reasons, String referredBy,
                                  Instant referredAt, String citation) {
    }

    /**
     * The body a dispute was referred to decided, as the bureau recorded it; the application is bound
     * to it: GRANT issues {@code grantId}, UPHOLD_REFUSAL ends it.
     *
     * @param decidedOn the date of the deciding body's decision (ISO date)
     */
    public record DisputeDecided(String applicationId, String resourceId, String providerDepartment,
                                 String consumerDepartment, String step, String decidingBody, String outcome,
                                 List<String> reasons, String decidedOn, String recordedBy, Instant recordedAt,
                                 String grantId, String citation) {
    }

    /**
     * NT 23: the bureau reviewed a grant the platform issued directly and recorded its opinion
     * (在线填写授权意见); CONFIRMED makes the grant usable. The result goes to the provider (授权结果同步推送提供部门);
     * a REVOKED review also raises GrantRevoked.
     *
     * @param outcome CONFIRMED or REVOKED
     * @param dueAt   when the review was due (2 working days, NT 23)
     */
    public record GrantPlatformReviewed(String grantId, String resourceId, String providerDepartment,
                                        String consumerDepartment, String outcome, String opinion, String reviewedBy,
                                        Instant reviewedAt, Instant dueAt) {
    }
}
