package cn.govdata.objection.cases.tracking;

import cn.govdata.objection.ObjectionProperties;
import cn.govdata.objection.cases.model.CaseState;
import cn.govdata.objection.cases.model.Step;
import cn.govdata.objection.cases.store.CaseDocument;
import cn.govdata.objection.cases.store.Cases;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-department counts from the case store: missed deadlines (each counts against the department
 * that had to act; the deadline metrics count the same by department) and cases waiting on it.
 */
@Component
public class ObjectionStats {

    private final MongoTemplate mongo;
    private final String platformDepartment;

    ObjectionStats(MongoTemplate mongo, ObjectionProperties properties) {
        this.mongo = mongo;
        this.platformDepartment = properties.platformDepartment();
    }

    /**
     * @param missedDeadlines steps whose deadline passed undone, whether later done or not
     * @param escalated       of those, the ones that went to the bureau (the rest the platform did itself)
     * @param missedBySteps   missed deadlines by step name
     * @param openCases       open cases waiting on the department
     */
    public record DepartmentStats(String department, long missedDeadlines, long escalated, Map<String, Long> missedBySteps,
                           long openCases) {
    }

    public record Stats(List<DepartmentStats> departments, Map<CaseState, Long> states, long totalCases) {

        public Stats only(String department) {
            return new Stats(departments.stream().filter(d -> d.department().equals(department)).toList(), states, totalCases);
        }
    }

    public Stats compute() {
        Map<String, Counts> byDepartment = new TreeMap<>();
        // Only cases with a missed step, through the sparse multikey index on missedAt (Cases), not every case.
        var missed = Aggregation.newAggregation(
                Aggregation.match(Criteria.where("objection.steps.missedAt").exists(true)),
                Aggregation.unwind("objection.steps"),
                Aggregation.match(Criteria.where("objection.steps.missedAt").ne(null)),
                Aggregation.project().and("objection.steps.responsibleDepartment").as("department")
                        .and("objection.steps.step").as("step").and("objection.steps.escalated").as("escalated"),
                Aggregation.group("department", "step", "escalated").count().as("count"));
        for (Document row : mongo.aggregate(missed, CaseDocument.COLLECTION, Document.class)) {
            Document id = row.get("_id", Document.class);
            Counts counts = byDepartment.computeIfAbsent(id.getString("department"), d -> new Counts());
            long n = ((Number) row.get("count")).longValue();
            counts.missed += n;
            if (Boolean.TRUE.equals(id.getBoolean("escalated"))) {
                counts.escalated += n;
            }
            String step = Step.valueOf(id.getString("step")).wireName();
            counts.bySteps.merge(step, n, Long::sum);
        }
        Map<CaseState, Long> states = new EnumMap<>(CaseState.class);
        for (CaseState state : CaseState.values()) {
            states.put(state, 0L);
        }
        long total = 0;
        // Open cases grouped through the state index; the closed history is only counted, on the same index.
        List<CaseState> openStates = Arrays.stream(CaseState.values()).filter(s -> s != CaseState.CLOSED).toList();
        long closed = mongo.count(Query.query(Criteria.where("state").is(CaseState.CLOSED)), CaseDocument.class);
        states.put(CaseState.CLOSED, closed);
        total += closed;
        var open = Aggregation.newAggregation(Aggregation.match(Criteria.where("state").in(openStates)),
                Aggregation.group("assignedDepartment", "state").count().as("count"));
        for (Document row : mongo.aggregate(open, CaseDocument.COLLECTION, Document.class)) {
            Document id = row.get("_id", Document.class);
            CaseState state = CaseState.valueOf(id.getString("state"));
            long n = ((Number) row.get("count")).longValue();
            states.merge(state, n, Long::sum);
            total += n;
            if (state != CaseState.CLOSED) {
                String department = id.getString("assignedDepartment");
                byDepartment.computeIfAbsent(department == null ? platformDepartment : department, d -> new Counts()).open += n;
            }
        }
        List<DepartmentStats> departments = byDepartment.entrySet().stream().map(e -> new DepartmentStats(e.getKey(),
                e.getValue().missed, e.getValue().escalated, e.getValue().bySteps, e.getValue().open)).toList();
        return new Stats(departments, states, total);
    }

    private static final class Counts {
        long missed;
        long escalated;
        long open;
        final Map<String, Long> bySteps = new TreeMap<>();
    }
}
