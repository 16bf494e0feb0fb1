package cn.govdata.platform.outbox;

import org.bson.Document;
import org.springframework.data.mapping.PersistentProperty;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.List;
import java.util.Set;

/**
 * The one write path for an aggregate and its events: every field of the new state, the new events
 * appended to the document's outbox with {@code $push}, the version bumped, all in one update
 * conditional on {@code {_id, version}} as read. A load-append-save replace would write back the
 * outbox as it was read, resurrecting messages the relay removed meanwhile (sent twice).
 *
 * <p>The one write of a state change: every field of the new state, the new events appended to the
 * document's outbox, the version bumped, all conditional on the version that was read. Unlike a
 * replace it neither re-adds events the relay already removed nor overwrites fields other writers
 * own (the exchange's {@code lastUsedAt}).
 */
public final class VersionedWrites {

    private static final Set<String> NEVER_SET = Set.of("_id", "_class", "version", "outbox");

    private final MongoTemplate mongo;

    public VersionedWrites(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * @param untouched fields left as they are in the database
     * @return false when the document is gone or its version moved on (a concurrent change won)
     */
    public boolean update(String id, Long readVersion, Object next, List<OutboxMessage> events, Set<String> untouched) {
        Class<?> type = next.getClass();
        Document fields = new Document();
        mongo.getConverter().write(next, fields);
        Update update = new Update();
        fields.forEach((name, value) -> {
            if (!NEVER_SET.contains(name) && !untouched.contains(name)) {
                update.set(name, value);
            }
        });
        MongoPersistentEntity<?> entity = mongo.getConverter().getMappingContext().getRequiredPersistentEntity(type);
        for (PersistentProperty<?> property : entity) {
            String name = ((org.springframework.data.mongodb.core.mapping.MongoPersistentProperty) property).getFieldName();
            if (!fields.containsKey(name) && !NEVER_SET.contains(name) && !untouched.contains(name)) {
                update.unset(name);
            }
        }
        update.inc("version", 1L);
        if (!events.isEmpty()) {
            update.push("outbox").each(events.stream().map(e -> mongo.getConverter().convertToMongoType(e)).toArray());
        }
        Criteria version = readVersion == null ? Criteria.where("version").is(null) : Criteria.where("version").is(readVersion);
        var result = mongo.updateFirst(Query.query(Criteria.where("_id").is(id)).addCriteria(version), update,
                mongo.getCollectionName(type));
        return result.getMatchedCount() == 1;
    }
}
