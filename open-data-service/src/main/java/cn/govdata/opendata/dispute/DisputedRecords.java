package cn.govdata.opendata.dispute;

import cn.govdata.events.objection.ObjectionEvents;
import cn.govdata.platform.dispute.DisputedRecordSink;
import cn.govdata.privacy.Pseudonyms;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The open objection cases per open resource ({@code resourceId} is the catalog entry id). Read
 * from the collection once per request rather than cached: open cases are few, and every replica
 * then sees a resolution at once whichever replica consumed it.
 */
@Component
public class DisputedRecords implements DisputedRecordSink {

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Pseudonyms pseudonyms;

    DisputedRecords(MongoTemplate mongo, Clock clock, Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
        this.mongo = mongo;
        this.clock = clock;
        mongo.indexOps(DisputedRecord.COLLECTION).createIndex(new Index().on("resourceId", Sort.Direction.ASC)
                .on("open", Sort.Direction.ASC));
    }

    /** The resource's open cases, loaded once for a whole response. */
    public OpenDisputes of(String resourceId) {
        return OpenDisputes.of(resourceId, pseudonyms, mongo.find(openOn(Criteria.where("resourceId").is(resourceId)), DisputedRecord.class).stream()
                .map(r -> new OpenDisputes.Case(r.recordPseudonym(), r.fields())).toList());
    }

    /** The open cases of several resources in one query (a page of the catalog); resources without cases are absent. */
    public Map<String, OpenDisputes> of(Collection<String> resourceIds) {
        if (resourceIds.isEmpty()) {
            return Map.of();
        }
        Map<String, List<OpenDisputes.Case>> cases = new HashMap<>();
        for (DisputedRecord r : mongo.find(openOn(Criteria.where("resourceId").in(resourceIds)), DisputedRecord.class)) {
            cases.computeIfAbsent(r.resourceId(), k -> new ArrayList<>()).add(new OpenDisputes.Case(r.recordPseudonym(), r.fields()));
        }
        Map<String, OpenDisputes> disputes = new HashMap<>();
        cases.forEach((resourceId, open) -> disputes.put(resourceId, OpenDisputes.of(resourceId, pseudonyms, open)));
        return disputes;
    }

    /** A case opened. Keyed by case id, so redelivery never counts twice and never reopens a case already resolved. */
    @Override
    public void disputed(ObjectionEvents.DataDisputed event) {
        mongo.upsert(Query.query(Criteria.where("_id").is(event.caseId())),
                new Update().setOnInsert("resourceId", event.resourceId()).setOnInsert("recordPseudonym", event.recordPseudonym())
                        .setOnInsert("fields", event.fields() == null ? List.of() : event.fields())
                        .setOnInsert("reason", event.reason()).setOnInsert("open", true)
                        .setOnInsert("markedAt", event.markedAt()).setOnInsert("updatedAt", clock.instant()),
                DisputedRecord.class);
    }

    /** A case closed; a resolution seen before its opening leaves a closed case behind. */
    @Override
    public void resolved(ObjectionEvents.DisputeResolved event) {
        mongo.upsert(Query.query(Criteria.where("_id").is(event.caseId())),
                new Update().set("open", false).set("outcome", event.outcome()).set("resolvedAt", event.resolvedAt())
                        .set("updatedAt", clock.instant()).setOnInsert("resourceId", event.resourceId())
                        .setOnInsert("recordPseudonym", event.recordPseudonym()), DisputedRecord.class);
    }

    private static Query openOn(Criteria resource) {
        return Query.query(resource.and("open").is(true));
    }
}
