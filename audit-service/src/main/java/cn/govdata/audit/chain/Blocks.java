package cn.govdata.audit.chain;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.Date;
import java.util.List;

/**
 * How the trail is stored. Records live in <em>blocks</em>: one document per chain and ingest batch,
 * holding the batch's entries ({@code <hash> <canonical JSON>} strings) in chain order, with an
 * index part ({@code ix}) naming the types, departments, resources, users, request ids and
 * subjects inside, and the time span. A block's id is {@code <chain>:<first sequence, 12 digits>}:
 * unique, so two writers of one chain cannot both write the same position, and the next block's
 * id follows from the previous block's last sequence, so a chain can be walked by id lookups alone.
 *
 * <p>Why blocks and not one document per event: on the local wire store (mongo-java-server + H2)
 * one document costs 2-5 ms to insert whatever its size (unique-index maintenance and the oplog),
 * which caps per-event documents at a few hundred events/s; a block of 500 entries costs about as
 * much as one document. On MongoDB the {@code ix} fields are multikey indexes.
 */
public final class Blocks {

    public static final String COLLECTION = "audit_blocks";
    /** Blocks moved out of the live collection by archiving; same shape, same ids. */
    public static final String ARCHIVE = "audit_archive";
    /** One head document per chain: last sequence and hash, Kafka position, checkpoint state. */
    public static final String CHAINS = "audit_chains";
    /** One document per chain with archived blocks: the signed boundary of the archived part. */
    public static final String SEGMENTS = "audit_archive_segments";

    public static final String CHAIN = "chain";
    public static final String FIRST = "first";
    public static final String LAST = "last";
    public static final String PREVIOUS_BLOCK = "prevBlock";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String WRITTEN_AT = "writtenAt";
    public static final String LAST_OFFSET = "lastOffset";
    public static final String LAST_TIMESTAMP = "lastTimestamp";
    public static final String RECORDS = "records";
    public static final String IX = "ix";

    private Blocks() {
    }

    public static String id(String chain, long firstSeq) {
        return chain + ":" + String.format("%012d", firstSeq);
    }

    public static void ensureIndexes(MongoTemplate mongo) {
        for (String collection : List.of(COLLECTION, ARCHIVE)) {
            var ops = mongo.indexOps(collection);
            ops.createIndex(new Index().on(CHAIN, Sort.Direction.ASC).on(FIRST, Sort.Direction.ASC));
            ops.createIndex(new Index().on(TO, Sort.Direction.DESC));
            for (String field : List.of("types", "departments", "resources", "users", "subjects")) {
                ops.createIndex(new Index().on(IX + "." + field, Sort.Direction.ASC).on(TO, Sort.Direction.DESC));
            }
            ops.createIndex(new Index().on(IX + ".requestIds", Sort.Direction.ASC));
            ops.createIndex(new Index().on(IX + ".ids", Sort.Direction.ASC));
        }
        mongo.indexOps(Checkpoints.COLLECTION).createIndex(new Index().on("chain", Sort.Direction.ASC).on("no", Sort.Direction.ASC));
    }

    public static Document find(MongoTemplate mongo, String collection, String id) {
        return mongo.findById(id, Document.class, collection);
    }

    @SuppressWarnings("unchecked")
    public static List<String> records(Document block) {
        Object records = block.get(RECORDS);
        return records instanceof List<?> list ? (List<String>) list.stream().map(String::valueOf).toList() : List.of();
    }

    public static long number(Document d, String field, long otherwise) {
        return d.get(field) instanceof Number n ? n.longValue() : otherwise;
    }

    public static Date date(Document d, String field) {
        return d.get(field) instanceof Date date ? date : null;
    }

    /** Blocks of one chain after a sequence number, ids and spans only: a full scan, used when the id walk finds a hole. */
    static List<Document> spansAfter(MongoTemplate mongo, String collection, String chain, long afterSeq) {
        Query query = Query.query(Criteria.where(CHAIN).is(chain).and(FIRST).gt(afterSeq));
        query.fields().include("_id", CHAIN, FIRST, LAST);
        return mongo.find(query, Document.class, collection);
    }
}
