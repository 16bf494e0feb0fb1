package cn.govdata.catalog.spreadsheet;

import cn.govdata.domain.Refusal;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The imports collection. Every change is a single-document write conditioned on the caller's
 * attempt id, so two requests racing on one import cannot both advance it.
 */
@Repository
class Imports {

    private final MongoTemplate mongo;

    Imports(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Inserts the record unless the import id is taken (the unique _id decides between racing requests). */
    boolean claim(ImportRecord fresh) {
        try {
            mongo.insert(fresh);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    Optional<ImportRecord> find(String key) {
        return Optional.ofNullable(mongo.findById(key, ImportRecord.class));
    }

    /** Takes over an unfinished import whose lease ran out (its request died or gave up). */
    Optional<ImportRecord> takeOver(String key, String attempt, Instant now, Instant leaseUntil) {
        Query query = Query.query(Criteria.where("_id").is(key).and("state").ne(ImportRecord.State.COMPLETED)
                .and("leaseUntil").lt(now));
        Update update = new Update().set("attempt", attempt).set("leaseUntil", leaseUntil).set("updatedAt", now);
        return Optional.ofNullable(mongo.findAndModify(query, update, FindAndModifyOptions.options().returnNew(true),
                ImportRecord.class));
    }

    void planned(String key, String attempt, List<String> entryIds, Instant now, Instant leaseUntil) {
        advance(key, attempt, new Update().set("state", ImportRecord.State.PLANNED).set("entryIds", entryIds)
                .set("updatedAt", now).set("leaseUntil", leaseUntil));
    }

    void stored(String key, String attempt, boolean submit, Instant now, Instant leaseUntil) {
        advance(key, attempt, new Update().set("state", ImportRecord.State.STORED).set("submit", submit)
                .set("updatedAt", now).set("leaseUntil", leaseUntil));
    }

    void completed(String key, String attempt, Instant now) {
        advance(key, attempt, new Update().set("state", ImportRecord.State.COMPLETED).set("updatedAt", now)
                .set("leaseUntil", now));
    }

    /** Lets a retry resume at once after this attempt failed, instead of waiting out the lease. */
    void release(String key, String attempt, Instant now) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(key).and("attempt").is(attempt)
                        .and("state").ne(ImportRecord.State.COMPLETED)),
                new Update().set("leaseUntil", now).set("updatedAt", now), ImportRecord.class);
    }

    /** Drops a claim that never planned anything, so the corrected file can use the same import id. */
    void abandon(String key, String attempt) {
        mongo.remove(Query.query(Criteria.where("_id").is(key).and("attempt").is(attempt)
                .and("state").is(ImportRecord.State.CLAIMED)), ImportRecord.class);
    }

    private void advance(String key, String attempt, Update update) {
        var result = mongo.updateFirst(Query.query(Criteria.where("_id").is(key).and("attempt").is(attempt)), update,
                ImportRecord.class);
        if (result.getMatchedCount() == 0) {
            throw Refusal.conflict("import-taken-over", "Import " + key + " was taken over by a later retry"
                    + " after this request held it too long; that retry finishes it");
        }
    }
}
