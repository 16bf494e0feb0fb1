package cn.govdata.objection.cases.store;

import cn.govdata.domain.Refusal;
import cn.govdata.objection.cases.model.CaseKind;
import cn.govdata.objection.cases.model.CaseState;
import cn.govdata.objection.cases.model.ObjectionCase;
import cn.govdata.platform.outbox.OutboxCollection;
import cn.govdata.platform.outbox.OutboxMessage;
import cn.govdata.platform.outbox.VersionedWrites;
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
public class Cases {

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

    public Optional<CaseDocument> find(String id) {
        return Optional.ofNullable(mongo.findById(id, CaseDocument.class));
    }

    /** The case itself, for readers that need no write afterwards. */
    public Optional<ObjectionCase> findCase(String id) {
        return find(id).map(CaseDocument::objection);
    }

    public CaseDocument get(String id) {
        return find(id).orElseThrow(() -> Refusal.notFound("Objection case", id));
    }

    public void insert(ObjectionCase objection, List<OutboxMessage> events) {
        mongo.insert(document(objection, null, events));
    }

    /**
     * Replaces the case if nobody changed it since {@code loaded} was read.
     *
     * @throws Refusal 409 when a concurrent change won
     */
    public ObjectionCase update(CaseDocument loaded, ObjectionCase next, List<OutboxMessage> events) {
        // One conditional update that $pushes the events: a replace would write back the outbox as
        // loaded, re-adding messages the relay removed meanwhile.
        if (!writes.update(loaded.id(), loaded.version(), document(next, loaded.version(), List.of()), events, Set.of())) {
            throw Refusal.conflict("concurrent-change",
                    "Case " + loaded.id() + " was changed by someone else meanwhile; reload it and try again");
        }
        return next;
    }

    /**
     * @param assignedDepartment only cases routed to this department, or null for all
     */
    public Page<ObjectionCase> list(CaseState state, String assignedDepartment, String resourceId, CaseKind kind, Boolean escalated,
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
        return new PageImpl<>(mongo.find(query, CaseDocument.class).stream().map(CaseDocument::objection).toList(), pageable, total);
    }

    public Stream<ObjectionCase> streamOpen() {
        // $in the open states rather than $ne CLOSED: the state index then skips the closed history.
        List<CaseState> open = java.util.Arrays.stream(CaseState.values()).filter(s -> s != CaseState.CLOSED).toList();
        return mongo.stream(Query.query(Criteria.where("state").in(open)), CaseDocument.class)
                .map(CaseDocument::objection);
    }

    /** Every case on a resource, through the resourceId index; the caller closes the stream. */
    public Stream<ObjectionCase> streamOnResource(String resourceId) {
        return mongo.stream(Query.query(Criteria.where("resourceId").is(resourceId)), CaseDocument.class)
                .map(CaseDocument::objection);
    }

    public Stream<CaseDocument> streamAll() {
        return mongo.stream(new Query(), CaseDocument.class);
    }

    /** The next number in the year's sequence of tracking numbers (atomic, no transaction needed). */
    public long nextSequence(int year) {
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
