package cn.govdata.audit.warning;

import cn.govdata.platform.security.Roles;
import cn.govdata.platform.web.PageResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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

    private final EarlyWarnings warnings;

    AlertsController(EarlyWarnings warnings) {
        this.warnings = warnings;
    }

    @GetMapping
    PageResponse<AlertView> alerts(@RequestParam(required = false) String kind, @RequestParam(required = false) String department,
                                   @RequestParam(defaultValue = "0") @Min(0) int page,
                                   @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        EarlyWarnings.AlertPage found = warnings.page(kind, department, page, size);
        long total = found.total();
        List<AlertView> alerts = found.alerts().stream().map(AlertView::of).toList();
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
