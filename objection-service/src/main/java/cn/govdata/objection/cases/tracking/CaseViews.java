package cn.govdata.objection.cases.tracking;

import cn.govdata.objection.cases.model.CaseKind;
import cn.govdata.objection.cases.model.CaseState;
import cn.govdata.objection.cases.model.CaseStep;
import cn.govdata.objection.cases.model.Decision;
import cn.govdata.objection.cases.model.Masking;
import cn.govdata.objection.cases.model.ObjectionCase;
import cn.govdata.objection.cases.model.Objector;
import cn.govdata.objection.cases.model.Outcome;
import cn.govdata.objection.cases.model.Reason;
import cn.govdata.objection.cases.model.ServiceContext;

import java.time.Instant;
import java.util.List;

/**
 * What the objection desk answers. Handlers get {@link CaseView} with the objector's contact
 * details; auditors the same view masked and without the claim's text or internal notes;
 * objectors {@link TrackingView} of their own case: state, deadlines and outcome, no internal notes,
 * no staff names. Lists never carry personal data.
 */
public final class CaseViews {

    private CaseViews() {
    }

    public record ResourceView(String id, String name, String providerDepartment) {
    }

    public record EvidenceView(String id, String filename, String contentType, long size, String sha256) {
    }

    public record StepView(String step, String responsibleDepartment, Instant dueAt, String rule, String citation, String state,
                    Instant closedAt, Boolean onTime, Instant missedAt, boolean escalated) {
    }

    public record CaseView(String id, String trackingNumber, CaseKind kind, CaseState state, Reason reason, ResourceView resource,
                    String recordKey, List<String> fields, String claim, Objector objector, boolean personalDataMasked,
                    String reporterDepartment, ServiceContext service, List<EvidenceView> evidence, Instant receivedAt,
                    ObjectionCase.Marking marking, ObjectionCase.Routing routing, ObjectionCase.Ruling decision,
                    ObjectionCase.Correction correction, Outcome outcome, Instant closedAt, List<StepView> deadlines,
                    boolean escalated, List<ObjectionCase.Note> notes, List<ObjectionCase.Notification> notifications) {
    }

    public record CaseSummary(String id, CaseKind kind, CaseState state, Reason reason, String resourceId, String providerDepartment,
                       String assignedDepartment, String objector, Instant receivedAt, String waitingFor, Instant dueAt,
                       boolean escalated, Outcome outcome) {
    }

    public record TrackedStep(String step, Instant dueAt, String state, Boolean onTime) {
    }

    public record TrackedDecision(Decision decision, String reasons, Instant decidedAt) {
    }

    public record TrackedCorrection(List<String> correctedFields, Instant correctedAt) {
    }

    public record TrackedEvidence(String id, String filename, long size) {
    }

    public record TrackingView(String trackingNumber, CaseKind kind, CaseState state, String status, Reason reason,
                        ResourceView resource, String recordKey, List<String> fields, String claim, Instant receivedAt,
                        Instant markedAt, String handlingDepartment, List<TrackedStep> deadlines, TrackedDecision decision,
                        TrackedCorrection correction, Outcome outcome, Instant closedAt, List<TrackedEvidence> evidence,
                        List<ObjectionCase.Notification> notifications) {
    }

    public static CaseView full(ObjectionCase c) {
        return new CaseView(c.id(), c.id(), c.kind(), c.state(), c.reason(), resource(c), c.recordKey(), c.fields(), c.claim(),
                c.objector(), false, c.reporterDepartment(), c.service(),
                c.evidence().stream().map(e -> new EvidenceView(e.id(), e.filename(), e.contentType(), e.size(), e.sha256())).toList(),
                c.receivedAt(), c.marking(), c.routing(), c.ruling(), c.correction(), c.outcome(), c.closedAt(), steps(c),
                c.escalated(), c.notes(), c.notifications());
    }

    /**
     * For auditors: the handling in full, the objector and the record key masked, free texts that may hold
     * personal data left out. Only handlers (the responsible department, bureau, operator) and the
     * objector see the record key in clear.
     */
    public static CaseView masked(ObjectionCase c) {
        ServiceContext service = c.service() == null ? null : new ServiceContext(c.service().servingDepartment(),
                c.service().serviceName(), c.service().proceededOnValidProof(), null);
        return new CaseView(c.id(), c.id(), c.kind(), c.state(), c.reason(), resource(c), Masking.recordKey(c.recordKey()), c.fields(), null,
                c.objector().masked(), true, c.reporterDepartment(), service,
                c.evidence().stream().map(e -> new EvidenceView(e.id(), null, e.contentType(), e.size(), e.sha256())).toList(),
                c.receivedAt(), c.marking(), c.routing(), c.ruling(), c.correction(), c.outcome(), c.closedAt(), steps(c),
                c.escalated(), List.of(), c.notifications());
    }

    public static CaseSummary summary(ObjectionCase c) {
        var next = c.openStep();
        return new CaseSummary(c.id(), c.kind(), c.state(), c.reason(), c.resource().id(), c.resource().providerDepartment(),
                c.routing() == null ? null : c.routing().department(), c.objector().maskedDisplayName(), c.receivedAt(),
                next.map(s -> s.step().wireName()).orElse(null), next.map(CaseStep::dueAt).orElse(null), c.escalated(),
                c.outcome());
    }

    public static TrackingView tracking(ObjectionCase c) {
        return new TrackingView(c.id(), c.kind(), c.state(), status(c), c.reason(),
                new ResourceView(c.resource().id(), c.resource().name(), c.resource().providerDepartment()), c.recordKey(),
                c.fields(), c.claim(), c.receivedAt(), c.marking() == null ? null : c.marking().markedAt(),
                c.routing() == null ? null : c.routing().department(),
                c.steps().stream().map(s -> new TrackedStep(s.step().wireName(), s.dueAt(), state(s), s.onTime())).toList(),
                c.ruling() == null ? null : new TrackedDecision(c.ruling().decision(), c.ruling().reasons(), c.ruling().decidedAt()),
                c.correction() == null ? null : new TrackedCorrection(c.correction().correctedFields(), c.correction().correctedAt()),
                c.outcome(), c.closedAt(),
                c.evidence().stream().map(e -> new TrackedEvidence(e.id(), e.filename(), e.size())).toList(),
                c.notifications());
    }

    private static ResourceView resource(ObjectionCase c) {
        return new ResourceView(c.resource().id(), c.resource().name(), c.resource().providerDepartment());
    }

    private static List<StepView> steps(ObjectionCase c) {
        return c.steps().stream().map(s -> new StepView(s.step().wireName(), s.responsibleDepartment(), s.dueAt(), s.rule(),
                s.citation(), state(s), s.closedAt(), s.onTime(), s.missedAt(), s.escalated())).toList();
    }

    private static String state(CaseStep s) {
        return s.isOpen() ? "OPEN" : s.cancelled() ? "CANCELLED" : "DONE";
    }

    private static String status(ObjectionCase c) {
        return switch (c.state()) {
            case RECEIVED -> "已受理";
            case DISPUTED -> "已标注异议，待分办";
            case PLATFORM_REVIEW -> "市大数据中心核实中";
            case TRANSFERRED -> "已转交数据提供部门核实";
            case CORRECTING -> "已决定更正，源头更正中";
            case CLOSED -> switch (c.outcome()) {
                case CORRECTED -> "已更正，已办结";
                case REJECTED -> "不予更正，已办结";
                case WITHDRAWN -> "已撤回，已办结";
            };
        };
    }
}
