package cn.govdata.catalog.entry;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * The entries collection as stored, for a feature that follows it rather than asking for single
 * entries (the search index keeps up with every write by change stream or by polling). It sees an
 * entry with the two things following needs, its last write time and version, and never the stored
 * shape itself, which stays this feature's business.
 */
public final class StoredEntries {

    /** The collection to watch or poll; a follower reads its rows through {@link #read(Document)}. */
    public static final String COLLECTION = EntryDocument.COLLECTION;

    /** An entry as last written: {@code entry} may be null for a damaged row. */
    public record Stored(String id, CatalogEntry entry, Instant updatedAt, Long version) {

        static Stored of(EntryDocument document) {
            return new Stored(document.id(), document.entry(), document.updatedAt(), document.version());
        }
    }

    private final MongoTemplate mongo;

    public StoredEntries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Every entry, in store order; close the stream. */
    public Stream<Stored> all() {
        return mongo.stream(new Query(), EntryDocument.class).map(Stored::of);
    }

    /** A raw row of {@link #COLLECTION} (a change stream's full document). */
    public Stored read(Document row) {
        return Stored.of(mongo.getConverter().read(EntryDocument.class, row));
    }

    /** The entries written at or after {@code from}, oldest write first; close the stream. */
    public Stream<Stored> writtenSince(Instant from) {
        Query changed = Query.query(Criteria.where("updatedAt").gte(from)).with(Sort.by("updatedAt"));
        return mongo.stream(changed, EntryDocument.class).map(Stored::of);
    }

    /** The entries with these ids (those that still exist). */
    public List<Stored> withIds(Collection<String> ids) {
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), EntryDocument.class).stream().map(Stored::of).toList();
    }
}
