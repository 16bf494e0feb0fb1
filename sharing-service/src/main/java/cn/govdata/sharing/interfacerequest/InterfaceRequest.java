package cn.govdata.sharing.interfacerequest;

import cn.govdata.domain.DomainModel;

import java.time.Instant;

/**
 * A request that a producing department provide a new service interface (QZ 2.3: 数据管理机构要求数据
 * 生产单位提供更多服务接口的，数据生产单位应在10个工作日内按要求提供).
 * <pre>
 *   PROPOSED ─bureau forwards─► REQUESTED ─provider delivers─► DELIVERED ─operator publishes─► PUBLISHED
 *            ─bureau declines─► DECLINED
 * </pre>
 * The bureau requests directly (state REQUESTED) or forwards a consumer department's proposal. While
 * REQUESTED the provider may file one written extension application, which the bureau approves
 * (moving the due time by at most the profile's extension) or refuses. Missing the due time marks
 * the request overdue; it stays open until delivered. {@code version} is the stored version it was read at.
 */
@DomainModel
final class InterfaceRequest {

    enum State {
        PROPOSED, DECLINED, REQUESTED, DELIVERED, PUBLISHED
    }

    /** What is wanted: the data, the scenario it serves and the interface it should have. */
    record Wanted(String dataWanted, String scenario, String interfaceSpec) {
    }

    record Proposal(String proposedBy, Instant proposedAt, String decidedBy, Instant decidedAt, String reasons) {
    }

    /** The one written extension application and the bureau's answer ({@code approved} null while pending). */
    record Extension(int workingDays, String reasons, String appliedBy, Instant appliedAt, Boolean approved,
                     Integer grantedWorkingDays, String decidedBy, Instant decidedAt, String decisionReasons,
                     Instant previousDueAt) {

        Extension decided(boolean approve, Integer granted, String by, Instant at, String why, Instant previousDue) {
            return new Extension(workingDays, reasons, appliedBy, appliedAt, approve, granted, by, at, why, previousDue);
        }

        boolean pending() {
            return approved == null;
        }
    }

    record Delivery(String interfaceSpec, String usageNotes, String deliveredBy, Instant deliveredAt, boolean late) {
    }

    /** The technical service unit's re-wrapped interface as published on the platform (QZ 2.3). */
    record Publication(String serviceName, String notes, String publishedBy, Instant publishedAt) {
    }

    private final String id;
    private final String provider;
    private final String consumer;
    private final String region;
    private final Wanted wanted;
    private State state;
    private final String raisedBy;
    private final Instant raisedAt;
    private Proposal proposal;
    private Instant requestedAt;
    private String requestedBy;
    private Instant answerDueAt;
    private boolean overdue;
    private Extension extension;
    private Delivery delivery;
    private Publication publication;
    private final Long version;

    InterfaceRequest(String id, String provider, String consumer, String region, Wanted wanted, State state, String raisedBy,
                     Instant raisedAt, Proposal proposal, Instant requestedAt, String requestedBy, Instant answerDueAt,
                     boolean overdue, Extension extension, Delivery delivery, Publication publication, Long version) {
        this.id = id;
        this.provider = provider;
        this.consumer = consumer;
        this.region = region;
        this.wanted = wanted;
        this.state = state;
        this.raisedBy = raisedBy;
        this.raisedAt = raisedAt;
        this.proposal = proposal;
        this.requestedAt = requestedAt;
        this.requestedBy = requestedBy;
        this.answerDueAt = answerDueAt;
        this.overdue = overdue;
        this.extension = extension;
        this.delivery = delivery;
        this.publication = publication;
        this.version = version;
    }

    /** The bureau's own request, due at {@code dueAt}. */
    static InterfaceRequest requested(String id, String provider, String consumer, String region, Wanted wanted, String by,
                                      Instant at, Instant dueAt) {
        return new InterfaceRequest(id, provider, consumer, region, wanted, State.REQUESTED, by, at, null, at, by, dueAt,
                false, null, null, null, null);
    }

    /** A consumer department's proposal, waiting for the bureau to forward it. */
    static InterfaceRequest proposed(String id, String provider, String consumer, String region, Wanted wanted, String by,
                                     Instant at) {
        return new InterfaceRequest(id, provider, consumer, region, wanted, State.PROPOSED, by, at,
                new Proposal(by, at, null, null, null), null, null, null, false, null, null, null, null);
    }

    void forward(String by, Instant at, Instant dueAt, String reasons) {
        proposal = new Proposal(proposal.proposedBy(), proposal.proposedAt(), by, at, reasons);
        state = State.REQUESTED;
        requestedBy = by;
        requestedAt = at;
        answerDueAt = dueAt;
    }

    void decline(String by, Instant at, String reasons) {
        proposal = new Proposal(proposal.proposedBy(), proposal.proposedAt(), by, at, reasons);
        state = State.DECLINED;
    }

    void applyForExtension(Extension application) {
        extension = application;
    }

    /** Approved: due {@code newDueAt}; refused: the due time stands. */
    void decideExtension(boolean approve, Integer granted, String by, Instant at, String why, Instant newDueAt) {
        extension = extension.decided(approve, granted, by, at, why, answerDueAt);
        if (approve) {
            answerDueAt = newDueAt;
        }
    }

    void deliver(Delivery done) {
        delivery = done;
        state = State.DELIVERED;
    }

    void publish(Publication done) {
        publication = done;
        state = State.PUBLISHED;
    }

    void markOverdue() {
        overdue = true;
    }

    boolean wasExtended() {
        return extension != null && Boolean.TRUE.equals(extension.approved());
    }

    String id() {
        return id;
    }

    String provider() {
        return provider;
    }

    String consumer() {
        return consumer;
    }

    String region() {
        return region;
    }

    Wanted wanted() {
        return wanted;
    }

    State state() {
        return state;
    }

    String raisedBy() {
        return raisedBy;
    }

    Instant raisedAt() {
        return raisedAt;
    }

    Proposal proposal() {
        return proposal;
    }

    Instant requestedAt() {
        return requestedAt;
    }

    String requestedBy() {
        return requestedBy;
    }

    Instant answerDueAt() {
        return answerDueAt;
    }

    boolean isOverdue() {
        return overdue;
    }

    Extension extension() {
        return extension;
    }

    Delivery delivery() {
        return delivery;
    }

    Publication publication() {
        return publication;
    }

    Long version() {
        return version;
    }
}
