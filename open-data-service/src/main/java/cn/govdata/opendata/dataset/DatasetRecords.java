package cn.govdata.opendata.dataset;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Published rows, one document each ({@code dataset_records}), already masked. Rows of a version
 * become visible only when the listing's {@code currentVersion} points at it.
 */
@Component
class DatasetRecords {

    static final String COLLECTION = "dataset_records";

    private final MongoTemplate mongo;

    DatasetRecords(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("entryId", Sort.Direction.ASC).on("version", Sort.Direction.ASC)
                .on("row", Sort.Direction.ASC));
    }

    void insert(List<Document> rows) {
        if (!rows.isEmpty()) {
            mongo.insert(rows, COLLECTION);
        }
    }

    /** Removes the rows of a version that was refused or lost to a newer one; never the current version's. */
    void deleteVersion(String entryId, int version) {
        mongo.remove(versionQuery(entryId, version), COLLECTION);
    }

    static Document row(String entryId, int version, long row, Document values) {
        return new Document("_id", entryId + "/" + version + "/" + row).append("entryId", entryId).append("version", version)
                .append("row", row).append("values", values);
    }

    /** Streams a version's rows in order from a cursor; the whole version is never in memory. */
    void forEach(String entryId, int version, Consumer<Document> values) {
        try (Stream<Document> rows = mongo.stream(versionQuery(entryId, version).with(Sort.by("row")), Document.class, COLLECTION)) {
            rows.forEach(d -> values.accept(d.get("values", Document.class)));
        }
    }

    List<Document> page(String entryId, int version, int page, int size) {
        return mongo.find(versionQuery(entryId, version).with(Sort.by("row")).skip((long) page * size).limit(size),
                Document.class, COLLECTION).stream().map(d -> d.get("values", Document.class)).toList();
    }

    private static Query versionQuery(String entryId, int version) {
        return Query.query(Criteria.where("entryId").is(entryId).and("version").is(version));
    }
}
