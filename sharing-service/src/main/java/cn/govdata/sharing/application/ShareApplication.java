package cn.govdata.sharing.application;

import cn.govdata.domain.DomainModel;
import cn.govdata.sharing.grant.Grant;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A department's application to use data of a published resource (NT 20), or to renew a grant.
 * Its state machine:
 * <pre>
 *   (unconditional) ─────────────────────────────────────────────► APPROVED
 *   FORMALITY_CHECK ─passed─► AWAITING_DECISION ─approve / silence─► APPROVED
 *         │                         │  └─refuse─► REFUSED ─escalate─► ESCALATED ─GRANT─► APPROVED
 *         └─not passed─► FORMALITY_REJECTED      └─(overdue) escalate ──┘        └─UPHOLD_REFUSAL─► REFUSAL_UPHELD
 *   any open state ─resource withdrawn / renewed grant ended─► CANCELLED
 * </pre>
 * Every transition is one write of this document with its events (no transactions in the store).
 * An approval names the grant to issue ({@code grantId}); {@code grantSettled} turns true once the
 * grant was issued (or renewed), which a sweep retries until it is.
 * {@link ShareApplicationDocument} is how an application is stored; {@code version} is the stored
 * version it was read at.
 */
@DomainModel
class ShareApplication {

    /**
     * NEW and RENEWAL as applied for; CLEAR_ITEMS is the part of an application for an unconditional
     * resource that asks for personal or sensitive items in clear: the platform grants the masked
     * items at once and this request waits for the provider's approver ({@code renewsGrantId} names the grant).
     */
    enum Type {
        NEW, RENEWAL, CLEAR_ITEMS
    }

    enum Route {
        PLATFORM_DIRECT, FORMALITY_CHECK, PROVIDER_DECISION
    }

    enum State {
        FORMALITY_CHECK, AWAITING_DECISION, APPROVED, REFUSED, FORMALITY_REJECTED, ESCALATED, REFUSAL_UPHELD, CANCELLED,
        /** With the bureau: to decide after the provider's opinion (QZ 5.4) or to confirm the provider's answer (NJ 22). */
        AWAITING_BUREAU,
        /** Coordination failed; referred to the body that decides last (SY 28, QY 48). */
        REFERRED;

        static final List<State> OPEN = List.of(FORMALITY_CHECK, AWAITING_DECISION, ESCALATED, AWAITING_BUREAU, REFERRED);

        boolean isOpen() {
            return OPEN.contains(this);
        }
    }

    /** A statutory step: when its period started, when it is due, whether it ran over. */
    record Period(Instant receivedAt, Instant dueAt, boolean overdue) {
    }

    record FormalityCheck(boolean passed, List<String> reasons, String checkedBy, Instant checkedAt) {
    }

    /**
     * @param decidedBy the approver's account, {@code platform (unconditional share)},
     *                  {@code silence-is-consent (SY 25)} or {@code bureau coordination (account)}
     */
    record Decision(boolean approved, List<String> items, List<String> unmaskedItems, Instant validTo, List<String> reasons,
                    String legalBasis, String decidedBy, Instant decidedAt, String grantRoute, Integer dailyQuota,
                    Integer ratePerMinute) {
    }

    /**
     * The providing department's opinion (QZ 5.4: 会商) or its answer awaiting the bureau's confirmation
     * (NJ 22: 报数据主管部门确定后反馈); {@code items} etc. are what it would approve.
     */
    record Opinion(boolean approve, List<String> items, List<String> unmaskedItems, Instant validTo, List<String> reasons,
                   String legalBasis, String givenBy, Instant givenAt) {
    }

    /** NJ 22: the bureau confirmed the provider's answer, or sent it back with reasons. */
    record BureauReview(boolean confirmed, List<String> reasons, String reviewedBy, Instant reviewedAt) {
    }

    /**
     * Coordination failed and the bureau referred the dispute on (SY 28, QY 48).
     *
     * @param step JOINT_CONSULTATION (QY 48: with the establishment office) or GOVERNMENT
     */
    record Referral(String step, String reasons, String referredBy, Instant referredAt) {
    }

    /** What the body the dispute was referred to decided, as the bureau recorded it; binds the application. */
    record FinalDecision(String step, String decidingBody, String outcome, List<String> reasons, LocalDate decidedOn,
                         String recordedBy, Instant recordedAt) {
    }

    record Escalation(String reasons, String escalatedBy, Instant escalatedAt) {
    }

    record Coordination(String outcome, List<String> reasons, String decidedBy, Instant decidedAt) {
    }

    /** A stamped scan (NT 20), stored in GridFS; {@code sha256} lets a reviewer check the copy. */
    record Attachment(String id, String filename, String contentType, long size, String sha256, String uploadedBy,
                      Instant uploadedAt) {
    }

    record HistoryEntry(Instant at, String action, String by, String note) {
    }

    private String id;
    private Type type;
    private String renewsGrantId;
    private String resourceId;
    private String resourceName;
    private String shareType;
    private String providerDepartment;
    private String consumerDepartment;
    private String region;
    private String scenario;
    private String purpose;
    private String legalDuty;
    private List<String> items;
    private List<String> unmaskedItems;
    private String method;
    private Grant.Kind kind;
    private Instant validFrom;
    private Instant validTo;
    private Route route;
    private State state;
    private String submittedBy;
    private Instant submittedAt;
    private Period formalityPeriod;
    private FormalityCheck formalityCheck;
    private Period decisionPeriod;
    private Decision decision;
    private Instant implementationDueAt;
    private Instant implementedAt;
    private Escalation escalation;
    private Coordination coordination;
    private String grantId;
    private boolean grantSettled;
    private String cancellation;
    private String clearItemsApplicationId;
    private Opinion providerOpinion;
    private BureauReview bureauReview;
    private List<Referral> referrals = new ArrayList<>();
    private FinalDecision finalDecision;
    private List<String> filedWith = List.of();
    private List<Attachment> attachments = new ArrayList<>();
    private List<HistoryEntry> history = new ArrayList<>();
    private Long version;

    private ShareApplication() {
    }

    /** An application as stored (see {@link ShareApplicationDocument#toDomain()}). */
    ShareApplication(String id, Type type, String renewsGrantId, String resourceId, String resourceName,
                     String shareType, String providerDepartment, String consumerDepartment, String region,
                     String scenario, String purpose, String legalDuty, List<String> items,
                     List<String> unmaskedItems, String method, Grant.Kind kind, Instant validFrom, Instant validTo,
                     Route route, State state, String submittedBy, Instant submittedAt, Period formalityPeriod,
                     FormalityCheck formalityCheck, Period decisionPeriod, Decision decision,
                     Instant implementationDueAt, Instant implementedAt, Escalation escalation,
                     Coordination coordination, String grantId, boolean grantSettled, String cancellation,
                     String clearItemsApplicationId, Opinion providerOpinion, BureauReview bureauReview,
                     List<Referral> referrals, FinalDecision finalDecision, List<String> filedWith,
                     List<Attachment> attachments, List<HistoryEntry> history, Long version) {
        this.id = id;
        this.type = type;
        this.renewsGrantId = renewsGrantId;
        this.resourceId = resourceId;
        this.resourceName = resourceName;
        this.shareType = shareType;
        this.providerDepartment = providerDepartment;
        this.consumerDepartment = consumerDepartment;
        this.region = region;
        this.scenario = scenario;
        this.purpose = purpose;
        this.legalDuty = legalDuty;
        this.items = items;
        this.unmaskedItems = unmaskedItems;
        this.method = method;
        this.kind = kind;
        this.validFrom = validFrom;
        this.validTo = validTo;
        this.route = route;
        this.state = state;
        this.submittedBy = submittedBy;
        this.submittedAt = submittedAt;
        this.formalityPeriod = formalityPeriod;
        this.formalityCheck = formalityCheck;
        this.decisionPeriod = decisionPeriod;
        this.decision = decision;
        this.implementationDueAt = implementationDueAt;
        this.implementedAt = implementedAt;
        this.escalation = escalation;
        this.coordination = coordination;
        this.grantId = grantId;
        this.grantSettled = grantSettled;
        this.cancellation = cancellation;
        this.clearItemsApplicationId = clearItemsApplicationId;
        this.providerOpinion = providerOpinion;
        this.bureauReview = bureauReview;
        this.referrals = referrals == null ? new ArrayList<>() : new ArrayList<>(referrals);
        this.finalDecision = finalDecision;
        this.filedWith = filedWith == null ? List.of() : List.copyOf(filedWith);
        this.attachments = attachments == null ? new ArrayList<>() : new ArrayList<>(attachments);
        this.history = history == null ? new ArrayList<>() : new ArrayList<>(history);
        this.version = version;
    }

    static ShareApplication submitted(String id, Type type, String renewsGrantId, Submission s, Route route, String submittedBy,
                                      Instant submittedAt) {
        ShareApplication a = new ShareApplication();
        a.id = id;
        a.type = type;
        a.renewsGrantId = renewsGrantId;
        a.resourceId = s.resourceId();
        a.resourceName = s.resourceName();
        a.shareType = s.shareType();
        a.providerDepartment = s.providerDepartment();
        a.consumerDepartment = s.consumerDepartment();
        a.region = s.region();
        a.scenario = s.scenario();
        a.purpose = s.purpose();
        a.legalDuty = s.legalDuty();
        a.items = List.copyOf(s.items());
        a.unmaskedItems = List.copyOf(s.unmaskedItems());
        a.method = s.method();
        a.kind = s.kind();
        a.validFrom = s.validFrom();
        a.validTo = s.validTo();
        a.route = route;
        a.submittedBy = submittedBy;
        a.submittedAt = submittedAt;
        a.grantId = type != Type.NEW ? renewsGrantId : "GR-" + id.substring(id.indexOf('-') + 1);
        a.record(submittedAt, switch (type) {
            case NEW -> "submitted";
            case RENEWAL -> "renewal applied for";
            case CLEAR_ITEMS -> "items in clear requested for grant " + renewsGrantId;
        }, submittedBy, null);
        return a;
    }

    /** What was applied for, checked against the resource. */
    record Submission(String resourceId, String resourceName, String shareType, String providerDepartment,
                      String consumerDepartment, String region, String scenario, String purpose, String legalDuty,
                      List<String> items, List<String> unmaskedItems, String method, Grant.Kind kind, Instant validFrom,
                      Instant validTo) {
    }

    void awaitFormalityCheck(Instant receivedAt, Instant dueAt) {
        state = State.FORMALITY_CHECK;
        formalityPeriod = new Period(receivedAt, dueAt, false);
    }

    void awaitDecision(Instant receivedAt, Instant dueAt) {
        state = State.AWAITING_DECISION;
        decisionPeriod = new Period(receivedAt, dueAt, false);
    }

    void checkFormalities(boolean passed, List<String> reasons, String by, Instant at) {
        formalityCheck = new FormalityCheck(passed, List.copyOf(reasons), by, at);
        if (!passed) {
            state = State.FORMALITY_REJECTED;
        }
        record(at, passed ? "formalities passed" : "formalities not passed", by,
                reasons.isEmpty() ? null : String.join("; ", reasons));
    }

    void approve(Decision approval) {
        decision = approval;
        state = State.APPROVED;
        record(approval.decidedAt(), "approved", approval.decidedBy(), null);
    }

    void refuse(Decision refusal) {
        decision = refusal;
        state = State.REFUSED;
        record(refusal.decidedAt(), "refused", refusal.decidedBy(), String.join("; ", refusal.reasons()));
    }

    /** The personal items asked for in clear went to the provider's decision queue as {@code requestId}. */
    void clearItemsRequested(String requestId, List<String> items, Instant at) {
        clearItemsApplicationId = requestId;
        record(at, "items in clear referred to the provider's approver", "platform",
                String.join(", ", items) + " (" + requestId + ")");
    }

    void expectImplementationBy(Instant dueAt) {
        implementationDueAt = dueAt;
    }

    void implemented(String by, Instant at) {
        implementedAt = at;
        record(at, "implemented", by, null);
    }

    void escalate(String reasons, String by, Instant at) {
        escalation = new Escalation(reasons, by, at);
        state = State.ESCALATED;
        record(at, "escalated to the bureau", by, reasons);
    }

    void coordinated(String outcome, List<String> reasons, String by, Instant at, Decision grant) {
        coordination = new Coordination(outcome, List.copyOf(reasons), by, at);
        if (grant != null) {
            decision = grant;
            state = State.APPROVED;
        } else {
            state = State.REFUSAL_UPHELD;
        }
        record(at, "coordination: " + outcome, by, String.join("; ", reasons));
    }

    /** QY 26: filed with the bureaus of both regions, the consumer's and the provider's. */
    void fileWith(List<String> regions) {
        filedWith = List.copyOf(regions);
        record(submittedAt, "filed with the bureaus of regions " + String.join(", ", regions), "platform", "QY 26");
    }

    /**
     * The provider's opinion goes to the bureau, which decides (QZ 5.4) or confirms it (NJ 22).
     * {@code confirmationPending} says which, for the history.
     */
    void opinionGiven(Opinion opinion, boolean confirmationPending) {
        providerOpinion = opinion;
        bureauReview = null;
        state = State.AWAITING_BUREAU;
        record(opinion.givenAt(), (confirmationPending ? ANSWER_PENDING : OPINION)
                + (opinion.approve() ? "approve" : "refuse"), opinion.givenBy(), String.join("; ", opinion.reasons()));
    }

    /** NJ 22: the bureau sends the provider's answer back; the provider answers again. */
    void sentBack(List<String> reasons, String by, Instant at) {
        bureauReview = new BureauReview(false, List.copyOf(reasons), by, at);
        state = State.AWAITING_DECISION;
        record(at, "answer sent back to the provider by the bureau", by, String.join("; ", reasons));
    }

    /** NJ 22: the bureau confirmed the provider's answer; only now is it the decision. */
    void confirmed(String by, Instant at) {
        bureauReview = new BureauReview(true, List.of(), by, at);
        record(at, "provider's answer confirmed by the bureau", by, null);
    }

    /**
     * The provider's opinion or answer the bureau has not acted on yet: NJ 22 has it reach the
     * applicant only once confirmed (确定后反馈), and under QZ 5.4 it is the bureau's to decide on.
     */
    boolean opinionWithTheBureau() {
        return state == State.AWAITING_BUREAU && providerOpinion != null;
    }

    static final String ANSWER_PENDING = "provider answer (pending bureau confirmation): ";
    static final String OPINION = "provider opinion: ";

    void refer(Referral referral) {
        referrals.add(referral);
        state = State.REFERRED;
        record(referral.referredAt(), "referred: " + referral.step(), referral.referredBy(), referral.reasons());
    }

    void finallyDecided(FinalDecision decided, Decision grant) {
        finalDecision = decided;
        if (grant != null) {
            decision = grant;
            state = State.APPROVED;
        } else {
            state = State.REFUSAL_UPHELD;
        }
        record(decided.recordedAt(), "decided by " + decided.decidingBody() + " on " + decided.decidedOn() + ": "
                + decided.outcome(), decided.recordedBy(), String.join("; ", decided.reasons()));
    }

    void cancel(String why, Instant at) {
        cancellation = why;
        state = State.CANCELLED;
        record(at, "cancelled", "platform", why);
    }

    void markOverdue(boolean formality) {
        if (formality && formalityPeriod != null) {
            formalityPeriod = new Period(formalityPeriod.receivedAt(), formalityPeriod.dueAt(), true);
        } else if (!formality && decisionPeriod != null) {
            decisionPeriod = new Period(decisionPeriod.receivedAt(), decisionPeriod.dueAt(), true);
        }
    }

    void attach(Attachment attachment) {
        attachments.add(attachment);
        record(attachment.uploadedAt(), "attachment " + attachment.filename(), attachment.uploadedBy(), attachment.sha256());
    }

    private void record(Instant at, String action, String by, String note) {
        history.add(new HistoryEntry(at, action, by, note));
    }

    String id() {
        return id;
    }

    Type type() {
        return type;
    }

    String renewsGrantId() {
        return renewsGrantId;
    }

    String resourceId() {
        return resourceId;
    }

    String resourceName() {
        return resourceName;
    }

    String shareType() {
        return shareType;
    }

    String providerDepartment() {
        return providerDepartment;
    }

    String consumerDepartment() {
        return consumerDepartment;
    }

    String region() {
        return region;
    }

    String scenario() {
        return scenario;
    }

    String purpose() {
        return purpose;
    }

    String legalDuty() {
        return legalDuty;
    }

    List<String> items() {
        return items;
    }

    List<String> unmaskedItems() {
        return unmaskedItems;
    }

    String method() {
        return method;
    }

    Grant.Kind kind() {
        return kind;
    }

    Instant validFrom() {
        return validFrom;
    }

    Instant validTo() {
        return validTo;
    }

    Route route() {
        return route;
    }

    State state() {
        return state;
    }

    String submittedBy() {
        return submittedBy;
    }

    Instant submittedAt() {
        return submittedAt;
    }

    Period formalityPeriod() {
        return formalityPeriod;
    }

    FormalityCheck formalityCheck() {
        return formalityCheck;
    }

    Period decisionPeriod() {
        return decisionPeriod;
    }

    Decision decision() {
        return decision;
    }

    Instant implementationDueAt() {
        return implementationDueAt;
    }

    Instant implementedAt() {
        return implementedAt;
    }

    Escalation escalation() {
        return escalation;
    }

    Coordination coordination() {
        return coordination;
    }

    String grantId() {
        return grantId;
    }

    boolean grantSettled() {
        return grantSettled;
    }

    void settled() {
        grantSettled = true;
    }

    String cancellation() {
        return cancellation;
    }

    String clearItemsApplicationId() {
        return clearItemsApplicationId;
    }

    Opinion providerOpinion() {
        return providerOpinion;
    }

    BureauReview bureauReview() {
        return bureauReview;
    }

    List<Referral> referrals() {
        return List.copyOf(referrals);
    }

    FinalDecision finalDecision() {
        return finalDecision;
    }

    List<String> filedWith() {
        return filedWith;
    }

    List<Attachment> attachments() {
        return List.copyOf(attachments);
    }

    List<HistoryEntry> history() {
        return List.copyOf(history);
    }

    Long version() {
        return version;
    }

}
