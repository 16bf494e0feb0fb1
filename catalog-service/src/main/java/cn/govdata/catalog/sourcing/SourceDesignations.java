package cn.govdata.catalog.sourcing;

import cn.govdata.platform.outbox.OutboxMessage;
import cn.govdata.domain.Refusal;
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

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The {@value DesignationDocument#COLLECTION} collection. */
@Repository
class SourceDesignations {

    private final MongoTemplate mongo;

    SourceDesignations(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(DesignationDocument.COLLECTION).createIndex(new Index().on("itemKey", Sort.Direction.ASC).unique()
                .named("designation_item"));
        mongo.indexOps(DesignationDocument.COLLECTION).createIndex(new Index().on("collectingDepartment", Sort.Direction.ASC));
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the item is designated already */
    void insert(SourceDesignation designation, OutboxMessage event) {
        mongo.insert(new DesignationDocument(designation.id(), designation.itemKey(), designation.collectingDepartment(),
                designation, null, List.of(event)));
    }

    /** The designation with this id, if there is one. */
    Optional<SourceDesignation> findDesignation(String id) {
        return find(id).map(DesignationDocument::designation);
    }

    Optional<DesignationDocument> find(String id) {
        return Optional.ofNullable(mongo.findById(id, DesignationDocument.class));
    }

    Optional<SourceDesignation> byItemKey(String itemKey) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("itemKey").is(itemKey)), DesignationDocument.class))
                .map(DesignationDocument::designation);
    }

    /** The designations of these items, by item key. */
    List<SourceDesignation> byItemKeys(Collection<String> itemKeys) {
        if (itemKeys.isEmpty()) {
            return List.of();
        }
        return mongo.find(Query.query(Criteria.where("itemKey").in(itemKeys)).with(Sort.by("itemKey")), DesignationDocument.class)
                .stream().map(DesignationDocument::designation).toList();
    }

    /** The items a department is designated to collect, by item key. */
    List<SourceDesignation> collectedBy(String department) {
        return mongo.find(Query.query(Criteria.where("collectingDepartment").is(department)).with(Sort.by("itemKey")),
                DesignationDocument.class).stream().map(DesignationDocument::designation).toList();
    }

    Page<SourceDesignation> list(String collectingDepartment, Pageable pageable) {
        Query query = new Query();
        if (collectingDepartment != null) {
            query.addCriteria(Criteria.where("collectingDepartment").is(collectingDepartment));
        }
        long total = mongo.count(query, DesignationDocument.class);
        query.with(pageable).with(Sort.by("itemKey"));
        return new PageImpl<>(mongo.find(query, DesignationDocument.class).stream().map(DesignationDocument::designation).toList(),
                pageable, total);
    }

    /**
     * Replaces the designation and queues its event in one update, if nobody changed it since
     * {@code loaded} was read. The outbox is appended to, never rewritten, so an event the relay
     * removed meanwhile is not put back.
     *
     * @throws Refusal 409 when a concurrent change won
     */
    void replace(DesignationDocument loaded, SourceDesignation next, OutboxMessage event) {
        Query unchanged = Query.query(Criteria.where("_id").is(loaded.id()).and("version").is(loaded.version()));
        Update update = new Update().set("designation", next).set("collectingDepartment", next.collectingDepartment())
                .inc("version", 1).push("outbox", event);
        if (mongo.updateFirst(unchanged, update, DesignationDocument.class).getModifiedCount() == 0) {
            throw Refusal.conflict("concurrent-change",
                    "Designation " + loaded.id() + " was changed by someone else meanwhile; reload it and try again");
        }
    }
}
