package cn.govdata.opendata.plan;

import cn.govdata.platform.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import cn.govdata.policy.PriorityDomain;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** Annual open plans: filed by each department, published to everyone (QY 37). */
@RestController
class PlanController {

    private final FilingPlans plans;
    private final PriorityDomainCoverage coverage;

    PlanController(FilingPlans plans, PriorityDomainCoverage coverage) {
        this.plans = plans;
        this.coverage = coverage;
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

    @PostMapping("/api/open-data/plans")
    @ResponseStatus(HttpStatus.CREATED)
    PlanView file(@Valid @RequestBody PlanRequest request, Caller caller) {
        // As requested; the use case normalises the entry id and the priority domain after checking who files.
        List<OpenPlan.Item> items = request.items().stream().map(i -> new OpenPlan.Item(i.name(), i.openType(), i.domain(),
                i.plannedQuarter(), i.entryId(), i.priorityDomain())).toList();
        return PlanView.of(plans.file(request.year(), items, caller));
    }

    @GetMapping("/api/open-data/public/plans")
    List<PlanView> published(@RequestParam(required = false) Integer year, @RequestParam(required = false) String department) {
        return plans.published(year, department).stream().map(PlanView::of).toList();
    }

    /** Coverage of the priority domains (SY 36, QY 31) by a year's plans: planned and open datasets per domain. */
    @GetMapping("/api/open-data/public/priority-domains")
    PriorityDomainCoverage.Coverage priorityDomains(@RequestParam(required = false) Integer year) {
        return coverage.of(year);
    }
}
