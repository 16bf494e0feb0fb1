package cn.govdata.platform.deadline;

import cn.govdata.platform.problem.PlatformException;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;
import cn.govdata.platform.web.PageResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.data.domain.PageRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Set;

/**
 * The service's deadlines.
 *
 * <p>{@code GET <api-base>/deadlines?state=&process=&department=&page=0&size=20}, sorted by due
 * time, answers a {@code PageResponse} of deadlines. The bureau (bureau-reviewer), the platform
 * operator and auditors see all; a department's users (dept-* roles with a department claim) see
 * those their department is responsible for; a county sub-platform sees its region's.
 *
 * <p>Each deadline carries {@code calendarBasis} (OFFICIAL or PROVISIONAL), and after a holiday
 * notice moved it {@code rescheduledFrom}, {@code rescheduledAt} and {@code rescheduleReason}.
 * {@code POST <api-base>/deadlines} (demo registration) is {@link DeadlineDemoController}.
 */
@RestController
class DeadlineController {

    private static final Set<String> SEE_ALL = Set.of(Roles.BUREAU_REVIEWER, Roles.PLATFORM_OPERATOR, Roles.AUDITOR);
    private static final Set<String> DEPARTMENT_ROLES = Set.of(Roles.DEPT_DATA_OFFICER, Roles.DEPT_APPROVER, Roles.DEPT_CONSUMER);

    private final DeadlineRegistry registry;

    DeadlineController(DeadlineRegistry registry) {
        this.registry = registry;
    }

    @GetMapping("${govdata.api-base}/deadlines")
    PageResponse<Deadline> list(@RequestParam(required = false) DeadlineState state,
                                @RequestParam(required = false) String process,
                                @RequestParam(required = false) String department,
                                @RequestParam(defaultValue = "0") @Min(0) int page,
                                @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
                                Caller caller) {
        String region = null;
        if (SEE_ALL.stream().noneMatch(caller::hasRole)) {
            if (DEPARTMENT_ROLES.stream().anyMatch(caller::hasRole) && caller.departmentCode().isPresent()) {
                String own = caller.departmentCode().get();
                if (department != null && !department.equals(own)) {
                    throw PlatformException.forbidden("A department sees the deadlines of its own department " + own + " only");
                }
                department = own;
            } else if (caller.hasRole(Roles.COUNTY_SUBPLATFORM) && caller.region() != null) {
                region = caller.region();
            } else {
                throw PlatformException.forbidden("Deadlines are visible to the bureau, the platform operator, auditors "
                        + "and the responsible department");
            }
        }
        return PageResponse.of(registry.list(state, process, department, region, PageRequest.of(page, size)), d -> d);
    }

    /**
     * {@code GET <api-base>/deadlines/provisional-review}, bureau, platform operator and auditors:
     * deadlines that fired on a provisional due time which a holiday notice loaded afterwards makes
     * different ({@code reviewDueAt}); they were not moved, the bureau decides what follows.
     */
    @GetMapping("${govdata.api-base}/deadlines/provisional-review")
    PageResponse<Deadline> provisionalReview(@RequestParam(defaultValue = "0") @Min(0) int page,
                                             @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
                                             Caller caller) {
        if (SEE_ALL.stream().noneMatch(caller::hasRole)) {
            throw PlatformException.forbidden("The provisional-review list is for the bureau, the platform operator and auditors");
        }
        return PageResponse.of(registry.forReview(PageRequest.of(page, size)), d -> d);
    }
}
