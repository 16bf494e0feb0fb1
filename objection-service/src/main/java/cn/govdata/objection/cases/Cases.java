package cn.govdata.objection.cases;

import cn.govdata.platform.outbox.OutboxCollection;
import cn.govdata.platform.outbox.OutboxMessage;
import cn.govdata.platform.outbox.VersionedWrites;
import cn.govdata.platform.problem.PlatformException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The cases collection; each write carries the case's new events in its outbox. */
@Repository
class Cases {

    private final MongoTemplate mongo;
    private final Clock clock;
    private final VersionedWrites writes;

    Cases(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
        this.writes = new VersionedWrites(mongo);
        mongo.indexOps(CaseDocument.COLLECTION).createIndex(new Index().on("state", Sort.Direction.ASC)
                .on("assignedDepartment", Sort.Direction.ASC));
        mongo.indexOps(CaseDocument.COLLECTION).createIndex(new Index().on("filerSubject", Sort.Direction.ASC));
        // Pseudonym resolution and the per-resource case list read by resource.
        mongo.indexOps(CaseDocument.COLLECTION).createIndex(new Index().on("resourceId", Sort.Direction.ASC));
        // A department's own case list and the bureau's escalated list, newest first.
        mongo.indexOps(CaseDocument.COLLECTION).createIndex(new Index().on("assignedDepartment", Sort.Direction.ASC)
                .on("receivedAt", Sort.Direction.DESC));
        mongo.indexOps(CaseDocument.COLLECTION).createIndex(new Index().on("escalated", Sort.Direction.ASC)
                .on("receivedAt", Sort.Direction.DESC));
        mongo.indexOps(CaseDocument.COLLECTION).createIndex(new Index().on("objection.steps.missedAt", Sort.Direction.ASC).sparse());
    }

    @Configuration(proxyBeanMethods = false)
    static class CaseOutbox {
        @Bean
        OutboxCollection casesOutbox() {
            return new OutboxCollection(CaseDocument.COLLECTION);
        }
    }

    Optional<CaseDocument> find(String id) {
        return Optional.ofNullable(mongo.findById(id, CaseDocument.class));
    }

    CaseDocument get(String id) {
        return find(id).orElseThrow(() -> PlatformException.notFound("Objection case", id));
    }

    void insert(ObjectionCase objection, List<OutboxMessage> events) {
        mongo.insert(document(objection, null, events));
    }

    /**
     * Replaces the case if nobody changed it since {@code loaded} was read.
     *
     * @throws PlatformException 409 when a concurrent change won
     */
    ObjectionCase update(CaseDocument loaded, ObjectionCase next, List<OutboxMessage> events) {
        // One conditional update that $pushes the events: a replace would write back the outbox as
        // loaded, re-adding messages the relay removed meanwhile.
        if (!writes.update(loaded.id(), loaded.version(), document(next, loaded.version(), List.of()), events, Set.of())) {
            throw PlatformException.conflict("concurrent-change",
                    "Case " + loaded.id() + " was changed by someone else meanwhile; reload it and try again");
        }
        return next;
    }

    /**
     * @param assignedDepartment only cases routed to this department, or null for all
     */
    Page<CaseDocument> list(CaseState state, String assignedDepartment, String resourceId, CaseKind kind, Boolean escalated,
                            Pageable pageable) {
        Query query = new Query();
        if (state != null) {
            query.addCriteria(Criteria.where("state").is(state));
        }
        if (assignedDepartment != null) {
            query.addCriteria(Criteria.where("assignedDepartment").is(assignedDepartment));
        }
        if (resourceId != null) {
            query.addCriteria(Criteria.where("resourceId").is(resourceId));
        }
        if (kind != null) {
            query.addCriteria(Criteria.where("kind").is(kind));
        }
        if (escalated != null) {
            query.addCriteria(Criteria.where("escalated").is(escalated));
        }
        long total = mongo.count(query, CaseDocument.class);
        query.with(pageable).with(Sort.by(Sort.Direction.DESC, "receivedAt").and(Sort.by("_id")));
        return new PageImpl<>(mongo.find(query, CaseDocument.class), pageable, total);
    }

    Stream<ObjectionCase> streamOpen() {
        // $in the open states rather than $ne CLOSED: the state index then skips the closed history.
        List<CaseState> open = java.util.Arrays.stream(CaseState.values()).filter(s -> s != CaseState.CLOSED).toList();
        return mongo.stream(Query.query(Criteria.where("state").in(open)), CaseDocument.class)
                .map(CaseDocument::objection);
    }

    Stream<CaseDocument> streamAll() {
        return mongo.stream(new Query(), CaseDocument.class);
    }

    /** The next number in the year's sequence of tracking numbers (atomic, no transaction needed). */
    long nextSequence(int year) {
        var counter = mongo.findAndModify(Query.query(Criteria.where("_id").is("case-seq:" + year)),
                new Update().inc("value", 1L), FindAndModifyOptions.options().upsert(true).returnNew(true),
                org.bson.Document.class, "counters");
        return ((Number) counter.get("value")).longValue();
    }

    private CaseDocument document(ObjectionCase c, Long version, List<OutboxMessage> outbox) {
        String assigned = c.routing() == null ? null : c.routing().department();
        return new CaseDocument(c.id(), c.state(), c.kind(), c.resource().id(), c.resource().providerDepartment(), assigned,
                c.resource().region(), c.filedBy().subject(), c.reporterDepartment(), c.escalated(), c.receivedAt(),
                clock.instant(), c, version, outbox);
    }
}
