package cn.govdata.audit.incident;

import cn.govdata.domain.Refusal;
import cn.govdata.platform.outbox.OutboxCollection;
import cn.govdata.platform.outbox.OutboxMessage;
import cn.govdata.platform.outbox.VersionedWrites;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The register's collection; each write carries the entry's new events in its outbox (one write, no transaction). */
@Repository
class Incidents {

    static final String COLLECTION = "security_incidents";

    private final MongoTemplate mongo;
    private final VersionedWrites writes;

    Incidents(MongoTemplate mongo) {
        this.mongo = mongo;
        this.writes = new VersionedWrites(mongo);
        // Oversight lists by state, newest first; the gauges count open entries by severity and overdue flag.
        mongo.indexOps(COLLECTION).createIndex(new Index().on("state", Sort.Direction.ASC).on("reportedAt", Sort.Direction.DESC));
        // A department's list: what it reported, or what affects it (multikey).
        mongo.indexOps(COLLECTION).createIndex(new Index().on("reportingDepartment", Sort.Direction.ASC)
                .on("reportedAt", Sort.Direction.DESC));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("affectedDepartments", Sort.Direction.ASC)
                .on("reportedAt", Sort.Direction.DESC));
    }

    @Document(COLLECTION)
    record IncidentDocument(@Id String id, SecurityIncident.State state, Severity severity, String reportingDepartment,
                            List<String> affectedDepartments, Instant reportedAt, boolean overdueOpen, SecurityIncident incident,
                            Long version, List<OutboxMessage> outbox) {
    }

    @Configuration(proxyBeanMethods = false)
    static class IncidentOutbox {
        @Bean
        OutboxCollection securityIncidentsOutbox() {
            return new OutboxCollection(COLLECTION);
        }
    }

    Optional<IncidentDocument> find(String id) {
        return Optional.ofNullable(mongo.findById(id, IncidentDocument.class));
    }

    IncidentDocument get(String id) {
        return find(id).orElseThrow(() -> Refusal.notFound("Security incident", id));
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the id is taken (an early warning opened twice) */
    void insert(SecurityIncident incident, List<OutboxMessage> events) {
        mongo.insert(document(incident, null, events));
    }

    /** @return false when someone else changed the entry since {@code loaded} was read */
    boolean update(IncidentDocument loaded, SecurityIncident next, List<OutboxMessage> events) {
        return writes.update(loaded.id(), loaded.version(), document(next, loaded.version(), List.of()), events, Set.of());
    }

    /**
     * @param department only entries this department reported or is affected by; null for all
     * @param states     the states to list (never empty)
     */
    List<SecurityIncident> list(String department, List<SecurityIncident.State> states, Severity severity, int page, int size) {
        Query query = query(department, states, severity);
        query.with(Sort.by(Sort.Direction.DESC, "reportedAt").and(Sort.by("_id"))).skip((long) page * size).limit(size);
        return mongo.find(query, IncidentDocument.class).stream().map(IncidentDocument::incident).toList();
    }

    long count(String department, List<SecurityIncident.State> states, Severity severity) {
        return mongo.count(query(department, states, severity), IncidentDocument.class);
    }

    long countOpen(Severity severity) {
        return mongo.count(Query.query(Criteria.where("state").is(SecurityIncident.State.OPEN).and("severity").is(severity)),
                IncidentDocument.class);
    }

    /** Open entries whose notification period ran out with a required notification still missing. */
    long countOverdueOpen() {
        return mongo.count(Query.query(Criteria.where("state").is(SecurityIncident.State.OPEN).and("overdueOpen").is(true)),
                IncidentDocument.class);
    }

    static List<SecurityIncident.State> allStates() {
        return Arrays.asList(SecurityIncident.State.values());
    }

    private static Query query(String department, List<SecurityIncident.State> states, Severity severity) {
        Criteria criteria = Criteria.where("state").in(states);
        if (severity != null) {
            criteria = criteria.and("severity").is(severity);
        }
        Query query = Query.query(criteria);
        if (department != null) {
            query.addCriteria(new Criteria().orOperator(Criteria.where("reportingDepartment").is(department),
                    Criteria.where("affectedDepartments").is(department)));
        }
        return query;
    }

    private static IncidentDocument document(SecurityIncident i, Long version, List<OutboxMessage> outbox) {
        return new IncidentDocument(i.id(), i.state(), i.severity(), i.reportingDepartment(), i.affectedDepartments(),
                i.reportedAt(), i.open() && i.notificationOverdue() && !i.missing().isEmpty(), i, version, outbox);
    }
}
