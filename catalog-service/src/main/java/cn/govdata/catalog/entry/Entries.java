package cn.govdata.catalog.entry;

import cn.govdata.platform.outbox.OutboxMessage;
import cn.govdata.platform.outbox.VersionedWrites;
import cn.govdata.domain.Refusal;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
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
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The entries collection. Other features of this service read and write entries through it, in
 * domain terms ({@link CatalogEntry}); the stored shape ({@link EntryDocument}) stays inside this feature.
 */
@Repository
public class Entries {

    static final String ITEM_KEYS = "itemKeys";
    static final String FILED_AT = "entry.filing.filedAt";
    private static final String ITEM_KEYS_BACKFILLED = "backfill:entry-item-keys";

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
        // One datum, one source: the entries that may hold an item (multikey).
        mongo.indexOps(EntryDocument.COLLECTION).createIndex(new Index().on(ITEM_KEYS, Sort.Direction.ASC));
        // The bureau's list of filings (SY 23, NT 8), newest first, for all departments or one.
        mongo.indexOps(EntryDocument.COLLECTION).createIndex(new Index().on(FILED_AT, Sort.Direction.DESC));
        mongo.indexOps(EntryDocument.COLLECTION).createIndex(new Index().on("providerDepartment", Sort.Direction.ASC)
                .on(FILED_AT, Sort.Direction.DESC));
    }

    /**
     * Entries stored before {@code itemKeys} existed get theirs, once per database (then marked
     * done in {@code counters}). Each write is conditional on the version read, so an entry changed
     * meanwhile keeps the keys its change wrote.
     */
    @EventListener(ApplicationReadyEvent.class)
    void backfillItemKeys() {
        Query marker = Query.query(Criteria.where("_id").is(ITEM_KEYS_BACKFILLED));
        if (mongo.exists(marker, "counters")) {
            return;
        }
        try (Stream<EntryDocument> all = mongo.stream(new Query(), EntryDocument.class)) {
            all.filter(d -> d.itemKeys() == null).forEach(d -> mongo.updateFirst(
                    Query.query(Criteria.where("_id").is(d.id()).and("version").is(d.version())),
                    new Update().set(ITEM_KEYS, ItemKeys.of(d.entry())), EntryDocument.COLLECTION));
        }
        mongo.upsert(marker, new Update().set("at", clock.instant()), "counters");
    }

    Optional<EntryDocument> find(String id) {
        return Optional.ofNullable(mongo.findById(id, EntryDocument.class));
    }

    EntryDocument get(String id) {
        return find(id).orElseThrow(() -> Refusal.notFound("Catalog entry", id));
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
     * @throws Refusal 409 when a concurrent change won
     */
    EntryDocument update(EntryDocument loaded, CatalogEntry next, List<OutboxMessage> events) {
        // One conditional update that $pushes the events: a replace would write back the outbox as
        // loaded, re-adding messages the relay removed meanwhile.
        if (!writes.update(loaded.id(), loaded.version(), document(next, loaded.version(), List.of()), events, Set.of())) {
            throw Refusal.conflict("concurrent-change",
                    "Entry " + loaded.id() + " was changed by someone else meanwhile; reload it and try again");
        }
        return get(loaded.id());
    }

    void deleteNeverSubmitted(String id, Long version) {
        var removed = mongo.remove(Query.query(Criteria.where("_id").is(id).and("version").is(version)), EntryDocument.class);
        if (removed.getDeletedCount() == 0) {
            throw Refusal.conflict("concurrent-change", "Entry " + id + " changed meanwhile; reload it and try again");
        }
    }

    /** The next sequence number of a department's resource codes (atomic, no transaction needed). */
    long nextSequence(String department) {
        var counter = mongo.findAndModify(Query.query(Criteria.where("_id").is("entry-seq:" + department)),
                new Update().inc("value", 1L), FindAndModifyOptions.options().upsert(true).returnNew(true),
                org.bson.Document.class, "counters");
        return ((Number) counter.get("value")).longValue();
    }

    /** The entry with this id, if there is one: the way other features read an entry. */
    public Optional<CatalogEntry> findEntry(String id) {
        return find(id).map(EntryDocument::entry);
    }

    /** The entry with this id; 404 when there is none. */
    public CatalogEntry entry(String id) {
        return get(id).entry();
    }

    /** Entries with an item of any of these keys ({@link ItemKeys}), in id order; close the stream. */
    public Stream<CatalogEntry> entriesHoldingAny(Collection<String> itemKeys) {
        return holdingAny(itemKeys).map(EntryDocument::entry);
    }

    /** Every entry, in store order; close the stream. */
    public Stream<CatalogEntry> allEntries() {
        return streamAll().map(EntryDocument::entry);
    }

    /** A department's entries in id order, of one status or (null) of any. */
    public List<CatalogEntry> entriesOf(String department, EntryStatus status) {
        return byDepartment(department, status).stream().map(EntryDocument::entry).toList();
    }

    /** One page of {@link #published}: the entries on it and how many there are in all. */
    public record PublishedPage(List<CatalogEntry> entries, long total) {
    }

    /**
     * The entries of these statuses, in id order, one page of them; with {@code regions} only those
     * of these regions (null: every region). The status/region index serves it.
     */
    public PublishedPage published(Collection<EntryStatus> statuses, Collection<String> regions, int page, int size) {
        Criteria visible = Criteria.where("status").in(statuses);
        if (regions != null) {
            visible = visible.and("region").in(regions);
        }
        Query query = Query.query(visible);
        long total = mongo.count(query, EntryDocument.class);
        query.with(Sort.by("_id")).skip((long) page * size).limit(size);
        return new PublishedPage(mongo.find(query, EntryDocument.class).stream().map(EntryDocument::entry).toList(), total);
    }

    /** Entries with an item of any of these keys ({@link ItemKeys}), in id order. */
    Stream<EntryDocument> holdingAny(Collection<String> itemKeys) {
        return mongo.stream(Query.query(Criteria.where(ITEM_KEYS).in(itemKeys)).with(Sort.by("_id")), EntryDocument.class);
    }

    Stream<EntryDocument> streamAll() {
        return mongo.stream(new Query(), EntryDocument.class);
    }

    List<EntryDocument> byDepartment(String department, EntryStatus status) {
        Query query = Query.query(Criteria.where("providerDepartment").is(department));
        if (status != null) {
            query.addCriteria(Criteria.where("status").is(status));
        }
        return mongo.find(query.with(Sort.by("_id")), EntryDocument.class);
    }

    /**
     * Entries with a filing (备案) made in {@code [from, to)}, newest filing first; null arguments do
     * not filter. The range on the filing time always applies, so the filing-time indexes serve it.
     */
    Page<EntryDocument> filings(String department, EntryContent.ShareType shareType, Instant from, Instant to, Pageable pageable) {
        Criteria filed = Criteria.where(FILED_AT).gte(from == null ? Instant.EPOCH : from);
        if (to != null) {
            filed.lt(to);
        }
        Query query = Query.query(filed);
        if (department != null) {
            query.addCriteria(Criteria.where("providerDepartment").is(department));
        }
        if (shareType != null) {
            query.addCriteria(Criteria.where("entry.filing.shareType").is(shareType));
        }
        long total = mongo.count(query, EntryDocument.class);
        query.with(pageable).with(Sort.by(Sort.Direction.DESC, FILED_AT).and(Sort.by("_id")));
        return new PageImpl<>(mongo.find(query, EntryDocument.class), pageable, total);
    }

    private EntryDocument document(CatalogEntry entry, Long version, List<OutboxMessage> outbox) {
        return new EntryDocument(entry.id(), entry.status(), entry.providerDepartment(), entry.current().region(),
                clock.instant(), entry, version, outbox);
    }
}
