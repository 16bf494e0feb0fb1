package cn.govdata.audit.warning;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Read access to the early warnings raised (SY 43) for other features, e.g. opening an incident from one. */
@Component
public class EarlyWarnings {

    private final MongoTemplate mongo;

    EarlyWarnings(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<Warning> find(String alertId) {
        return Optional.ofNullable(mongo.findById(alertId, AccessWatch.Alert.class)).map(a -> new Warning(a.id(), a.kind(),
                a.consumerDepartment(), a.providerDepartments() == null ? List.of() : a.providerDepartments(), a.windowStart(),
                a.windowEnd(), a.description(), a.detectedAt()));
    }

    /** The alerts as stored and how many match, for the alerts list. */
    record AlertPage(List<AccessWatch.Alert> alerts, long total) {
    }

    /** One page of the warnings raised, newest first, optionally of one kind or one consumer department. */
    AlertPage page(String kind, String department, int page, int size) {
        Query query = new Query();
        if (kind != null) {
            query.addCriteria(Criteria.where("kind").is(kind));
        }
        if (department != null) {
            query.addCriteria(Criteria.where("consumerDepartment").is(department));
        }
        long total = mongo.count(query, AccessWatch.ALERTS);
        query.with(Sort.by(Sort.Direction.DESC, "detectedAt")).skip((long) page * size).limit(size);
        return new AlertPage(mongo.find(query, AccessWatch.Alert.class), total);
    }

    /** An early warning as other features see it; the consumer's client id stays with the warning. */
    public record Warning(String alertId, String kind, String consumerDepartment, List<String> providerDepartments,
                          Instant windowStart, Instant windowEnd, String description, Instant detectedAt) {
    }
}
