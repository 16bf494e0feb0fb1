package cn.govdata.platform.deadline;

import cn.govdata.platform.outbox.OutboxMessage;
import org.bson.Document;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The owning service's {@code deadlines} collection. Every state change is a single
 * {@code findAndModify} guarded by the state it expects, so two replicas (or a replica and a
 * workflow completing the step) never both win: MongoDB applies one document update atomically, and
 * mongo-java-server serializes {@code findAndModify} per collection.
 */
final class DeadlineStore {

    static final String COLLECTION = "deadlines";

    private static final List<String> OPEN = List.of(DeadlineState.PENDING.name(), DeadlineState.FIRED.name());

    private final MongoTemplate mongo;
    private final String collection;
    private volatile boolean indexed;

    DeadlineStore(MongoTemplate mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    /**
     * Indexes come with the first use rather than at start-up, so a service starts while its
     * database is away. Every query leads with a key of one of them: the poll reads pending
     * deadlines only, never the closed history. Claims do not need them to be correct: each is one atomic findAndModify.
     */
    void ensureIndexes() {
        if (indexed) {
            return;
        }
        var indexes = mongo.indexOps(collection);
        indexes.createIndex(new Index().on("process", Sort.Direction.ASC).on("step", Sort.Direction.ASC)
                .on("subjectId", Sort.Direction.ASC).unique().named("deadline_key"));
        indexes.createIndex(new Index().on("state", Sort.Direction.ASC).on("dueAt", Sort.Direction.ASC).named("state_due"));
        indexes.createIndex(new Index().on("reviewDueAt", Sort.Direction.ASC).sparse().named("review_due"));
        indexed = true;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when process, step and subject are registered already */
    void insert(DeadlineDocument deadline) {
        ensureIndexes();
        mongo.insert(deadline, collection);
    }

    Optional<DeadlineDocument> find(String process, String step, String subjectId) {
        ensureIndexes();
        return Optional.ofNullable(mongo.findOne(key(process, step, subjectId), DeadlineDocument.class, collection));
    }

    /**
     * Takes one pending deadline that is due, or whose reminder is due, and that nobody holds a live
     * lease on; the lease makes this replica its only firer until {@code now + lease}.
     */
    Optional<DeadlineDocument> claim(String owner, Instant now, Duration lease) {
        ensureIndexes();
        Query claimable = Query.query(where("state").is(DeadlineState.PENDING.name()).andOperator(
                        new Criteria().orOperator(where("leaseUntil").is(null), where("leaseUntil").lte(now)),
                        new Criteria().orOperator(where("dueAt").lte(now),
                                where("remindAt").lte(now).and("remindedAt").is(null))))
                .with(Sort.by("dueAt"));
        Update take = new Update().set("leaseOwner", owner).set("leaseUntil", now.plus(lease)).inc("attempts", 1);
        return Optional.ofNullable(mongo.findAndModify(claimable, take, FindAndModifyOptions.options().returnNew(true),
                DeadlineDocument.class, collection));
    }

    /** Marks the deadline fired and queues its event in one update, if {@code owner} still holds it. */
    boolean markFired(String id, String owner, Instant now, OutboxMessage event) {
        return release(id, owner, new Update().set("state", DeadlineState.FIRED.name()).set("firedAt", now), event);
    }

    /** Records the reminder and queues its event in one update; the deadline stays pending for its due time. */
    boolean markReminded(String id, String owner, Instant now, OutboxMessage event) {
        return release(id, owner, new Update().set("remindedAt", now), event);
    }

    /** Gives a claim back without firing, e.g. when the step turned out not to be due after all. */
    void releaseLease(String id, String owner) {
        release(id, owner, new Update(), null);
    }

    private boolean release(String id, String owner, Update update, OutboxMessage event) {
        Query held = Query.query(where("_id").is(id).and("state").is(DeadlineState.PENDING.name()).and("leaseOwner").is(owner));
        update.unset("leaseOwner").unset("leaseUntil");
        if (event != null) {
            update.push("outbox", event);
        }
        return mongo.findAndModify(held, update, DeadlineDocument.class, collection) != null;
    }

    /**
     * Closes an open deadline (pending or already fired).
     *
     * @return the deadline as it was before closing; empty when unknown or already closed
     */
    Optional<DeadlineDocument> close(String process, String step, String subjectId, DeadlineState closed, Instant now) {
        Query open = key(process, step, subjectId).addCriteria(where("state").in(OPEN));
        Update update = new Update().set("state", closed.name()).set("closedAt", now).unset("leaseOwner").unset("leaseUntil");
        return Optional.ofNullable(mongo.findAndModify(open, update, DeadlineDocument.class, collection));
    }

    Page<DeadlineDocument> list(DeadlineState state, String process, String department, String region, Pageable pageable) {
        ensureIndexes();
        Query query = new Query();
        if (state != null) {
            query.addCriteria(where("state").is(state.name()));
        }
        if (process != null) {
            query.addCriteria(where("process").is(process));
        }
        if (department != null) {
            query.addCriteria(where("responsibleDepartment").is(department));
        }
        if (region != null) {
            query.addCriteria(where("region").is(region));
        }
        long total = mongo.count(query, DeadlineDocument.class, collection);
        query.with(pageable).with(Sort.by("dueAt", "_id"));
        return new PageImpl<>(mongo.find(query, DeadlineDocument.class, collection), pageable, total);
    }

    /** Open deadlines whose due time has passed, counted by process and responsible department. */
    Map<List<String>, Long> countOverdue(Instant now) {
        return countBy(where("state").in(OPEN).and("dueAt").lte(Date.from(now)));
    }

    /** Pending deadlines whose due time rests on a provisional calendar year, by process and department. */
    Map<List<String>, Long> countPendingProvisional() {
        return countBy(where("state").is(DeadlineState.PENDING.name()).and("calendarBasis").is("PROVISIONAL"));
    }

    /**
     * Deadlines in {@code states} computed from a period over days of {@code year}: what a new or
     * replaced notice for that year may move (pending) or call into question (fired).
     */
    List<DeadlineDocument> dependingOn(int year, List<String> states) {
        ensureIndexes();
        Query query = Query.query(where("state").in(states).and("period").ne(null).and("calendarYears").is(year));
        return mongo.find(query, DeadlineDocument.class, collection);
    }

    /**
     * Pending deadlines registered by a rule key before due times recorded their period and calendar
     * years; re-planning recomputes them from the profile's rule and fills those fields in.
     */
    List<DeadlineDocument> pendingWithoutCalendarYears() {
        ensureIndexes();
        Query query = Query.query(where("state").is(DeadlineState.PENDING.name()).and("calendarYears").is(null)
                .and("rule").ne(null).and("receivedAt").ne(null));
        return mongo.find(query, DeadlineDocument.class, collection);
    }

    /**
     * Moves a pending deadline to a new due time and queues its event, in one update, only if it is
     * still pending with the due time the caller recomputed from and no replica is firing it.
     */
    boolean reschedule(String id, Instant expectedDueAt, Instant now, Update update, OutboxMessage event) {
        Query unchanged = Query.query(where("_id").is(id).and("state").is(DeadlineState.PENDING.name())
                .and("dueAt").is(expectedDueAt)
                .orOperator(where("leaseUntil").is(null), where("leaseUntil").lte(now)));
        if (event != null) {
            update.push("outbox", event);
        }
        return mongo.findAndModify(unchanged, update, DeadlineDocument.class, collection) != null;
    }

    /** Records, on a deadline that fired already, the due time a notice gave it afterwards. */
    void markForReview(String id, Instant reviewDueAt, String reason) {
        mongo.updateFirst(Query.query(where("_id").is(id)),
                new Update().set("reviewDueAt", reviewDueAt).set("reviewReason", reason), collection);
    }

    Page<DeadlineDocument> forReview(Pageable pageable) {
        ensureIndexes();
        // reviewDueAt is only ever set to a time, so "exists" is "not null" and the sparse index holds
        // just the deadlines awaiting review, not every fired or closed one.
        Query query = Query.query(where("reviewDueAt").exists(true));
        long total = mongo.count(query, DeadlineDocument.class, collection);
        query.with(pageable).with(Sort.by("dueAt", "_id"));
        return new PageImpl<>(mongo.find(query, DeadlineDocument.class, collection), pageable, total);
    }

    private Map<List<String>, Long> countBy(Criteria criteria) {
        ensureIndexes();
        Aggregation overdue = Aggregation.newAggregation(
                Aggregation.match(criteria),
                Aggregation.group("process", "responsibleDepartment").count().as("count"));
        Map<List<String>, Long> counts = new HashMap<>();
        for (Document row : mongo.aggregate(overdue, collection, Document.class).getMappedResults()) {
            Document id = row.get("_id", Document.class);
            counts.put(List.of(Objects.toString(id.get("process"), ""), Objects.toString(id.get("responsibleDepartment"), "")),
                    ((Number) row.get("count")).longValue());
        }
        return counts;
    }

    private static Query key(String process, String step, String subjectId) {
        return Query.query(where("process").is(process).and("step").is(step).and("subjectId").is(subjectId));
    }
}
