package cn.govdata.audit.supervision;

import cn.govdata.audit.AuditProperties;
import cn.govdata.audit.chain.TrailRecord;
import cn.govdata.audit.trail.TrailObserver;
import cn.govdata.events.EventTypes;
import cn.govdata.events.ExchangeEventTypes;
import cn.govdata.events.ObjectionEventTypes;
import cn.govdata.events.OpenDataEventTypes;
import cn.govdata.events.SharingEventTypes;
import org.bson.Document;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static cn.govdata.audit.chain.TrailRecord.text;

// Longer than the house's ~350 lines on purpose: one projection from every event type to its fact,
// kept in one switch so that "replaying or reordering events changes nothing" can be checked in one
// place (every branch is an upsert keyed by its case, through the same helpers).
/**
 * Turns platform events into the small facts supervision scores are computed from: one document
 * per reviewable case (catalog review, formality check, share decision, demand answer), catalog
 * entry, update duty, objection case, grant and missed deadline. Every update is an upsert keyed by
 * the case, setting only what the event knows, so replaying or reordering events changes nothing.
 */
@Component
class SupervisionFacts implements TrailObserver {

    static final String COLLECTION = "supervision_facts";
    /** One document per department that any fact names: who gets a scorecard besides the directory. */
    static final String DEPARTMENTS = "supervision_departments";
    /** Set while a case is open: the sparse key open cases are counted by. */
    static final String OPEN_KIND = "openKind";
    /** Marks the one-time derivation of {@link #OPEN_KIND} and {@link #DEPARTMENTS} from earlier facts as done. */
    private static final String BACKFILLED = "backfill:open-cases-and-departments";

    /** Grants' last use needs hour resolution (the unused-grant rule counts months): write it at most hourly per grant. */
    private static final java.time.Duration ACCESS_RESOLUTION = java.time.Duration.ofHours(1);

    private final MongoTemplate mongo;
    private final String bureau;
    private final Map<String, Instant> accessWritten = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                    return size() > 50_000;
                }
            });

    /** Departments already in {@value #DEPARTMENTS}: written once per department and process, not once per fact. */
    private final Set<String> departmentsRecorded = ConcurrentHashMap.newKeySet();

    SupervisionFacts(MongoTemplate mongo, AuditProperties properties) {
        this.mongo = mongo;
        this.bureau = properties.bureauDepartment();
        ensureIndexes(mongo);
    }

    /**
     * What scorecards read by: a department's facts of one kind, narrowed by the date that puts a
     * case in a period (or by its subject, or a grant's validity), so a scorecard reads its own
     * department and period only; and the open cases, which are few whatever the history.
     */
    static void ensureIndexes(MongoTemplate mongo) {
        var ops = mongo.indexOps(COLLECTION);
        for (String third : List.of("dueAt", "decidedAt", "closedAt", "openedAt", "missedAt", "subject", "validTo")) {
            ops.createIndex(new Index().on("department", Sort.Direction.ASC).on("kind", Sort.Direction.ASC).on(third, Sort.Direction.ASC));
        }
        ops.createIndex(new Index().on(OPEN_KIND, Sort.Direction.ASC).sparse());
    }

    /**
     * Facts recorded before open cases and departments were kept as they are recorded: derived
     * once from every fact, then marked done. Safe alongside live events: each step recomputes
     * from the document as it is, and writing a department twice changes nothing.
     */
    @EventListener(ApplicationReadyEvent.class)
    void backfill() {
        if (mongo.exists(Query.query(Criteria.where("_id").is(BACKFILLED)), COLLECTION)) {
            return;
        }
        Query all = new Query();
        all.fields().include("_id").include("department");
        try (var facts = mongo.stream(all, Document.class, COLLECTION)) {
            facts.forEach(fact -> {
                String id = fact.getString("_id");
                if (fact.get("department") instanceof String department) {
                    recordDepartment(department);
                }
                track(id);
            });
        }
        mongo.upsert(Query.query(Criteria.where("_id").is(BACKFILLED)), new Update().set("at", new Date()), COLLECTION);
    }

    @Override
    public void chained(List<TrailRecord> records) {
        apply(records);
    }

    @Override
    public void redelivered(List<TrailRecord> records) {
        apply(records);
    }

    void apply(List<TrailRecord> records) {
        Map<String, Instant> lastAccessByGrant = new HashMap<>();
        for (TrailRecord r : records) {
            if (r.type() == null || r.data() == null) {
                continue;
            }
            if (r.type().equals(ExchangeEventTypes.DATA_ACCESSED.type())) {
                String grant = text(r.data(), "grantId");
                Instant at = instant(r.data(), "accessedAt", r.time());
                if (grant != null && at != null) {
                    lastAccessByGrant.merge(grant, at, (a, b) -> a.isAfter(b) ? a : b);
                }
            } else {
                apply(r.type(), r.data(), r.time());
            }
        }
        lastAccessByGrant.entrySet().removeIf(e -> {
            Instant written = accessWritten.get(e.getKey());
            return written != null && e.getValue().isBefore(written.plus(ACCESS_RESOLUTION));
        });
        // One round trip per batch: access events come by the thousand.
        if (!lastAccessByGrant.isEmpty()) {
            var bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
            lastAccessByGrant.forEach((grant, at) -> bulk.upsert(Query.query(Criteria.where("_id").is("grant:" + grant)),
                    new Update().max("lastAccessAt", Date.from(at))));
            bulk.execute();
            accessWritten.putAll(lastAccessByGrant);
        }
    }

    private void apply(String type, JsonNode d, Instant eventTime) {
        if (is(type, EventTypes.CATALOG_ENTRY_SUBMITTED.type())) {
            approval("catalog-review", text(d, "entryId") + ":" + d.path("version").asInt(), text(d, "entryId"), bureau,
                    instant(d, "submittedAt", eventTime), instant(d, "reviewDueAt", null));
        } else if (is(type, EventTypes.CATALOG_ENTRY_RETURNED.type())) {
            decided("catalog-review", text(d, "entryId") + ":" + d.path("version").asInt(), instant(d, "returnedAt", eventTime));
        } else if (is(type, EventTypes.CATALOG_ENTRY_PUBLISHED.type()) || is(type, EventTypes.CATALOG_ENTRY_CHANGED.type())) {
            JsonNode entry = d.path("entry");
            Instant at = instant(d, is(type, EventTypes.CATALOG_ENTRY_PUBLISHED.type()) ? "publishedAt" : "changedAt", eventTime);
            decided("catalog-review", text(entry, "entryId") + ":" + entry.path("version").asInt(), at);
            entry(entry, at);
        } else if (is(type, EventTypes.CATALOG_ENTRY_WITHDRAWN.type())) {
            upsert("entry:" + text(d, "entryId"), new Update().set("withdrawn", true));
        } else if (is(type, EventTypes.CATALOG_DUTY_OPENED.type())) {
            upsert("duty:" + text(d, "dutyId"), base("duty", text(d, "department")).set("subject", text(d, "dutyId"))
                    .set("dueAt", date(d, "dueAt")).set("openedAt", date(d, "openedAt")));
        } else if (is(type, EventTypes.CATALOG_DUTY_FULFILLED.type())) {
            upsert("duty:" + text(d, "dutyId"), base("duty", text(d, "department")).set("subject", text(d, "dutyId"))
                    .set("dueAt", date(d, "dueAt")).set("decidedAt", date(d, "fulfilledAt")).set("onTime", d.path("onTime").asBoolean()));
        } else if (is(type, EventTypes.CATALOG_DUTY_OVERDUE.type())) {
            upsert("duty:" + text(d, "dutyId"), base("duty", text(d, "department")).set("subject", text(d, "dutyId"))
                    .set("dueAt", date(d, "dueAt")).set("late", true));
        } else if (is(type, SharingEventTypes.APPLICATION_SUBMITTED.type())) {
            String app = text(d, "applicationId");
            if (d.hasNonNull("formalityCheckDueAt")) {
                approval("formality-check", app, app, bureau, instant(d, "submittedAt", eventTime), instant(d, "formalityCheckDueAt", null));
            }
            if (d.hasNonNull("decisionDueAt")) {
                approval("share-decision", app, app, text(d, "providerDepartment"), instant(d, "submittedAt", eventTime),
                        instant(d, "decisionDueAt", null));
            }
        } else if (is(type, SharingEventTypes.FORMALITY_CHECKED.type())) {
            String app = text(d, "applicationId");
            approval("formality-check", app, app, bureau, instant(d, "submittedAt", null), instant(d, "dueAt", null));
            decided("formality-check", app, instant(d, "checkedAt", eventTime));
            if (d.path("passed").asBoolean() && d.hasNonNull("decisionDueAt")) {
                approval("share-decision", app, app, text(d, "providerDepartment"), instant(d, "checkedAt", eventTime),
                        instant(d, "decisionDueAt", null));
            }
        } else if (is(type, SharingEventTypes.APPLICATION_DECIDED.type())) {
            String app = text(d, "applicationId");
            Update update = base("approval", text(d, "providerDepartment")).set("process", "share-decision").set("subject", app)
                    .set("decidedAt", date(d, "decidedAt"));
            if (d.hasNonNull("decisionDueAt")) {
                update.set("dueAt", date(d, "decisionDueAt"));
            }
            if (d.path("bySilence").asBoolean()) {
                update.set("late", true);
            }
            if ("CANCELLED".equals(text(d, "outcome"))) {
                update.set("cancelled", true);
            }
            upsert("approval:share-decision:" + app, update);
        } else if (is(type, SharingEventTypes.DEMAND_RAISED.type())) {
            approval("demand-answer", text(d, "demandId"), text(d, "demandId"), text(d, "addressedTo"),
                    instant(d, "raisedAt", eventTime), instant(d, "answerDueAt", null));
        } else if (is(type, SharingEventTypes.DEMAND_ANSWERED.type())) {
            approval("demand-answer", text(d, "demandId"), text(d, "demandId"), text(d, "addressedTo"),
                    instant(d, "raisedAt", null), instant(d, "answerDueAt", null));
            decided("demand-answer", text(d, "demandId"), instant(d, "answeredAt", eventTime));
        } else if (is(type, SharingEventTypes.GRANT_ISSUED.type())) {
            upsert("grant:" + text(d, "grantId"), base("grant", text(d, "consumerDepartment")).set("subject", text(d, "grantId"))
                    .set("provider", text(d, "providerDepartment")).set("issuedAt", date(d, "issuedAt"))
                    .set("validTo", date(d, "validTo")));
        } else if (is(type, SharingEventTypes.GRANT_RENEWED.type())) {
            upsert("grant:" + text(d, "grantId"), new Update().set("validTo", date(d, "validTo")));
        } else if (is(type, SharingEventTypes.GRANT_REVOKED.type()) || is(type, SharingEventTypes.GRANT_EXPIRED.type())) {
            Instant ended = instant(d, d.hasNonNull("revokedAt") ? "revokedAt" : "expiredAt", eventTime);
            if (ended != null) {
                upsert("grant:" + text(d, "grantId"), new Update().min("endedAt", Date.from(ended)));
            }
        } else if (is(type, SharingEventTypes.GRANT_SUSPENDED.type())) {
            upsert("grant:" + text(d, "grantId"), new Update().set("suspended", true));
        } else if (is(type, SharingEventTypes.GRANT_REINSTATED.type())) {
            upsert("grant:" + text(d, "grantId"), new Update().set("suspended", false));
        } else if (is(type, EventTypes.DEADLINE_MISSED.type())) {
            upsert("missed:" + text(d, "deadlineId"), base("missed", text(d, "responsibleDepartment"))
                    .set("process", text(d, "process")).set("step", text(d, "step")).set("subject", text(d, "subjectId"))
                    .set("dueAt", date(d, "dueAt")).set("missedAt", date(d, "firedAt")));
        } else if (is(type, ObjectionEventTypes.DATA_DISPUTED.type())) {
            objection(text(d, "caseId"), text(d, "providerDepartment")).ifPresentSet("openedAt", date(d, "markedAt")).upsert(this);
        } else if (is(type, ObjectionEventTypes.DISPUTE_RESOLVED.type())) {
            objection(text(d, "caseId"), text(d, "providerDepartment")).ifPresentSet("closedAt", date(d, "resolvedAt")).upsert(this);
        } else if (is(type, ObjectionEventTypes.OBJECTION_RECEIVED.type())) {
            objection(text(d, "caseId"), text(d, "providerDepartment")).ifPresentSet("openedAt", date(d, "receivedAt")).upsert(this);
        } else if (is(type, ObjectionEventTypes.OBJECTION_ROUTED.type())) {
            objection(text(d, "caseId"), text(d, "department")).forceDepartment().upsert(this);
        } else if (is(type, ObjectionEventTypes.OBJECTION_DECIDED.type())) {
            var o = objection(text(d, "caseId"), text(d, "department")).forceDepartment().ifPresentSet("closedAt", date(d, "decidedAt"))
                    .ifPresentSet("dueAt", date(d, "dueAt"));
            if (!d.path("onTime").asBoolean(true)) {
                o.update.set("late", true);
            }
            o.upsert(this);
        } else if (is(type, ObjectionEventTypes.OBJECTION_ESCALATED.type())) {
            var o = objection(text(d, "caseId"), text(d, "responsibleDepartment"));
            o.update.set("late", true);
            o.ifPresentSet("dueAt", date(d, "dueAt")).upsert(this);
        } else if (is(type, OpenDataEventTypes.DATASET_VERSION_PUBLISHED.type())) {
            upsert("entry:" + text(d, "entryId"), new Update().max("openDataPublishedAt", date(d, "publishedAt"))
                    .min("firstOpenDataPublishedAt", date(d, "publishedAt")));
            upsert("meta:open-data", new Update().set("kind", "meta").inc("datasetVersions", 1));
        }
    }

    private void approval(String process, String key, String subject, String department, Instant receivedAt, Instant dueAt) {
        if (key == null || department == null) {
            return;
        }
        Update update = base("approval", department).set("process", process).set("subject", subject);
        if (receivedAt != null) {
            update.min("receivedAt", Date.from(receivedAt));
        }
        if (dueAt != null) {
            update.set("dueAt", Date.from(dueAt));
        }
        upsert("approval:" + process + ":" + key, update);
    }

    private void decided(String process, String key, Instant at) {
        if (key != null && at != null) {
            upsert("approval:" + process + ":" + key, new Update().min("decidedAt", Date.from(at)));
        }
    }

    /** Latest published version of an entry: what its completeness is judged by. */
    private void entry(JsonNode e, Instant at) {
        String entryId = text(e, "entryId");
        if (entryId == null) {
            return;
        }
        int version = e.path("version").asInt();
        JsonNode items = e.path("dataItems");
        boolean dictionary = items.isArray() && !items.isEmpty();
        boolean itemsDescribed = dictionary;
        for (JsonNode item : items) {
            itemsDescribed &= nonBlank(text(item, "name")) && nonBlank(text(item, "type"));
        }
        String shareType = text(e, "shareType");
        String openType = text(e, "openType");
        boolean elements = nonBlank(text(e, "name")) && nonBlank(text(e, "summary")) && nonBlank(text(e, "category"))
                && e.path("formats").isArray() && !e.path("formats").isEmpty() && nonBlank(text(e, "updateFrequency"))
                && nonBlank(shareType) && nonBlank(openType) && itemsDescribed
                && (!"CONDITIONAL".equals(shareType) || nonBlank(text(e, "shareConditions")))
                && (!"CONDITIONAL".equals(openType) || nonBlank(text(e, "openConditions")))
                && (!"NOT_SHARED".equals(shareType) || nonBlank(text(e, "shareConditions")));
        Update update = base("entry", text(e, "providerDepartment")).set("subject", entryId).set("version", version)
                .set("shareType", shareType).set("openType", openType).set("hasDictionary", dictionary)
                .set("elementsComplete", elements).set("updateFrequency", text(e, "updateFrequency"))
                .set("withdrawn", false);
        if (at != null) {
            update.min("publishedAt", Date.from(at));
        }
        try {
            mongo.upsert(Query.query(new Criteria().andOperator(Criteria.where("_id").is("entry:" + entryId),
                    new Criteria().orOperator(Criteria.where("version").lt(version), Criteria.where("version").exists(false)))),
                    update, COLLECTION);
            if (text(e, "providerDepartment") != null) {
                recordDepartment(text(e, "providerDepartment"));
            }
        } catch (DuplicateKeyException newerVersionKnown) {
            // The fact already describes a later version of the entry.
        }
    }

    private static Update base(String kind, String department) {
        Update update = new Update().set("kind", kind);
        if (department != null) {
            update.set("department", department);
        }
        return update;
    }

    private Objection objection(String caseId, String department) {
        return new Objection(caseId, department);
    }

    private void upsert(String id, Update update) {
        if (id.endsWith(":null")) {
            return;
        }
        var result = mongo.upsert(Query.query(Criteria.where("_id").is(id)), update, COLLECTION);
        Document set = update.getUpdateObject().get("$set", Document.class);
        Document onInsert = update.getUpdateObject().get("$setOnInsert", Document.class);
        if (set != null && set.get("department") instanceof String department) {
            recordDepartment(department);
        } else if (onInsert != null && result.getUpsertedId() != null && onInsert.get("department") instanceof String department) {
            recordDepartment(department);
        }
        track(id);
    }

    /**
     * Keeps {@value #OPEN_KIND} equal to the fact's kind while the case awaits a decision (an
     * approval neither decided nor cancelled, an objection not closed, a duty not fulfilled) and
     * absent otherwise, so open cases are counted through a sparse index. Two conditional updates
     * judge the document as stored, so any order of events, and redelivery, gives the same result.
     */
    private void track(String id) {
        String kind = id.substring(0, Math.max(id.indexOf(':'), 0));
        String doneAt = switch (kind) {
            case "approval", "duty" -> "decidedAt";
            case "objection" -> "closedAt";
            default -> null;
        };
        if (doneAt == null) {
            return;
        }
        Criteria open = Criteria.where("_id").is(id).and("kind").is(kind).and(doneAt).is(null);
        Criteria done = Criteria.where("_id").is(id);
        if (kind.equals("approval")) {
            open.and("cancelled").ne(true);
            done.orOperator(Criteria.where("kind").ne(kind), Criteria.where(doneAt).ne(null), Criteria.where("cancelled").is(true));
        } else {
            done.orOperator(Criteria.where("kind").ne(kind), Criteria.where(doneAt).ne(null));
        }
        mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION)
                .updateOne(Query.query(open), new Update().set(OPEN_KIND, kind))
                .updateOne(Query.query(done), new Update().unset(OPEN_KIND))
                .execute();
    }

    /** Every department with a fact gets a scorecard, so the departments are kept as facts name them. */
    private void recordDepartment(String department) {
        if (!department.isBlank() && !departmentsRecorded.contains(department)) {
            mongo.upsert(Query.query(Criteria.where("_id").is(department)), new Update().setOnInsert("_id", department), DEPARTMENTS);
            departmentsRecorded.add(department);
        }
    }

    private static boolean is(String type, String expected) {
        return type.equals(expected);
    }

    private static boolean nonBlank(String s) {
        return s != null && !s.isBlank();
    }

    static Instant instant(JsonNode d, String field, Instant otherwise) {
        String text = text(d, field);
        try {
            return text == null ? otherwise : Instant.parse(text);
        } catch (RuntimeException e) {
            return otherwise;
        }
    }

    private static Date date(JsonNode d, String field) {
        Instant at = instant(d, field, null);
        return at == null ? null : Date.from(at);
    }

    /** An objection case's department is where it was routed or decided; the first event only proposes one. */
    private static final class Objection {
        final String id;
        final String department;
        final Update update = new Update().set("kind", "objection");
        private boolean force;

        Objection(String caseId, String department) {
            this.id = "objection:" + caseId;
            this.department = department;
            update.set("subject", caseId);
        }

        Objection forceDepartment() {
            force = true;
            return this;
        }

        Objection ifPresentSet(String field, Date value) {
            if (value != null) {
                update.set(field, value);
            }
            return this;
        }

        void upsert(SupervisionFacts facts) {
            if (department != null) {
                if (force) {
                    update.set("department", department);
                } else {
                    update.setOnInsert("department", department);
                }
            }
            facts.upsert(id, update);
        }
    }

}
