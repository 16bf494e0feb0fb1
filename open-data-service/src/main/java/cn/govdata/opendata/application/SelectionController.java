package cn.govdata.opendata.application;

import cn.govdata.platform.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** Competitive selection rounds for commercial development (NJ 27, QZ 6.6); results are public. */
@RestController
class SelectionController {

    private final SelectionRounds rounds;

    SelectionController(SelectionRounds rounds) {
        this.rounds = rounds;
    }

    record OpenRequest(@NotBlank String entryId, @NotBlank @Size(max = 4000) String criteria, @NotNull Instant closesAt) {
    }

    /** What the bureau sees: every bid with the bidder. */
    record RoundView(String id, String entryId, String datasetName, String department, String criteria, Instant closesAt,
                     String state, String openedBy, Instant openedAt, List<SelectionRound.Bid> bids, SelectionRound.Result result) {
        static RoundView of(SelectionRound r) {
            return new RoundView(r.id(), r.entryId(), r.datasetName(), r.department(), r.criteria(), r.closesAt(),
                    r.state().name(), r.openedBy(), r.openedAt(), r.bids(), r.result());
        }
    }

    /**
     * What the portal publishes: the call, and once decided the result with each organisation's score and
     * the reasons; never who applied in person.
     */
    record PublicRoundView(String id, String entryId, String datasetName, String department, String criteria, Instant closesAt,
                           String state, int bids, PublicResult result) {

        record PublicResult(String selectedOrganisation, String reasons, Instant decidedAt, List<Score> evaluations) {
        }

        record Score(String organisation, Double score, String reasons) {
        }

        static PublicRoundView of(SelectionRound r) {
            var result = r.result() == null ? null : new PublicResult(r.result().selectedOrganisation(), r.result().reasons(),
                    r.result().decidedAt(), r.bids().stream().map(b -> new Score(b.organisation(), b.score(), b.evaluation())).toList());
            return new PublicRoundView(r.id(), r.entryId(), r.datasetName(), r.department(), r.criteria(), r.closesAt(),
                    r.state().name(), r.bids() == null ? 0 : r.bids().size(), result);
        }
    }

    record BidView(String roundId, String bidId, String organisation, Instant submittedAt) {
    }

    @PostMapping("/api/open-data/selection-rounds")
    @ResponseStatus(HttpStatus.CREATED)
    RoundView open(@Valid @RequestBody OpenRequest request, Caller caller) {
        return RoundView.of(rounds.open(request.entryId(), request.criteria(), request.closesAt(), caller));
    }

    @GetMapping("/api/open-data/selection-rounds/{id}")
    RoundView view(@PathVariable String id, Caller caller) {
        return RoundView.of(rounds.view(id, caller));
    }

    @PostMapping("/api/open-data/selection-rounds/{id}/bids")
    @ResponseStatus(HttpStatus.CREATED)
    BidView bid(@PathVariable String id, @Valid @RequestBody BidRequest request, Caller caller) {
        var bid = rounds.bid(id, request, caller);
        return new BidView(id, bid.bidId(), bid.organisation(), bid.submittedAt());
    }

    @PostMapping("/api/open-data/selection-rounds/{id}/result")
    RoundView decide(@PathVariable String id, @Valid @RequestBody ResultRequest request, Caller caller) {
        return RoundView.of(rounds.decide(id, request, caller));
    }

    @GetMapping("/api/open-data/public/selection-rounds")
    List<PublicRoundView> published(@RequestParam(required = false) String entryId) {
        return rounds.published(entryId).stream().map(PublicRoundView::of).toList();
    }
}
