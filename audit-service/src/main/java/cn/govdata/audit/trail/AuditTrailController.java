package cn.govdata.audit.trail;

import cn.govdata.platform.problem.PlatformException;
import cn.govdata.platform.security.Roles;
import cn.govdata.platform.web.PageResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/** Auditors and the data bureau read the trail; nobody can change or delete it through any API. */
@RestController
@RequestMapping("/api/audit/events")
@PreAuthorize("hasAnyRole('" + Roles.AUDITOR + "', '" + Roles.BUREAU_REVIEWER + "')")
class AuditTrailController {

    private final MongoTemplate mongo;

    AuditTrailController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping
    PageResponse<AuditRecordResponse> search(@RequestParam(required = false) String type,
                                             @RequestParam(required = false) String subject,
                                             @RequestParam(required = false) String department,
                                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                                             @RequestParam(defaultValue = "0") @Min(0) int page,
                                             @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        if (from != null && to != null && to.isBefore(from)) {
            throw PlatformException.invalidField("to", "must not be before 'from'");
        }
        Query query = new Query();
        if (type != null) {
            query.addCriteria(Criteria.where("type").is(type));
        }
        if (subject != null) {
            query.addCriteria(Criteria.where("subject").is(subject));
        }
        if (department != null) {
            query.addCriteria(Criteria.where("department").is(department));
        }
        if (from != null || to != null) {
            Criteria time = Criteria.where("occurredAt");
            if (from != null) {
                time = time.gte(from);
            }
            if (to != null) {
                time = time.lt(to);
            }
            query.addCriteria(time);
        }
        long total = mongo.count(query, AuditRecord.class);
        var pageable = PageRequest.of(page, size);
        query.with(pageable).with(Sort.by(Sort.Direction.DESC, "occurredAt"));
        var records = mongo.find(query, AuditRecord.class).stream().map(AuditRecordResponse::of).toList();
        return PageResponse.of(new PageImpl<>(records, pageable, total), r -> r);
    }

    @GetMapping("/{eventId}")
    AuditRecordResponse get(@PathVariable String eventId) {
        var record = mongo.findById(eventId, AuditRecord.class);
        if (record == null) {
            throw PlatformException.notFound("Audit record", eventId);
        }
        return AuditRecordResponse.of(record);
    }

    record AuditRecordResponse(String eventId, String type, String source, String subject, Instant occurredAt,
                               String department, String region, String topic, java.util.Map<String, Object> data,
                               Instant receivedAt) {
        static AuditRecordResponse of(AuditRecord r) {
            return new AuditRecordResponse(r.eventId(), r.type(), r.source(), r.subject(), r.occurredAt(), r.department(),
                    r.region(), r.topic(), r.data(), r.receivedAt());
        }
    }
}
