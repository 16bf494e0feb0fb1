package cn.govdata.catalog.duty;

import cn.govdata.domain.DomainModel;
import cn.govdata.domain.Refusal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A department's duty to update catalog entries by a statutory due time. Immutable: each step
 * returns the next state (see {@link DutyState}).
 *
 * @param changedAt  the day the law, function or system change was published; the period runs from it
 * @param censusYear the year of an {@link DutyTrigger#ANNUAL_CENSUS} duty, else null
 * @param entryIds   the department's entries to update; empty for a census
 * @param citation   the article the due time rests on, e.g. {@code NJ 18}
 * @param evidence   for each listed entry, the first change submitted (or withdrawal requested) after opening
 * @param onTime     whether the duty was fulfilled before {@code dueAt}; null until fulfilled
 * @param outcome    for a {@link DutyTrigger#RESTRICTED_REEVALUATION} duty, what the evaluation found; else null
 */
@DomainModel
record CatalogDuty(String id, String department, String region, DutyTrigger trigger, String description, LocalDate changedAt,
                   Integer censusYear, List<String> entryIds, String openedBy, Instant openedAt, Instant dueAt,
                   String citation, DutyState state, Instant fulfilledAt, String fulfilledBy, Boolean onTime,
                   String confirmation, List<Evidence> evidence, Instant overdueAt, ReevaluationOutcome outcome) {

    /** What shows that an entry was dealt with: {@code action} is the entry history's "submitted" or "withdrawal requested". */
    record Evidence(String entryId, String action, Instant at, String actor) {
    }

    CatalogDuty {
        entryIds = entryIds == null ? List.of() : List.copyOf(entryIds);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    static CatalogDuty open(String id, String department, String region, DutyTrigger trigger, String description,
                            LocalDate changedAt, Integer censusYear, List<String> entryIds, String openedBy, Instant openedAt,
                            Instant dueAt, String citation) {
        return new CatalogDuty(id, department, region, trigger, description, changedAt, censusYear, entryIds, openedBy,
                openedAt, dueAt, citation, DutyState.OPEN, null, null, null, null, List.of(), null, null);
    }

    boolean isCensus() {
        return trigger == DutyTrigger.ANNUAL_CENSUS;
    }

    boolean isReevaluation() {
        return trigger == DutyTrigger.RESTRICTED_REEVALUATION;
    }

    /**
     * Census and re-evaluation duties are closed by the department's word (a confirmation, an
     * evaluation outcome), never found fulfilled from entry changes alone.
     */
    boolean closedByConfirmation() {
        return isCensus() || isReevaluation();
    }

    /** Done at {@code at}; on time when that is before the (exclusive) due time. */
    CatalogDuty fulfil(Instant at, String by, String confirmationText, List<Evidence> proof) {
        return fulfil(at, by, confirmationText, proof, null);
    }

    CatalogDuty fulfil(Instant at, String by, String confirmationText, List<Evidence> proof, ReevaluationOutcome result) {
        if (state == DutyState.FULFILLED) {
            throw Refusal.conflict("duty-fulfilled", "Duty " + id + " was fulfilled at " + fulfilledAt);
        }
        return new CatalogDuty(id, department, region, trigger, description, changedAt, censusYear, entryIds, openedBy, openedAt,
                dueAt, citation, DutyState.FULFILLED, at, by, at.isBefore(dueAt), confirmationText, proof, overdueAt, result);
    }

    CatalogDuty markOverdue(Instant now) {
        if (state != DutyState.OPEN) {
            throw new IllegalStateException("Duty " + id + " is " + state + ", not OPEN");
        }
        return new CatalogDuty(id, department, region, trigger, description, changedAt, censusYear, entryIds, openedBy, openedAt,
                dueAt, citation, DutyState.OVERDUE, null, null, null, null, evidence, now, outcome);
    }
}
