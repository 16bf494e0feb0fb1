package cn.govdata.sharing.demand;

import cn.govdata.domain.DomainModel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A department's demand for data that is not in the catalog (NT 24-25, QY 24), addressed to the
 * department believed to hold it:
 * <pre>
 *   OPEN ─NOT_OURS──► NOT_OURS
 *        ─CANNOT────► CANNOT         (with reasons, NT 25)
 *        ─WILL_PUBLISH (byDate) ─► WILL_PUBLISH ─published─► FULFILLED
 * </pre>
 * The answer is due within the profile's days; a promised publication is tracked until its date.
 * Missing either marks the demand overdue (and the deadline engine tells the bureau).
 * {@link DemandDocument} is how a demand is stored; {@code version} is the stored version it was read at.
 */
@DomainModel
class Demand {

    enum State {
        OPEN, NOT_OURS, WILL_PUBLISH, CANNOT, FULFILLED
    }

    enum Answer {
        NOT_OURS, WILL_PUBLISH, CANNOT
    }

    record Answered(Answer answer, LocalDate byDate, Instant publishDueAt, String reasons, String answeredBy,
                    Instant answeredAt) {
    }

    record Fulfilment(String resourceId, String fulfilledBy, Instant fulfilledAt) {
    }

    private String id;
    private String requestingDepartment;
    private String addressedTo;
    private String region;
    private String description;
    private List<String> items;
    private String purpose;
    private State state;
    private String raisedBy;
    private Instant raisedAt;
    private Instant answerDueAt;
    private boolean answerOverdue;
    private Answered answer;
    private boolean publishOverdue;
    private Fulfilment fulfilment;
    private Long version;

    private Demand() {
    }

    /** A demand as stored (see {@link DemandDocument#toDomain()}). */
    Demand(String id, String requestingDepartment, String addressedTo, String region, String description, List<String> items,
           String purpose, State state, String raisedBy, Instant raisedAt, Instant answerDueAt, boolean answerOverdue,
           Answered answer, boolean publishOverdue, Fulfilment fulfilment, Long version) {
        this.id = id;
        this.requestingDepartment = requestingDepartment;
        this.addressedTo = addressedTo;
        this.region = region;
        this.description = description;
        this.items = items;
        this.purpose = purpose;
        this.state = state;
        this.raisedBy = raisedBy;
        this.raisedAt = raisedAt;
        this.answerDueAt = answerDueAt;
        this.answerOverdue = answerOverdue;
        this.answer = answer;
        this.publishOverdue = publishOverdue;
        this.fulfilment = fulfilment;
        this.version = version;
    }

    static Demand raised(String id, String requestingDepartment, String addressedTo, String region, String description,
                         List<String> items, String purpose, String raisedBy, Instant raisedAt, Instant answerDueAt) {
        Demand d = new Demand();
        d.id = id;
        d.requestingDepartment = requestingDepartment;
        d.addressedTo = addressedTo;
        d.region = region;
        d.description = description;
        d.items = List.copyOf(items);
        d.purpose = purpose;
        d.state = State.OPEN;
        d.raisedBy = raisedBy;
        d.raisedAt = raisedAt;
        d.answerDueAt = answerDueAt;
        return d;
    }

    void answer(Answered answered) {
        answer = answered;
        state = switch (answered.answer()) {
            case NOT_OURS -> State.NOT_OURS;
            case WILL_PUBLISH -> State.WILL_PUBLISH;
            case CANNOT -> State.CANNOT;
        };
    }

    void fulfil(Fulfilment done) {
        fulfilment = done;
        state = State.FULFILLED;
    }

    void answerOverdue() {
        answerOverdue = true;
    }

    void publishOverdue() {
        publishOverdue = true;
    }

    String id() {
        return id;
    }

    String requestingDepartment() {
        return requestingDepartment;
    }

    String addressedTo() {
        return addressedTo;
    }

    String region() {
        return region;
    }

    String description() {
        return description;
    }

    List<String> items() {
        return items;
    }

    String purpose() {
        return purpose;
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

    Instant answerDueAt() {
        return answerDueAt;
    }

    boolean isAnswerOverdue() {
        return answerOverdue;
    }

    Answered answer() {
        return answer;
    }

    boolean isPublishOverdue() {
        return publishOverdue;
    }

    Fulfilment fulfilment() {
        return fulfilment;
    }

    Long version() {
        return version;
    }
}
