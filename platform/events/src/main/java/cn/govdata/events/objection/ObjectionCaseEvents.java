package cn.govdata.events.objection;

import java.time.Instant;
import java.util.List;

/**
 * The life of an objection case on the objection desk (topic govdata.objection.v1, key = case id =
 * tracking number), for supervision (objection handling on time, NT 31) and county platforms.
 * Like {@link ObjectionEvents} they never carry the objector's identity or contact details: at
 * most a masked name such as {@code 张*}. Actors named are the platform's and departments' staff.
 */
public final class ObjectionCaseEvents {

    private ObjectionCaseEvents() {
    }

    /**
     * An objection was filed. {@code kind} is PUBLIC (a citizen or organisation, NJ 35),
     * CONSUMER_REPORT (a consumer department reporting problem data, NT 29, QZ 7) or DATA_SUBJECT
     * (raised while being served, QY 28). {@code recordPseudonym} (the keyed pseudonym of the record key, never the key) and
     * {@code markDueAt} are null when
     * the record still has to be identified; {@code markedAt} is set when it was marked disputed on
     * receipt. {@code serviceProceededOnValidProof} is set for DATA_SUBJECT only.
     */
    public record Received(String caseId, String kind, String reason, String resourceId, String providerDepartment,
                           String recordPseudonym, List<String> fields, String objectorMasked, String reporterDepartment,
                           String servingDepartment, Boolean serviceProceededOnValidProof, Instant receivedAt,
                           Instant markDueAt, Instant markedAt, Instant transferDueAt) {
    }

    /**
     * The platform routed the case: it corrects the data itself ({@code route} PLATFORM, decision
     * within 5 working days of receipt under NJ 35) or transferred it to the responsible
     * department (DEPARTMENT, within 2 working days of receipt). {@code onTime} compares with
     * {@code transferDueAt}.
     */
    public record Routed(String caseId, String route, String department, String routedBy, Instant routedAt,
                         Instant transferDueAt, boolean onTime, Instant decisionDueAt) {
    }

    /**
     * The responsible department (or the platform) decided: CORRECT, then fix at source by
     * {@code fixDueAt}; or REJECT, with reasons the objector reads on the tracking page (not here).
     */
    public record Decided(String caseId, String resourceId, String department, String decision, String decidedBy,
                          Instant decidedAt, Instant dueAt, boolean onTime, Instant fixDueAt) {
    }

    /** A statutory step of the case passed its due time undone; the data bureau takes it up. */
    public record Escalated(String caseId, String step, String responsibleDepartment, Instant dueAt, String ruleCitation,
                            Instant escalatedAt) {
    }

    /**
     * The objector was told the outcome (CORRECTED, REJECTED or WITHDRAWN) and the case is closed.
     * {@code channel} is TRACKING_PAGE: the outcome is on the objector's tracking page from now on.
     */
    public record ObjectorInformed(String caseId, String outcome, String channel, Instant informedAt) {
    }
}
