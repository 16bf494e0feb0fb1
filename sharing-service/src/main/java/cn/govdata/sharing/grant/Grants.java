package cn.govdata.sharing.grant;

import cn.govdata.platform.outbox.OutboxMessage;
import cn.govdata.platform.outbox.VersionedWrites;
import cn.govdata.domain.Refusal;
import org.springframework.dao.DuplicateKeyException;
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

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/** The grants collection; the exchange reads it on every call. */
@Repository
public class Grants {

    /** The collection; the exchange's tests seed grants in it directly. */
    public static final String COLLECTION = "grants";

    /** The exchange owns this field ({@link #touch}); state changes never write it. */
    private static final Set<String> EXCHANGE_OWNED = Set.of("lastUsedAt");

    private final MongoTemplate mongo;
    private final VersionedWrites writes;
    private final CopyOnWriteArrayList<BiConsumer<String, String>> changeListeners = new CopyOnWriteArrayList<>();

    Grants(MongoTemplate mongo) {
        this.mongo = mongo;
        this.writes = new VersionedWrites(mongo);
        mongo.indexOps(COLLECTION).createIndex(new Index().on("consumerDepartment", Sort.Direction.ASC)
                .on("resourceId", Sort.Direction.ASC));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("resourceId", Sort.Direction.ASC).on("state", Sort.Direction.ASC));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("state", Sort.Direction.ASC).on("validTo", Sort.Direction.ASC));
    }

    public Optional<Grant> find(String id) {
        return Optional.ofNullable(mongo.findById(id, GrantDocument.class)).map(GrantDocument::toDomain);
    }

    public Grant get(String id) {
        return find(id).orElseThrow(() -> Refusal.notFound("Grant", id));
    }

    /**
     * Called with (consumer department, resource id) whenever a grant is issued or changes state in
     * this replica, so the exchange's cache honours a suspension or revocation from the next call.
     */
    public void onChange(BiConsumer<String, String> listener) {
        changeListeners.add(listener);
    }

    private void changed(Grant grant) {
        changeListeners.forEach(listener -> listener.accept(grant.consumerDepartment(), grant.resourceId()));
    }

    /** The consumer department's grants on a resource that are not revoked or expired, newest first. */
    public List<Grant> current(String consumerDepartment, String resourceId) {
        return find(Query.query(Criteria.where("consumerDepartment").is(consumerDepartment)
                        .and("resourceId").is(resourceId).and("state").in(Grant.State.ACTIVE, Grant.State.SUSPENDED))
                .with(Sort.by(Sort.Direction.DESC, "issuedAt")));
    }

    /** Records use without touching the version, so a concurrent state change is never overwritten. */
    public void touch(String grantId, Instant usedAt) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(grantId)), new Update().max("lastUsedAt", usedAt), GrantDocument.class);
    }

    /** The grants on the resource that are active and not past their validity at {@code now}. */
    public List<Grant> activeOnResource(String resourceId, Instant now) {
        return find(Query.query(Criteria.where("resourceId").is(resourceId).and("state").is(Grant.State.ACTIVE)
                .and("validTo").gt(now)));
    }

    /** Every grant on the resource that has not ended. */
    List<Grant> currentOnResource(String resourceId) {
        return find(Query.query(Criteria.where("resourceId").is(resourceId)
                .and("state").in(Grant.State.ACTIVE, Grant.State.SUSPENDED)));
    }

    /** Grants still current whose validity ended at or before {@code now}, oldest first. */
    List<Grant> pastValidity(Instant now, int limit) {
        return find(Query.query(Criteria.where("state").in(Grant.State.ACTIVE, Grant.State.SUSPENDED)
                .and("validTo").lte(now)).with(Sort.by("validTo")).limit(limit));
    }

    /**
     * The consumer department's most recent grant on the resource that was revoked or expired, so the
     * exchange can tell a refused caller what happened.
     */
    public Optional<Grant> lastEnded(String consumerDepartment, String resourceId) {
        return find(Query.query(Criteria.where("consumerDepartment").is(consumerDepartment)
                        .and("resourceId").is(resourceId).and("state").in(Grant.State.EXPIRED, Grant.State.REVOKED))
                .with(Sort.by(Sort.Direction.DESC, "validTo")).limit(1)).stream().findFirst();
    }

    /**
     * Stores a new grant with the events of its issue.
     *
     * @return false when a grant with this id exists already (issued before: issuing is idempotent)
     */
    boolean insert(Grant grant, List<OutboxMessage> events) {
        try {
            mongo.insert(GrantDocument.from(grant, events));
            changed(grant);
            return true;
        } catch (DuplicateKeyException issuedBefore) {
            return false;
        }
    }

    /**
     * Writes {@code next} with its events if nobody changed the grant since {@code loaded} was read.
     *
     * @throws Refusal 409 when a concurrent change won
     */
    Grant update(Grant loaded, Grant next, List<OutboxMessage> events) {
        if (!tryUpdate(loaded, next, events)) {
            throw Refusal.conflict("concurrent-change",
                    "Grant " + loaded.id() + " was changed by someone else meanwhile; reload it and try again");
        }
        return get(loaded.id());
    }

    boolean tryUpdate(Grant loaded, Grant next, List<OutboxMessage> events) {
        boolean written = writes.update(loaded.id(), loaded.version(), GrantDocument.from(next, List.of()), events,
                EXCHANGE_OWNED);
        if (written) {
            changed(next);
        }
        return written;
    }

    Page<Grant> page(Criteria criteria, Pageable pageable) {
        Query query = Query.query(criteria);
        long total = mongo.count(query, GrantDocument.class);
        List<Grant> content = total == 0 ? List.of() : find(Query.query(criteria)
                .with(Sort.by(Sort.Direction.DESC, "issuedAt").and(Sort.by("_id"))).with(pageable));
        return new PageImpl<>(new ArrayList<>(content), pageable, total);
    }

    private List<Grant> find(Query query) {
        return mongo.find(query, GrantDocument.class).stream().map(GrantDocument::toDomain).toList();
    }
}
