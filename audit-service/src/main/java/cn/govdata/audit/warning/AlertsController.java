package cn.govdata.audit.warning;

import cn.govdata.platform.security.Roles;
import cn.govdata.platform.web.PageResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** The early warnings raised so far, newest first, for auditors and the bureau. */
@RestController
@RequestMapping("/api/audit/alerts")
@PreAuthorize("hasAnyRole('" + Roles.AUDITOR + "', '" + Roles.BUREAU_REVIEWER + "')")
class AlertsController {

    private final MongoTemplate mongo;

    AlertsController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping
    PageResponse<AlertView> alerts(@RequestParam(required = false) String kind, @RequestParam(required = false) String department,
                                   @RequestParam(defaultValue = "0") @Min(0) int page,
                                   @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        Query query = new Query();
        if (kind != null) {
            query.addCriteria(Criteria.where("kind").is(kind));
        }
        if (department != null) {
            query.addCriteria(Criteria.where("consumerDepartment").is(department));
        }
        long total = mongo.count(query, AccessWatch.ALERTS);
        query.with(Sort.by(Sort.Direction.DESC, "detectedAt")).skip((long) page * size).limit(size);
        List<AlertView> alerts = mongo.find(query, AccessWatch.Alert.class).stream().map(AlertView::of).toList();
        return new PageResponse<>(alerts, page, size, total, (int) ((total + size - 1) / size));
    }

    record AlertView(String alertId, String kind, String consumerDepartment, String clientId, List<String> providerDepartments,
                     Instant windowStart, Instant windowEnd, long observed, double baseline, long threshold, String description,
                     Instant detectedAt) {
        static AlertView of(AccessWatch.Alert a) {
            return new AlertView(a.id(), a.kind(), a.consumerDepartment(), a.clientId(), a.providerDepartments(), a.windowStart(),
                    a.windowEnd(), a.observed(), a.baseline(), a.threshold(), a.description(), a.detectedAt());
        }
    }
}
