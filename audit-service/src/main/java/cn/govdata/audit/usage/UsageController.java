package cn.govdata.audit.usage;

import cn.govdata.audit.trail.TrailSearch;
import cn.govdata.audit.web.Csv;
import cn.govdata.audit.web.DepartmentAccess;
import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.web.PageResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.time.Instant;
import java.util.List;

/**
 * Departments read their own usage log (QZ 8.4): providers see who used their data, consumers what
 * they used. Auditors and the bureau read any department's by naming it.
 */
@RestController
@RequestMapping("/api/audit")
@PreAuthorize(DepartmentAccess.OVERSIGHT_OR_DEPARTMENT)
class UsageController {

    private static final List<String> HEADER = List.of("accessedAt", "role", "providerDepartment", "consumerDepartment",
            "resourceId", "resourceName", "user", "clientId", "purpose", "items", "maskedItems", "recordCount", "grantId",
            "approvedBy", "channel", "operation", "requestId", "accessId", "eventId");

    private final UsageLog log;

    UsageController(UsageLog log) {
        this.log = log;
    }

    @GetMapping("/usage")
    PageResponse<UsageLog.UsageEntry> usage(Caller caller, @RequestParam(required = false) String department,
                                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                                            @RequestParam(defaultValue = "0") @Min(0) int page,
                                            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        String readable = DepartmentAccess.readable(caller, department, "usage log");
        check(from, to);
        if ((long) (page + 1) * size > TrailSearch.MAX_WINDOW) {
            throw Refusal.invalidField("page", "pages beyond the first " + TrailSearch.MAX_WINDOW
                    + " accesses are not served; narrow the period or download usage.csv");
        }
        UsageLog.Page result = log.page(readable, from, to, page, size);
        return new PageResponse<>(result.entries(), page, size, result.total(), (int) ((result.total() + size - 1) / size));
    }

    @GetMapping("/usage.csv")
    ResponseEntity<StreamingResponseBody> usageCsv(Caller caller, @RequestParam(required = false) String department,
                                                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        String readable = DepartmentAccess.readable(caller, department, "usage log");
        check(from, to);
        StreamingResponseBody body = out -> {
            try (Csv csv = new Csv(out, HEADER)) {
                log.stream(readable, from, to, e -> csv.row(java.util.Arrays.asList(e.accessedAt(), e.role(), e.providerDepartment(),
                        e.consumerDepartment(), e.resourceId(), e.resourceName(), e.user(), e.clientId(), e.purpose(), e.items(),
                        e.maskedItems(), e.recordCount(), e.grantId(), e.approvedBy(), e.channel(), e.operation(), e.requestId(),
                        e.accessId(), e.eventId())));
            }
        };
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(Csv.MEDIA_TYPE))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"usage-" + readable + ".csv\"")
                .body(body);
    }

    private static void check(Instant from, Instant to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw Refusal.invalidField("to", "must not be before 'from'");
        }
    }
}
