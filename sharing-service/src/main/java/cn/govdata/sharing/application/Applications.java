package cn.govdata.sharing.application;

import cn.govdata.platform.outbox.OutboxCollection;
import cn.govdata.platform.outbox.OutboxMessage;
import cn.govdata.domain.Refusal;
import cn.govdata.platform.outbox.VersionedWrites;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The applications collection (an outbox collection: each document carries its pending events). */
@Repository
class Applications {

    private final MongoTemplate mongo;
    private final VersionedWrites writes;

    Applications(MongoTemplate mongo) {
        this.mongo = mongo;
        this.writes = new VersionedWrites(mongo);
        mongo.indexOps(ShareApplicationDocument.COLLECTION).createIndex(new Index().on("consumerDepartment", Sort.Direction.ASC)
                .on("submittedAt", Sort.Direction.DESC));
        mongo.indexOps(ShareApplicationDocument.COLLECTION).createIndex(new Index().on("providerDepartment", Sort.Direction.ASC)
                .on("submittedAt", Sort.Direction.DESC));
        mongo.indexOps(ShareApplicationDocument.COLLECTION).createIndex(new Index().on("resourceId", Sort.Direction.ASC)
                .on("state", Sort.Direction.ASC));
        // The settlement sweep reads the few applications whose grant is not settled, not every approval.
        mongo.indexOps(ShareApplicationDocument.COLLECTION).createIndex(new Index().on("grantSettled", Sort.Direction.ASC)
                .on("state", Sort.Direction.ASC));
        mongo.indexOps(ShareApplicationDocument.COLLECTION).createIndex(new Index().on("renewsGrantId", Sort.Direction.ASC).sparse());
        // A county sub-platform lists its region's applications and, under QY 26, those filed with it.
        mongo.indexOps(ShareApplicationDocument.COLLECTION).createIndex(new Index().on("region", Sort.Direction.ASC)
                .on("submittedAt", Sort.Direction.DESC));
        // QY 26: a region's bureau lists the applications filed with it.
        mongo.indexOps(ShareApplicationDocument.COLLECTION).createIndex(new Index().on("filedWith", Sort.Direction.ASC)
                .on("submittedAt", Sort.Direction.DESC));
    }

    Optional<ShareApplication> find(String id) {
        return Optional.ofNullable(mongo.findById(id, ShareApplicationDocument.class)).map(ShareApplicationDocument::toDomain);
    }

    ShareApplication get(String id) {
        return find(id).orElseThrow(() -> Refusal.notFound("Application", id));
    }

    void insert(ShareApplication application, List<OutboxMessage> events) {
        mongo.insert(ShareApplicationDocument.from(application, events));
    }

    /**
     * Writes the changed application with its events if nobody changed it since it was read.
     *
     * @throws Refusal 409 when a concurrent change won
     */
    ShareApplication update(ShareApplication changed, List<OutboxMessage> events) {
        if (!tryUpdate(changed, events)) {
            throw Refusal.conflict("concurrent-change",
                    "Application " + changed.id() + " was changed by someone else meanwhile; reload it and try again");
        }
        return get(changed.id());
    }

    boolean tryUpdate(ShareApplication changed, List<OutboxMessage> events) {
        return writes.update(changed.id(), changed.version(), ShareApplicationDocument.from(changed, List.of()), events,
                Set.of());
    }

    List<ShareApplication> openOnResource(String resourceId) {
        return find(Query.query(Criteria.where("resourceId").is(resourceId)
                .and("state").in(ShareApplication.State.OPEN)));
    }

    List<ShareApplication> openRenewalsOf(String grantId) {
        return find(Query.query(Criteria.where("renewsGrantId").is(grantId)
                .and("state").in(ShareApplication.State.OPEN)));
    }

    /** Approved before {@code before} and still without their grant: what the settlement sweep retries. */
    List<ShareApplication> unsettled(Instant before, int limit) {
        return find(Query.query(Criteria.where("state").is(ShareApplication.State.APPROVED)
                .and("grantSettled").is(false).and("decision.decidedAt").lte(before)).limit(limit));
    }

    Page<ShareApplication> page(Criteria criteria, Pageable pageable) {
        long total = mongo.count(Query.query(criteria), ShareApplicationDocument.class);
        List<ShareApplication> content = total == 0 ? List.of() : find(Query.query(criteria)
                .with(Sort.by(Sort.Direction.DESC, "submittedAt").and(Sort.by("_id"))).with(pageable));
        return new PageImpl<>(new ArrayList<>(content), pageable, total);
    }

    private List<ShareApplication> find(Query query) {
        return mongo.find(query, ShareApplicationDocument.class).stream().map(ShareApplicationDocument::toDomain).toList();
    }

    @Configuration(proxyBeanMethods = false)
    static class ApplicationOutbox {

        @Bean
        OutboxCollection applicationsOutbox() {
            return new OutboxCollection(ShareApplicationDocument.COLLECTION);
        }
    }
}
