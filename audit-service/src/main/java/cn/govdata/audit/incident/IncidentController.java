package cn.govdata.audit.incident;

import cn.govdata.domain.Refusal;
import cn.govdata.platform.problem.ProblemHandler;
import cn.govdata.platform.problem.Problems;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The data security incident register (NJ 34, SY 44; SY 43 for incidents opened from an early
 * warning). Roles are checked in the security chain ({@link IncidentSecurity}); which entries a
 * department sees and changes, in {@link ReportingIncidents}.
 */
@RestController
@RequestMapping("/api/audit/incidents")
class IncidentController {

    private final ReportingIncidents reporting;
    private final Incidents incidents;

    IncidentController(ReportingIncidents reporting, Incidents incidents) {
        this.reporting = reporting;
        this.incidents = incidents;
    }

    record ReportRequest(@NotBlank(message = "请填写事件标题") @Size(max = 200) String title,
                         @NotBlank(message = "请说明发生了什么") @Size(max = 4000) String description,
                         @NotNull(message = "请填写发现时间") Instant detectedAt,
                         @NotNull(message = "请选择严重程度：GENERAL、SERIOUS、MAJOR 或 ESPECIALLY_MAJOR") Severity severity,
                         @Size(max = 200) List<@NotBlank @Size(max = 100) String> affectedResources,
                         @Size(max = 200) List<@NotBlank @Size(max = 50) String> affectedDepartments,
                         @NotNull(message = "请说明是否涉及个人信息") Boolean personalInformation,
                         @Size(max = 2000) String suspectedCause) {
    }

    record FromWarningRequest(@NotBlank(message = "请填写预警编号") String alertId, Severity severity, Boolean personalInformation,
                              @Size(max = 200) String title) {
    }

    record ContainmentRequest(@NotBlank(message = "请填写所采取的措施") @Size(max = 2000) String action) {
    }

    record NotificationRequest(@NotNull(message = "请选择通知对象：DEPARTMENT、BUREAU 或 AFFECTED_USERS") Recipient recipient,
                               @Size(max = 50) String department, Instant notifiedAt,
                               @NotNull(message = "请选择通知渠道") Channel channel,
                               @NotBlank(message = "请概述通知内容") @Size(max = 2000) String summary) {
    }

    record ClosureRequest(@NotBlank(message = "请填写结案总结") @Size(max = 4000) String summary) {
    }

    record IncidentView(String id, String title, String description, Instant detectedAt, Severity severity, String severityLabel,
                        List<String> affectedResources, List<String> affectedDepartments, boolean personalInformation,
                        String suspectedCause, String warningId, String reportedBy, String reportingDepartment, Instant reportedAt,
                        Instant notificationDueAt, String notificationBasis, List<String> requiredNotifications,
                        List<String> missingNotifications, boolean notificationOverdue,
                        List<SecurityIncident.ContainmentStep> containment, List<SecurityIncident.Notification> notifications,
                        SecurityIncident.State state, SecurityIncident.Closure closure) {
        static IncidentView of(SecurityIncident i) {
            return new IncidentView(i.id(), i.title(), i.description(), i.detectedAt(), i.severity(), i.severity().label(),
                    i.affectedResources(), i.affectedDepartments(), i.personalInformation(), i.suspectedCause(), i.warningId(),
                    i.reportedBy(), i.reportingDepartment(), i.reportedAt(), i.notificationDueAt(), i.citation(), i.required(),
                    i.missing(), i.notificationOverdue(), i.containment(), i.notifications(), i.state(), i.closure());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    IncidentView report(Caller caller, @Valid @RequestBody ReportRequest request) {
        return IncidentView.of(reporting.report(new ReportingIncidents.Report(request.title(), request.description(),
                request.detectedAt(), request.severity(), request.affectedResources(), request.affectedDepartments(),
                request.personalInformation(), request.suspectedCause()), caller));
    }

    /** One call from an early warning (SY 43) to an incident entry linked to it. */
    @PostMapping("/from-warning")
    @ResponseStatus(HttpStatus.CREATED)
    IncidentView fromWarning(Caller caller, @Valid @RequestBody FromWarningRequest request) {
        return IncidentView.of(reporting.fromWarning(request.alertId().strip(), request.severity(), request.personalInformation(),
                request.title(), caller));
    }

    @GetMapping
    PageResponse<IncidentView> list(Caller caller, @RequestParam(required = false) SecurityIncident.State state,
                                    @RequestParam(required = false) Severity severity,
                                    @RequestParam(defaultValue = "0") @Min(0) int page,
                                    @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        String department = reporting.listedDepartment(caller);
        List<SecurityIncident.State> states = state == null ? Incidents.allStates() : List.of(state);
        long total = incidents.count(department, states, severity);
        List<IncidentView> items = incidents.list(department, states, severity, page, size).stream()
                .map(IncidentView::of).toList();
        return new PageResponse<>(items, page, size, total, (int) ((total + size - 1) / size));
    }

    @GetMapping("/{id}")
    IncidentView one(Caller caller, @PathVariable String id) {
        return IncidentView.of(reporting.get(id, caller));
    }

    /** Appends one containment step (立即采取补救措施); steps are never edited or removed. */
    @PostMapping("/{id}/containment")
    IncidentView contain(Caller caller, @PathVariable String id, @Valid @RequestBody ContainmentRequest request) {
        return IncidentView.of(reporting.contain(id, request.action(), caller));
    }

    @PostMapping("/{id}/notifications")
    IncidentView notification(Caller caller, @PathVariable String id, @Valid @RequestBody NotificationRequest request) {
        return IncidentView.of(reporting.recordNotification(id, request.recipient(), request.department(), request.notifiedAt(),
                request.channel(), request.summary(), caller));
    }

    /** 409 while a required notification is missing (NJ 34 ¶2, SY 44), naming it. */
    @PostMapping("/{id}/closure")
    IncidentView close(Caller caller, @PathVariable String id, @Valid @RequestBody ClosureRequest request) {
        return IncidentView.of(reporting.close(id, request.summary(), caller));
    }

    @ExceptionHandler(IncidentRefusal.class)
    ResponseEntity<ProblemDetail> refused(IncidentRefusal refusal) {
        Refusal problem = switch (refusal.reason()) {
            case CLOSED -> Refusal.conflict("incident-closed", refusal.getMessage());
            case NOTIFICATIONS_MISSING -> new Refusal(Refusal.Kind.CONFLICT, "incident-notifications-missing",
                    "Required notifications missing", refusal.getMessage(), Map.of("missing", refusal.missing()));
            case INVALID_TIME, INVALID_RECIPIENT -> Refusal.invalidField(refusal.field(), refusal.getMessage());
        };
        HttpStatus status = ProblemHandler.statusOf(problem.kind());
        ProblemDetail body = Problems.of(status, problem.slug(), problem.title(), problem.getMessage());
        problem.properties().forEach(body::setProperty);
        return ResponseEntity.status(status).body(body);
    }
}
