package cn.govdata.opendata.plan;

import cn.govdata.domain.Refusal;
import cn.govdata.events.OpenDataEventTypes;
import cn.govdata.events.opendata.OpenDataEvents;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;
import cn.govdata.policy.PriorityDomain;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A department files its annual open plan, once per year; the plans are published to everyone (QY 37). */
@Component
class FilingPlans {

    private final MongoTemplate mongo;
    private final Events events;
    private final Clock clock;

    FilingPlans(MongoTemplate mongo, Events events, Clock clock) {
        this.mongo = mongo;
        mongo.indexOps(OpenPlan.COLLECTION).createIndex(new Index().on("year", Sort.Direction.ASC).on("department", Sort.Direction.ASC));
        this.events = events;
        this.clock = clock;
    }

    /** @param requested the items as the department sent them; entry ids are trimmed and priority domains checked here */
    OpenPlan file(int year, List<OpenPlan.Item> requested, Caller caller) {
        String department = caller.departmentCode().filter(d -> caller.hasRole(Roles.DEPT_DATA_OFFICER))
                .orElseThrow(() -> Refusal.forbidden("A department's data officer files its open plan"));
        List<OpenPlan.Item> items = new ArrayList<>();
        for (int n = 0; n < requested.size(); n++) {
            var i = requested.get(n);
            String priorityDomain = priorityDomain(i.priorityDomain(), "items[" + n + "].priorityDomain");
            String entryId = i.entryId() == null || i.entryId().isBlank() ? null : i.entryId().strip();
            items.add(new OpenPlan.Item(i.name(), i.openType(), i.domain(), i.plannedQuarter(), entryId, priorityDomain));
        }
        String id = department + "-" + year;
        Instant now = clock.instant();
        var event = events.create(OpenDataEventTypes.PLAN_FILED, id, department, caller.region(),
                new OpenDataEvents.OpenPlanFiled(id, department, year,
                        items.stream().map(i -> new OpenDataEvents.PlanItem(i.name(), i.openType(), i.domain(), i.plannedQuarter(),
                                i.entryId(), i.priorityDomain())).toList(),
                        caller.actor(), now));
        var plan = new OpenPlan(id, department, caller.region(), year, items, caller.actor(), now, List.of(event));
        try {
            mongo.insert(plan, OpenPlan.COLLECTION);
        } catch (DuplicateKeyException filed) {
            throw Refusal.conflict("plan-filed", department + " filed its " + year + " open plan already");
        }
        return plan;
    }

    /** The key of a domain on the controlled list (SY 36, QY 31), or null when none is given; 400 naming the field otherwise. */
    static String priorityDomain(String key, String field) {
        if (key == null || key.isBlank()) {
            return null;
        }
        try {
            return PriorityDomain.fromKey(key.strip()).key();
        } catch (IllegalArgumentException unknown) {
            throw Refusal.invalidField(field, "不是重点和优先开放领域的代码（SY 36、QY 31）：" + unknown.getMessage());
        }
    }

    List<OpenPlan> published(Integer year, String department) {
        Criteria criteria = new Criteria();
        if (year != null) {
            criteria = criteria.and("year").is(year);
        }
        if (department != null && !department.isBlank()) {
            criteria = criteria.and("department").is(department);
        }
        return mongo.find(Query.query(criteria).with(Sort.by("year", "department")), OpenPlan.class, OpenPlan.COLLECTION);
    }
}
