package cn.govdata.catalog.duty;

import cn.govdata.platform.outbox.OutboxMessage;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

/** The {@value DutyDocument#COLLECTION} collection. */
@Repository
class Duties {

    /** Which duties a list or summary covers; null fields do not filter. */
    record Scope(String department, DutyTrigger trigger, Integer censusYear) {
        Query query() {
            Query query = new Query();
            if (department != null) {
                query.addCriteria(Criteria.where("department").is(department));
            }
            if (trigger != null) {
                query.addCriteria(Criteria.where("trigger").is(trigger));
            }
            if (censusYear != null) {
                query.addCriteria(Criteria.where("censusYear").is(censusYear));
            }
            return query;
        }
    }

    private final MongoTemplate mongo;

    Duties(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(DutyDocument.COLLECTION).createIndex(new Index().on("department", Sort.Direction.ASC)
                .on("state", Sort.Direction.ASC));
        // Census and update duties are listed and counted per trigger and year (the bureau's screens).
        mongo.indexOps(DutyDocument.COLLECTION).createIndex(new Index().on("trigger", Sort.Direction.ASC)
                .on("censusYear", Sort.Direction.ASC).on("state", Sort.Direction.ASC));
        // An entry's pending re-evaluation duty (SY 31/37), looked up on each publication (multikey).
        mongo.indexOps(DutyDocument.COLLECTION).createIndex(new Index().on("duty.entryIds", Sort.Direction.ASC)
                .on("trigger", Sort.Direction.ASC));
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the id is taken (a census duty opened before) */
    void insert(CatalogDuty duty, OutboxMessage event) {
        mongo.insert(new DutyDocument(duty.id(), duty.department(), duty.trigger(), duty.censusYear(), duty.state(),
                duty.dueAt(), duty, null, List.of(event)));
    }

    Optional<DutyDocument> find(String id) {
        return Optional.ofNullable(mongo.findById(id, DutyDocument.class));
    }

    boolean exists(String id) {
        return mongo.exists(Query.query(Criteria.where("_id").is(id)), DutyDocument.class);
    }

    /**
     * Stores the duty's next state and queues its event in one update, if nobody changed it since
     * {@code loaded} was read; the outbox is appended to, so an event the relay removed meanwhile
     * is not put back.
     *
     * @return false when a concurrent step won; the caller reloads
     */
    boolean replace(DutyDocument loaded, CatalogDuty next, OutboxMessage event) {
        Query unchanged = Query.query(Criteria.where("_id").is(loaded.id()).and("version").is(loaded.version()));
        Update update = new Update().set("duty", next).set("state", next.state()).inc("version", 1).push("outbox", event);
        return mongo.updateFirst(unchanged, update, DutyDocument.class).getModifiedCount() == 1;
    }

    /** As {@link #list}, the duties themselves. */
    Page<CatalogDuty> listDuties(Scope scope, DutyState state, Pageable pageable) {
        return list(scope, state, pageable).map(DutyDocument::duty);
    }

    Page<DutyDocument> list(Scope scope, DutyState state, Pageable pageable) {
        Query query = scope.query();
        if (state != null) {
            query.addCriteria(Criteria.where("state").is(state));
        }
        long total = mongo.count(query, DutyDocument.class);
        query.with(pageable).with(Sort.by("dueAt", "_id"));
        return new PageImpl<>(mongo.find(query, DutyDocument.class), pageable, total);
    }

    /**
     * Open and overdue duties that completing entry changes can fulfil (census and re-evaluation
     * duties need the department's confirmation).
     */
    List<DutyDocument> awaitingEntryChanges(Scope scope) {
        if (scope.trigger() == DutyTrigger.ANNUAL_CENSUS || scope.trigger() == DutyTrigger.RESTRICTED_REEVALUATION) {
            return List.of();
        }
        Query query = scope.query().addCriteria(Criteria.where("state").in(DutyState.OPEN, DutyState.OVERDUE));
        if (scope.trigger() == null) {
            query.addCriteria(Criteria.where("trigger").nin(DutyTrigger.ANNUAL_CENSUS, DutyTrigger.RESTRICTED_REEVALUATION));
        }
        return mongo.find(query, DutyDocument.class);
    }

    /** The entry's re-evaluation duty still waiting for an outcome (open or overdue), if any. */
    Optional<DutyDocument> pendingReevaluation(String entryId) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("duty.entryIds").is(entryId)
                .and("trigger").is(DutyTrigger.RESTRICTED_REEVALUATION)
                .and("state").in(DutyState.OPEN, DutyState.OVERDUE)), DutyDocument.class));
    }

    long count(Scope scope, DutyState state) {
        return mongo.count(scope.query().addCriteria(Criteria.where("state").is(state)), DutyDocument.class);
    }

    long countFulfilledOnTime(Scope scope) {
        return mongo.count(scope.query().addCriteria(Criteria.where("state").is(DutyState.FULFILLED).and("duty.onTime").is(true)),
                DutyDocument.class);
    }
}
