package cn.govdata.objection.cases.model;

import cn.govdata.domain.DomainModel;

/**
 * Where a case stands. Linear: RECEIVED → DISPUTED → PLATFORM_REVIEW or TRANSFERRED → CORRECTING →
 * CLOSED; a rejection closes from the review states, a withdrawal from any state before a decision.
 */
@DomainModel
public enum CaseState {
    /** Filed; the record still has to be identified and marked disputed. */
    RECEIVED,
    /** Marked disputed (DataDisputed sent); waiting to be routed. */
    DISPUTED,
    /** The platform decides itself (NJ 35 (一)). */
    PLATFORM_REVIEW,
    /** Transferred to the responsible department, which decides (NJ 35 (二), QZ 7.2). */
    TRANSFERRED,
    /** Decided to correct; the data is being fixed at source and re-published (QZ 7.2). */
    CORRECTING,
    /** Corrected, rejected or withdrawn; the objector has been informed. */
    CLOSED;

    boolean beforeDecision() {
        return this == RECEIVED || this == DISPUTED || this == PLATFORM_REVIEW || this == TRANSFERRED;
    }

    boolean awaitingDecision() {
        return this == PLATFORM_REVIEW || this == TRANSFERRED;
    }
}
