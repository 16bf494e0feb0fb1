package cn.govdata.opendata.application;

import cn.govdata.domain.Refusal;
import cn.govdata.events.OpenDataEventTypes;
import cn.govdata.events.opendata.OpenDataEvents;
import cn.govdata.opendata.catalog.Listing;
import cn.govdata.opendata.catalog.Listings;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;
import cn.govdata.policy.ApplicantKind;
import cn.govdata.policy.JurisdictionProfile;
import cn.govdata.policy.Rule;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Competitive selection of who develops a conditionally open dataset commercially (NJ 27, QZ 6.6).
 * Where the profile requires it, a first-come commercial application is refused and pointed here.
 */
@Component
class SelectionRounds {

    private final MongoTemplate mongo;
    private final OpenApplications applications;
    private final Listings listings;
    private final JurisdictionProfile profile;
    private final Events events;
    private final Clock clock;

    SelectionRounds(MongoTemplate mongo, OpenApplications applications, Listings listings, JurisdictionProfile profile, Events events,
                    Clock clock) {
        this.mongo = mongo;
        this.applications = applications;
        // One undecided round per entry; decided rounds unset the key and leave the index.
        mongo.indexOps(SelectionRound.COLLECTION).createIndex(new Index().on("openKey", Sort.Direction.ASC).unique().sparse());
        // The public list by entry and by time.
        mongo.indexOps(SelectionRound.COLLECTION).createIndex(new Index().on("entryId", Sort.Direction.ASC)
                .on("openedAt", Sort.Direction.DESC));
        mongo.indexOps(SelectionRound.COLLECTION).createIndex(new Index().on("openedAt", Sort.Direction.DESC));
        this.listings = listings;
        this.profile = profile;
        this.events = events;
        this.clock = clock;
    }

    /** The refusal of a first-come commercial application, naming the round to bid in, or saying none is open. */
    Refusal commercialUseBySelection(String entryId) {
        Rule<Boolean> rule = profile.commercialUseBySelection();
        Optional<SelectionRound> open = Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("openKey").is(entryId)),
                SelectionRound.class, SelectionRound.COLLECTION));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("rule", rule.citation());
        String detail;
        if (open.isPresent()) {
            SelectionRound round = open.get();
            properties.put("selectionRound", round.id());
            properties.put("closesAt", round.closesAt().toString());
            properties.put("selectionRounds", "/api/open-data/public/selection-rounds?entryId=" + entryId);
            detail = "依照%s，商业开发利用须通过公开招标等竞争性方式确定授权对象，不受理先到先得的商业用途申请；该数据正在进行竞争性选择 %s，请在 %s 前报名"
                    .formatted(rule.citation(), round.id(), round.closesAt());
        } else {
            detail = "依照%s，商业开发利用须通过公开招标等竞争性方式确定授权对象，不受理先到先得的商业用途申请；该数据目前没有正在进行的竞争性选择，请关注数据管理机构发布的公告"
                    .formatted(rule.citation());
        }
        return new Refusal(Refusal.Kind.CONFLICT, "commercial-use-by-selection", "Commercial use is awarded by selection",
                detail, properties);
    }

    SelectionRound open(String entryId, String criteria, Instant closesAt, Caller caller) {
        requireBureau(caller, "opens a selection round");
        Rule<Boolean> rule = profile.commercialUseBySelection();
        if (!rule.value()) {
            throw Refusal.conflict("selection-not-required",
                    "本地区有条件开放数据的商业用途按申请审核，不进行竞争性选择（" + profile.nameZh() + "）");
        }
        Instant now = clock.instant();
        if (!closesAt.isAfter(now)) {
            throw Refusal.invalidField("closesAt", "报名截止时间须晚于现在");
        }
        Listing listing = listings.find(entryId).filter(l -> !l.isWithdrawn())
                .orElseThrow(() -> Refusal.notFound("Open catalog entry", entryId));
        if (!listing.isConditional()) {
            throw Refusal.conflict("not-conditional", "竞争性选择只适用于有条件开放的数据；" + entryId + " 不是有条件开放数据");
        }
        String id = "ODS-" + UUID.randomUUID();
        var event = events.create(OpenDataEventTypes.SELECTION_OPENED, id, listing.department(), listing.region(),
                new OpenDataEvents.SelectionRoundOpened(id, entryId, listing.department(), criteria, closesAt, caller.actor(), now));
        var round = new SelectionRound(id, entryId, listing.name(), listing.department(), listing.region(), criteria, closesAt,
                SelectionRound.State.OPEN, entryId, caller.actor(), now, List.of(), null, List.of(event));
        try {
            mongo.insert(round, SelectionRound.COLLECTION);
        } catch (DuplicateKeyException undecided) {
            throw Refusal.conflict("selection-open", "数据 " + entryId + " 已有尚未公布结果的竞争性选择");
        }
        return round;
    }

    SelectionRound.Bid bid(String id, BidRequest request, Caller caller) {
        if (!caller.hasRole(Roles.PUBLIC_APPLICANT)) {
            throw Refusal.forbidden("Citizens and organisations (public-applicant) take part in selection rounds");
        }
        ApplicantKind kind;
        try {
            kind = ApplicantKind.fromKey(request.applicantKind());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalidField("applicantKind", e.getMessage());
        }
        // The round is for commercial development: the applicant rules for commercial use apply (QZ 6.4, NJ 27).
        ApplicantRules.check(profile, kind, true);
        SelectionRound round = find(id);
        Instant now = clock.instant();
        if (!round.accepting(now)) {
            throw Refusal.conflict("selection-closed", "竞争性选择 " + id + " 已于 " + round.closesAt() + " 截止报名");
        }
        var bid = new SelectionRound.Bid("BID-" + UUID.randomUUID(), caller.subject(), caller.actor(), kind.key(),
                request.organisation(), request.proposal(), request.safetyMeasures(), now, null, null);
        var result = mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("state").is(SelectionRound.State.OPEN.name())
                        .and("closesAt").gt(now).and("bids.applicantSubject").ne(caller.subject())),
                new Update().push("bids", bid), SelectionRound.COLLECTION);
        if (result.getModifiedCount() != 1) {
            throw Refusal.conflict("bid-exists", "您已报名竞争性选择 " + id + "，或报名已截止");
        }
        return bid;
    }

    /**
     * Records the evaluation (a score and reasons for every bid) and the result after the call closed.
     * The selected bidder's application is written first, under an id derived from the round, then the
     * round: a failure between the two is finished by recording the same result again.
     */
    SelectionRound decide(String id, ResultRequest request, Caller caller) {
        requireBureau(caller, "records a selection round's result");
        SelectionRound round = find(id);
        Instant now = clock.instant();
        if (round.state() != SelectionRound.State.OPEN) {
            throw Refusal.conflict("selection-decided", "竞争性选择 " + id + " 的结果已经公布");
        }
        if (now.isBefore(round.closesAt())) {
            throw Refusal.conflict("selection-not-closed", "竞争性选择 " + id + " 在 " + round.closesAt() + " 截止报名，截止后方可评审");
        }
        if (round.bids().isEmpty()) {
            throw Refusal.conflict("no-bids", "竞争性选择 " + id + " 没有报名者");
        }
        Map<String, ResultRequest.Evaluation> evaluations = new HashMap<>();
        for (int i = 0; i < request.evaluations().size(); i++) {
            var evaluation = request.evaluations().get(i);
            if (evaluations.put(evaluation.bidId(), evaluation) != null) {
                throw Refusal.invalidField("evaluations[" + i + "].bidId", "每个报名只评审一次");
            }
        }
        Set<String> bidIds = round.bids().stream().map(SelectionRound.Bid::bidId).collect(Collectors.toSet());
        if (!bidIds.equals(evaluations.keySet())) {
            throw Refusal.invalidField("evaluations", "须为每个报名记录评分和理由，且只评审本轮的报名：" + bidIds.stream().sorted().toList());
        }
        SelectionRound.Bid selected = round.bids().stream().filter(b -> b.bidId().equals(request.selectedBidId())).findFirst()
                .orElseThrow(() -> Refusal.invalidField("selectedBidId", "不是本轮的报名"));
        Listing listing = listings.find(round.entryId()).filter(l -> !l.isWithdrawn())
                .orElseThrow(() -> Refusal.notFound("Open catalog entry", round.entryId()));
        String applicationId = "ODA-" + id;
        selected(applicationId, listing, round, selected, request.reasons(), caller, now);
        List<SelectionRound.Bid> scored = round.bids().stream().map(b -> {
            var e = evaluations.get(b.bidId());
            return new SelectionRound.Bid(b.bidId(), b.applicantSubject(), b.applicant(), b.applicantKind(), b.organisation(),
                    b.proposal(), b.safetyMeasures(), b.submittedAt(), e.score(), e.reasons());
        }).toList();
        var result = new SelectionRound.Result(selected.bidId(), selected.organisation(), applicationId, request.reasons(),
                caller.actor(), now);
        var event = events.create(OpenDataEventTypes.SELECTION_DECIDED, id, round.department(), round.region(),
                new OpenDataEvents.SelectionRoundDecided(id, round.entryId(), round.department(), round.bids().size(),
                        selected.organisation(), applicationId, request.reasons(), caller.actor(), now));
        var written = mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("state").is(SelectionRound.State.OPEN.name())
                        .and("bids").size(round.bids().size())),
                new Update().set("state", SelectionRound.State.DECIDED).unset("openKey").set("bids", scored).set("result", result)
                        .push("outbox", event), SelectionRound.COLLECTION);
        if (written.getModifiedCount() != 1) {
            throw Refusal.conflict("selection-decided", "竞争性选择 " + id + " 的结果已经公布");
        }
        return find(id);
    }

    /**
     * The application a selection round's result creates for the selected organisation (NJ 27, QZ 6.6), approved;
     * {@code id} is fixed per round, so a repeat is harmless.
     */
    private OpenApplication selected(String id, Listing listing, SelectionRound round, SelectionRound.Bid bid, String reasons,
                             Caller bureau, Instant now) {
        var application = new OpenApplication(id, listing.entryId(), listing.name(), listing.department(), listing.region(),
                bid.applicant(), bid.applicantSubject(), bid.applicantKind(), bid.organisation(), bid.proposal(),
                "竞争性选择 " + round.id() + "（商业开发利用）", bid.safetyMeasures(), true, OpenApplication.State.APPROVED, now, null,
                profile.commercialUseBySelection().citation(), false, bureau.actor(), now, reasons, null, List.of(),
                profile.conditionalOpenRoute().value().key(), null, null, null, round.id());
        var event = events.create(OpenDataEventTypes.APPLICATION_DECIDED, id, listing.department(), listing.region(),
                new OpenDataEvents.OpenApplicationDecided(id, listing.entryId(), listing.department(), bid.applicant(),
                        "APPROVED", reasons, bureau.actor(), now));
        try {
            applications.insert(application, event);
        } catch (DuplicateKeyException recorded) {
            // The result was recorded before and its round update did not land: the same selection may finish it.
            OpenApplication existing = applications.find(id);
            if (!bid.applicantSubject().equals(existing.applicantSubject())) {
                throw Refusal.conflict("selection-decided", "Round " + round.id() + " selected another applicant already");
            }
            return existing;
        }
        return application;
    }

    SelectionRound view(String id, Caller caller) {
        requireBureau(caller, "reads a selection round's bids");
        return find(id);
    }

    /** Open calls and published results, newest first. */
    List<SelectionRound> published(String entryId) {
        Criteria criteria = entryId == null || entryId.isBlank() ? new Criteria() : Criteria.where("entryId").is(entryId);
        return mongo.find(Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "openedAt")).limit(100), SelectionRound.class,
                SelectionRound.COLLECTION);
    }

    private SelectionRound find(String id) {
        return Optional.ofNullable(mongo.findById(id, SelectionRound.class, SelectionRound.COLLECTION))
                .orElseThrow(() -> Refusal.notFound("Selection round", id));
    }

    private static void requireBureau(Caller caller, String what) {
        if (!caller.isBureau()) {
            throw Refusal.forbidden("The data management agency (bureau-reviewer) " + what + " (NJ 27, QZ 6.6)");
        }
    }
}
