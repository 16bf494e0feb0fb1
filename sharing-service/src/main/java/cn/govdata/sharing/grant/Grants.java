package cn.govdata.sharing.grant;

import cn.govdata.platform.outbox.OutboxMessage;
import cn.govdata.platform.outbox.VersionedWrites;
import cn.govdata.platform.problem.PlatformException;
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

    /** The exchange owns this field ({@link #touch}); state changes never write it. */
    private static final Set<String> EXCHANGE_OWNED = Set.of("lastUsedAt");

    private final MongoTemplate mongo;
    private final VersionedWrites writes;
    private final CopyOnWriteArrayList<BiConsumer<String, String>> changeListeners = new CopyOnWriteArrayList<>();

    Grants(MongoTemplate mongo) {
        this.mongo = mongo;
        this.writes = new VersionedWrites(mongo);
        mongo.indexOps(Grant.COLLECTION).createIndex(new Index().on("consumerDepartment", Sort.Direction.ASC)
                .on("resourceId", Sort.Direction.ASC));
        mongo.indexOps(Grant.COLLECTION).createIndex(new Index().on("resourceId", Sort.Direction.ASC).on("state", Sort.Direction.ASC));
        mongo.indexOps(Grant.COLLECTION).createIndex(new Index().on("state", Sort.Direction.ASC).on("validTo", Sort.Direction.ASC));
    }

    public Optional<Grant> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Grant.class));
    }

    public Grant get(String id) {
        return find(id).orElseThrow(() -> PlatformException.notFound("Grant", id));
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
        return mongo.find(Query.query(Criteria.where("consumerDepartment").is(consumerDepartment)
                        .and("resourceId").is(resourceId).and("state").in(Grant.State.ACTIVE, Grant.State.SUSPENDED))
                .with(Sort.by(Sort.Direction.DESC, "issuedAt")), Grant.class);
    }

    /** Records use without touching the version, so a concurrent state change is never overwritten. */
    public void touch(String grantId, Instant usedAt) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(grantId)), new Update().max("lastUsedAt", usedAt), Grant.class);
    }

    /** The grants on the resource that are active and not past their validity at {@code now}. */
    public List<Grant> activeOnResource(String resourceId, Instant now) {
        return mongo.find(Query.query(Criteria.where("resourceId").is(resourceId).and("state").is(Grant.State.ACTIVE)
                .and("validTo").gt(now)), Grant.class);
    }

    /** Every grant on the resource that has not ended. */
    List<Grant> currentOnResource(String resourceId) {
        return mongo.find(Query.query(Criteria.where("resourceId").is(resourceId)
                .and("state").in(Grant.State.ACTIVE, Grant.State.SUSPENDED)), Grant.class);
    }

    /** Grants still current whose validity ended at or before {@code now}, oldest first. */
    List<Grant> pastValidity(Instant now, int limit) {
        return mongo.find(Query.query(Criteria.where("state").in(Grant.State.ACTIVE, Grant.State.SUSPENDED)
                .and("validTo").lte(now)).with(Sort.by("validTo")).limit(limit), Grant.class);
    }

    /** @return false when a grant with this id exists already (issued before: issuing is idempotent) */
    boolean insert(Grant grant) {
        try {
            mongo.insert(grant);
            changed(grant);
            return true;
        } catch (DuplicateKeyException issuedBefore) {
            return false;
        }
    }

    /**
     * Writes {@code next} with its events if nobody changed the grant since {@code loaded} was read.
     *
     * @throws PlatformException 409 when a concurrent change won
     */
    Grant update(Grant loaded, Grant next, List<OutboxMessage> events) {
        if (!tryUpdate(loaded, next, events)) {
            throw PlatformException.conflict("concurrent-change",
                    "Grant " + loaded.id() + " was changed by someone else meanwhile; reload it and try again");
        }
        return get(loaded.id());
    }

    boolean tryUpdate(Grant loaded, Grant next, List<OutboxMessage> events) {
        boolean written = writes.update(loaded.id(), loaded.version(), next, events, EXCHANGE_OWNED);
        if (written) {
            changed(next);
        }
        return written;
    }

    Page<Grant> page(Criteria criteria, Pageable pageable) {
        Query query = Query.query(criteria);
        long total = mongo.count(query, Grant.class);
        List<Grant> content = total == 0 ? List.of() : mongo.find(Query.query(criteria)
                .with(Sort.by(Sort.Direction.DESC, "issuedAt").and(Sort.by("_id"))).with(pageable), Grant.class);
        return new PageImpl<>(new ArrayList<>(content), pageable, total);
    }
}
