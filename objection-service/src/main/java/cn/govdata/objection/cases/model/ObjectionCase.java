package cn.govdata.objection.cases.model;

import cn.govdata.domain.DomainModel;
import cn.govdata.domain.Refusal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An objection to government data and its handling. Immutable: each transition checks the state
 * and returns the next version, closing and opening statutory {@link CaseStep}s on the way. The id
 * is the tracking number the objector follows the case with.
 */
@DomainModel
public record ObjectionCase(
        String id,
        CaseKind kind,
        CaseState state,
        Reason reason,
        ResourceRef resource,
        String recordKey,
        List<String> fields,
        String claim,
        Objector objector,
        Filer filedBy,
        String reporterDepartment,
        ServiceContext service,
        List<EvidenceFile> evidence,
        Instant receivedAt,
        Marking marking,
        Routing routing,
        Ruling ruling,
        Correction correction,
        Outcome outcome,
        Instant closedAt,
        List<CaseStep> steps,
        List<Note> notes,
        List<Notification> notifications) {

    /** The catalog resource objected to, as the read model knew it at filing. */
    public record ResourceRef(String id, String name, String providerDepartment, String region) {
    }

    /** Who filed, from the token: the objector's own login (or the reporting department's user or system). */
    public record Filer(String subject, String actor, String department) {
    }

    public record Marking(Instant markedAt, String markedBy, boolean automatic) {
    }

    public record Routing(Route route, String department, String routedBy, Instant routedAt) {
    }

    /** The decision; {@code reasons} are shown to the objector. */
    public record Ruling(Decision decision, String reasons, String decidedBy, String department, Instant decidedAt) {
    }

    public record Correction(List<String> correctedFields, String note, String correctedBy, Instant correctedAt) {
    }

    /** Internal working notes of handlers; never shown to the objector. */
    public record Note(Instant at, String by, String text) {
    }

    /** What the objector was told, in order; the tracking page shows these. */
    public record Notification(Instant at, String kind, String message) {
    }

    public ObjectionCase {
        fields = List.copyOf(fields == null ? List.of() : fields);
        evidence = List.copyOf(evidence == null ? List.of() : evidence);
        steps = List.copyOf(steps == null ? List.of() : steps);
        notes = List.copyOf(notes == null ? List.of() : notes);
        notifications = List.copyOf(notifications == null ? List.of() : notifications);
    }

    /**
     * A new case. When the record is identified and {@code markOnReceipt} holds, it is marked disputed
     * at once (NJ 35 asks for one working day; sooner is better); otherwise a mark step opens.
     */
    public static ObjectionCase file(String id, CaseKind kind, Reason reason, ResourceRef resource, String recordKey,
                              List<String> fields, String claim, Objector objector, Filer filer, String reporterDepartment,
                              ServiceContext service, List<EvidenceFile> evidence, Instant at, boolean markOnReceipt,
                              boolean autoMark, String platformDepartment, StepPlanner planner) {
        List<CaseStep> steps = new ArrayList<>();
        boolean identified = recordKey != null && !recordKey.isBlank();
        CaseStep mark = planner.open(Step.MARK, platformDepartment, at, autoMark && identified);
        Marking marking = null;
        CaseState state = CaseState.RECEIVED;
        List<Notification> told = new ArrayList<>();
        told.add(new Notification(at, "RECEIVED", "异议已受理，受理编号 " + id + "。"));
        if (identified && markOnReceipt) {
            steps.add(mark.done(at));
            marking = new Marking(at, "platform", true);
            state = CaseState.DISPUTED;
            told.add(new Notification(at, "MARKED", "相关数据已标注为异议数据。"));
        } else {
            steps.add(mark);
        }
        steps.add(planner.open(Step.TRANSFER, platformDepartment, at, false));
        return new ObjectionCase(id, kind, state, reason, resource, identified ? recordKey : null, fields, claim, objector,
                filer, reporterDepartment, service, evidence, at, marking, null, null, null, null, null, steps, List.of(),
                told);
    }

    /** The platform marks the record disputed, identifying it if the objector could not. */
    public ObjectionCase mark(String identifiedRecordKey, List<String> identifiedFields, String actor, Instant at, boolean automatic) {
        require(state == CaseState.RECEIVED, "mark it disputed", "it is " + state + (marking != null ? ", marked at " + marking.markedAt() : ""));
        String key = identifiedRecordKey != null && !identifiedRecordKey.isBlank() ? identifiedRecordKey : recordKey;
        if (key == null) {
            throw Refusal.invalidField("recordKey", "identify the record to mark: the objection did not name one");
        }
        List<String> markedFields = identifiedFields != null && !identifiedFields.isEmpty() ? identifiedFields : fields;
        return new ObjectionCase(id, kind, CaseState.DISPUTED, reason, resource, key, markedFields, claim, objector, filedBy,
                reporterDepartment, service, evidence, receivedAt, new Marking(at, actor, automatic), routing, ruling,
                correction, outcome, closedAt, withStep(Step.MARK, s -> s.done(at)), notes,
                told(at, "MARKED", "相关数据已标注为异议数据。"));
    }

    /** Routes a marked case: the platform decides itself or the responsible department does. */
    public ObjectionCase route(Route route, String department, String actor, Instant at, String platformDepartment,
                        StepPlanner planner) {
        require(state == CaseState.DISPUTED, "route it", state == CaseState.RECEIVED
                ? "its data is not marked disputed yet" : "it is " + state);
        List<CaseStep> next = new ArrayList<>(withStep(Step.TRANSFER, s -> s.done(at)));
        String decider = route == Route.PLATFORM ? platformDepartment : department;
        if (kind == CaseKind.DATA_SUBJECT) {
            next.add(planner.open(Step.VERIFY, decider, receivedAt, false));
        } else if (route == Route.PLATFORM) {
            next.add(planner.open(Step.PLATFORM_DECISION, decider, receivedAt, false));
        } else {
            next.add(planner.open(Step.SOURCE_DECISION, decider, at, false));
        }
        String message = route == Route.PLATFORM ? "异议由市大数据中心核实处理。" : "异议已转交数据提供部门 " + department + " 核实处理。";
        return new ObjectionCase(id, kind, route == Route.PLATFORM ? CaseState.PLATFORM_REVIEW : CaseState.TRANSFERRED, reason,
                resource, recordKey, fields, claim, objector, filedBy, reporterDepartment, service, evidence, receivedAt, marking,
                new Routing(route, decider, actor, at), ruling, correction, outcome, closedAt, next, notes,
                told(at, "ROUTED", message));
    }

    /** Decides on the objection: correct (a fix step opens) or reject with reasons (the case closes). */
    public ObjectionCase decide(Decision decision, String reasons, String actor, Instant at, StepPlanner planner) {
        require(state.awaitingDecision(), "decide on it", "it is " + state);
        if (decision == Decision.REJECT && (reasons == null || reasons.isBlank())) {
            throw Refusal.invalidField("reasons", "a rejection must give its reasons; the objector reads them");
        }
        Step decisionStep = openStep().filter(s -> s.step().isDecision()).map(CaseStep::step)
                .orElseThrow(() -> new IllegalStateException("case " + id + " awaits a decision without a decision step"));
        List<CaseStep> next = new ArrayList<>(withStep(decisionStep, s -> s.done(at)));
        Ruling ruling = new Ruling(decision, reasons, actor, routing.department(), at);
        if (decision == Decision.CORRECT) {
            next.add(planner.open(Step.FIX, routing.department(), at, false));
            return new ObjectionCase(id, kind, CaseState.CORRECTING, reason, resource, recordKey, fields, claim, objector,
                    filedBy, reporterDepartment, service, evidence, receivedAt, marking, routing, ruling, correction, outcome,
                    closedAt, next, notes, told(at, "DECIDED", "经核实，数据确有错误，将予以更正。"));
        }
        return new ObjectionCase(id, kind, CaseState.CLOSED, reason, resource, recordKey, fields, claim, objector, filedBy,
                reporterDepartment, service, evidence, receivedAt, marking, routing, ruling, correction, Outcome.REJECTED, at,
                next, notes, told(at, "OUTCOME", "经核实，不予更正。理由：" + reasons));
    }

    /** The department corrected the data at source and re-published it: the case closes as corrected. */
    public ObjectionCase correct(List<String> correctedFields, String note, String actor, Instant at) {
        require(state == CaseState.CORRECTING, "record its correction", state.awaitingDecision()
                ? "no decision to correct was made yet" : "it is " + state);
        return new ObjectionCase(id, kind, CaseState.CLOSED, reason, resource, recordKey, fields, claim, objector, filedBy,
                reporterDepartment, service, evidence, receivedAt, marking, routing, ruling,
                new Correction(correctedFields, note, actor, at), Outcome.CORRECTED, at, withStep(Step.FIX, s -> s.done(at)),
                notes, told(at, "OUTCOME", "数据已在源头更正并重新发布，更正的数据项：" + String.join("、", correctedFields) + "。"));
    }

    /** Ends a case before a decision: withdrawn by the objector, or closed by the platform (a duplicate). */
    public ObjectionCase withdraw(String why, String actor, Instant at) {
        require(state.beforeDecision(), "withdraw it", state == CaseState.CORRECTING
                ? "the data is already being corrected" : "it is " + state);
        List<CaseStep> next = steps.stream().map(s -> s.isOpen() ? s.cancelledAt(at) : s).toList();
        List<Note> withReason = new ArrayList<>(notes);
        withReason.add(new Note(at, actor, "撤回/结案：" + why));
        return new ObjectionCase(id, kind, CaseState.CLOSED, reason, resource, recordKey, fields, claim, objector, filedBy,
                reporterDepartment, service, evidence, receivedAt, marking, routing, ruling, correction, Outcome.WITHDRAWN, at,
                next, withReason, told(at, "OUTCOME", "异议已撤回，案件办结。"));
    }

    /** The platform's own mark when Nanjing's one working day ran out (NJ 35); still counted as missed. */
    public ObjectionCase markedAutomatically(Instant at) {
        return withSteps(withStep(Step.MARK, s -> s.missed(at, false))).mark(null, null, "platform", at, true);
    }

    /** A step's deadline passed with the step undone: it goes to the data bureau. */
    public ObjectionCase escalated(Step step, Instant at) {
        return withSteps(withStep(step, s -> s.missed(at, true)));
    }

    public ObjectionCase noted(String actor, String text, Instant at) {
        List<Note> next = new ArrayList<>(notes);
        next.add(new Note(at, actor, text));
        return new ObjectionCase(id, kind, state, reason, resource, recordKey, fields, claim, objector, filedBy,
                reporterDepartment, service, evidence, receivedAt, marking, routing, ruling, correction, outcome, closedAt, steps,
                next, notifications);
    }

    /** The step's open entry, if the case is in that step now. */
    public Optional<CaseStep> open(Step step) {
        return steps.stream().filter(s -> s.step() == step && s.isOpen()).findFirst();
    }

    public Optional<CaseStep> step(Step step) {
        return steps.stream().filter(s -> s.step() == step).reduce((first, last) -> last);
    }

    /** The earliest-due open step: what the case waits for. */
    public Optional<CaseStep> openStep() {
        return steps.stream().filter(CaseStep::isOpen).min(java.util.Comparator.comparing(CaseStep::dueAt));
    }

    public boolean escalated() {
        return steps.stream().anyMatch(CaseStep::escalated);
    }

    public boolean isMarked() {
        return marking != null;
    }

    /** The department that must act now: the one routed to, or the platform before routing. */
    public String responsibleDepartment(String platformDepartment) {
        return routing != null ? routing.department() : platformDepartment;
    }

    private List<CaseStep> withStep(Step step, UnaryOperator<CaseStep> change) {
        boolean found = false;
        List<CaseStep> next = new ArrayList<>();
        for (CaseStep s : steps) {
            if (s.step() == step && s.isOpen() && !found) {
                next.add(change.apply(s));
                found = true;
            } else {
                next.add(s);
            }
        }
        return next;
    }

    private ObjectionCase withSteps(List<CaseStep> next) {
        return new ObjectionCase(id, kind, state, reason, resource, recordKey, fields, claim, objector, filedBy,
                reporterDepartment, service, evidence, receivedAt, marking, routing, ruling, correction, outcome, closedAt, next,
                notes, notifications);
    }

    private List<Notification> told(Instant at, String kind, String message) {
        List<Notification> next = new ArrayList<>(notifications);
        next.add(new Notification(at, kind, message));
        return next;
    }

    private void require(boolean allowed, String what, String because) {
        if (!allowed) {
            throw Refusal.conflict("invalid-state", "Cannot " + what + " for case " + id + ": " + because);
        }
    }
}
