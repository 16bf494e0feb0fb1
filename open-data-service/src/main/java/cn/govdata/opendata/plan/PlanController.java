package cn.govdata.opendata.plan;

import cn.govdata.domain.Refusal;
import cn.govdata.events.OpenDataEventTypes;
import cn.govdata.events.opendata.OpenDataEvents;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import cn.govdata.policy.PriorityDomain;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Annual open plans: filed by each department, published to everyone (QY 37). */
@RestController
class PlanController {

    private final MongoTemplate mongo;
    private final Events events;
    private final Clock clock;
    private final PriorityDomainCoverage coverage;

    PlanController(MongoTemplate mongo, Events events, Clock clock, PriorityDomainCoverage coverage) {
        this.coverage = coverage;
        this.mongo = mongo;
        mongo.indexOps(OpenPlan.COLLECTION).createIndex(new Index().on("year", Sort.Direction.ASC).on("department", Sort.Direction.ASC));
        this.events = events;
        this.clock = clock;
    }

    /** @param priorityDomain a key of {@link PriorityDomain}: the priority domains are a controlled list (SY 36, QY 31) */
    record ItemRequest(@NotBlank String name, @NotBlank @Pattern(regexp = "UNCONDITIONAL|CONDITIONAL") String openType,
                       String domain, @Pattern(regexp = "Q[1-4]") String plannedQuarter, @Size(max = 64) String entryId,
                       String priorityDomain) {
    }

    record PlanRequest(@Min(2000) @Max(2100) int year, @NotEmpty List<@Valid ItemRequest> items) {
    }

    record PlanView(String id, String department, int year, List<OpenPlan.Item> items, String filedBy, Instant filedAt) {
        static PlanView of(OpenPlan p) {
            return new PlanView(p.id(), p.department(), p.year(), p.items(), p.filedBy(), p.filedAt());
        }
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

    @PostMapping("/api/open-data/plans")
    @ResponseStatus(HttpStatus.CREATED)
    PlanView file(@Valid @RequestBody PlanRequest request, Caller caller) {
        String department = caller.departmentCode().filter(d -> caller.hasRole(Roles.DEPT_DATA_OFFICER))
                .orElseThrow(() -> Refusal.forbidden("A department's data officer files its open plan"));
        String id = department + "-" + request.year();
        Instant now = clock.instant();
        List<OpenPlan.Item> items = new ArrayList<>();
        for (int n = 0; n < request.items().size(); n++) {
            var i = request.items().get(n);
            String priorityDomain = priorityDomain(i.priorityDomain(), "items[" + n + "].priorityDomain");
            String entryId = i.entryId() == null || i.entryId().isBlank() ? null : i.entryId().strip();
            items.add(new OpenPlan.Item(i.name(), i.openType(), i.domain(), i.plannedQuarter(), entryId, priorityDomain));
        }
        var event = events.create(OpenDataEventTypes.PLAN_FILED, id, department, caller.region(),
                new OpenDataEvents.OpenPlanFiled(id, department, request.year(),
                        items.stream().map(i -> new OpenDataEvents.PlanItem(i.name(), i.openType(), i.domain(), i.plannedQuarter(),
                                i.entryId(), i.priorityDomain())).toList(),
                        caller.actor(), now));
        var plan = new OpenPlan(id, department, caller.region(), request.year(), items, caller.actor(), now, List.of(event));
        try {
            mongo.insert(plan, OpenPlan.COLLECTION);
        } catch (DuplicateKeyException filed) {
            throw Refusal.conflict("plan-filed", department + " filed its " + request.year() + " open plan already");
        }
        return PlanView.of(plan);
    }

    @GetMapping("/api/open-data/public/plans")
    List<PlanView> published(@RequestParam(required = false) Integer year, @RequestParam(required = false) String department) {
        Criteria criteria = new Criteria();
        if (year != null) {
            criteria = criteria.and("year").is(year);
        }
        if (department != null && !department.isBlank()) {
            criteria = criteria.and("department").is(department);
        }
        return mongo.find(Query.query(criteria).with(Sort.by("year", "department")), OpenPlan.class, OpenPlan.COLLECTION)
                .stream().map(PlanView::of).toList();
    }

    /** Coverage of the priority domains (SY 36, QY 31) by a year's plans: planned and open datasets per domain. */
    @GetMapping("/api/open-data/public/priority-domains")
    PriorityDomainCoverage.Coverage priorityDomains(@RequestParam(required = false) Integer year) {
        return coverage.of(year);
    }
}
