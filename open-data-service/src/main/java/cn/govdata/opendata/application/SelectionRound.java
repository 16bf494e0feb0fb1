package cn.govdata.opendata.application;

import cn.govdata.domain.DomainModel;
import cn.govdata.platform.outbox.OutboxMessage;

import java.time.Instant;
import java.util.List;

/**
 * A competitive selection round for commercial development of a conditionally open dataset (NJ 27:
 * 通过公开招标等竞争性方式确定授权开发利用对象; QZ 6.6). The bureau opens the call with its criteria and
 * closing time; applicants bid until it closes; the bureau records each bid's score and reasons and the
 * result, which is published. Only the selected bidder's application is approved for commercial use.
 *
 * @param openKey the entry id while the round is undecided, unset once decided: a unique sparse index
 *                on it allows one undecided round per entry
 */
@DomainModel
record SelectionRound(String id, String entryId, String datasetName, String department, String region, String criteria,
                      Instant closesAt, State state, String openKey, String openedBy, Instant openedAt, List<Bid> bids,
                      Result result, List<OutboxMessage> outbox) {

    static final String COLLECTION = "selection_rounds";

    enum State { OPEN, DECIDED }

    boolean accepting(Instant now) {
        return state == State.OPEN && now.isBefore(closesAt);
    }

    /** @param score and {@code evaluation} are recorded by the bureau with the result */
    record Bid(String bidId, String applicantSubject, String applicant, String applicantKind, String organisation,
               String proposal, String safetyMeasures, Instant submittedAt, Double score, String evaluation) {
    }

    record Result(String selectedBidId, String selectedOrganisation, String applicationId, String reasons, String decidedBy,
                  Instant decidedAt) {
    }
}
