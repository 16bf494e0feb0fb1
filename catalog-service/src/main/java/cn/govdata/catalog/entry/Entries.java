package cn.govdata.catalog.entry;

import cn.govdata.platform.outbox.OutboxMessage;
import cn.govdata.platform.outbox.VersionedWrites;
import cn.govdata.platform.problem.PlatformException;
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

/** The entries collection. Other features of this service read and write entries through it. */
@Repository
public class Entries {

    private final MongoTemplate mongo;
    private final Clock clock;
    private final VersionedWrites writes;

    Entries(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
        this.writes = new VersionedWrites(mongo);
        mongo.indexOps(EntryDocument.COLLECTION).createIndex(new Index().on("providerDepartment", Sort.Direction.ASC).on("status", Sort.Direction.ASC));
        // The published catalog (DCAT) reads entries by status, and by region for a county.
        mongo.indexOps(EntryDocument.COLLECTION).createIndex(new Index().on("status", Sort.Direction.ASC).on("region", Sort.Direction.ASC));
    }

    public Optional<EntryDocument> find(String id) {
        return Optional.ofNullable(mongo.findById(id, EntryDocument.class));
    }

    public EntryDocument get(String id) {
        return find(id).orElseThrow(() -> PlatformException.notFound("Catalog entry", id));
    }

    void insert(CatalogEntry entry, List<OutboxMessage> events) {
        mongo.insert(document(entry, null, events));
    }

    /** Several new entries in one insert: a spreadsheet import is all or nothing. */
    public void insertAll(List<CatalogEntry> entries) {
        mongo.insert(entries.stream().map(e -> document(e, null, List.of())).toList(), EntryDocument.class);
    }

    /**
     * Replaces the entry if nobody changed it since {@code loaded} was read.
     *
     * @throws PlatformException 409 when a concurrent change won
     */
    EntryDocument update(EntryDocument loaded, CatalogEntry next, List<OutboxMessage> events) {
        // One conditional update that $pushes the events: a replace would write back the outbox as
        // loaded, re-adding messages the relay removed meanwhile.
        if (!writes.update(loaded.id(), loaded.version(), document(next, loaded.version(), List.of()), events, Set.of())) {
            throw PlatformException.conflict("concurrent-change",
                    "Entry " + loaded.id() + " was changed by someone else meanwhile; reload it and try again");
        }
        return get(loaded.id());
    }

    void deleteNeverSubmitted(String id, Long version) {
        var removed = mongo.remove(Query.query(Criteria.where("_id").is(id).and("version").is(version)), EntryDocument.class);
        if (removed.getDeletedCount() == 0) {
            throw PlatformException.conflict("concurrent-change", "Entry " + id + " changed meanwhile; reload it and try again");
        }
    }

    /** The next sequence number of a department's resource codes (atomic, no transaction needed). */
    long nextSequence(String department) {
        var counter = mongo.findAndModify(Query.query(Criteria.where("_id").is("entry-seq:" + department)),
                new Update().inc("value", 1L), FindAndModifyOptions.options().upsert(true).returnNew(true),
                org.bson.Document.class, "counters");
        return ((Number) counter.get("value")).longValue();
    }

    public Stream<EntryDocument> streamAll() {
        return mongo.stream(new Query(), EntryDocument.class);
    }

    public List<EntryDocument> byDepartment(String department, EntryStatus status) {
        Query query = Query.query(Criteria.where("providerDepartment").is(department));
        if (status != null) {
            query.addCriteria(Criteria.where("status").is(status));
        }
        return mongo.find(query.with(Sort.by("_id")), EntryDocument.class);
    }

    private EntryDocument document(CatalogEntry entry, Long version, List<OutboxMessage> outbox) {
        return new EntryDocument(entry.id(), entry.status(), entry.providerDepartment(), entry.current().region(),
                clock.instant(), entry, version, outbox);
    }
}
