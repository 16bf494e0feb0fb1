package cn.govdata.catalog.sourcing;

import cn.govdata.catalog.entry.EntryAccess;
import cn.govdata.catalog.sourcing.SourcingViews.DesignateRequest;
import cn.govdata.catalog.sourcing.SourcingViews.DesignationView;
import cn.govdata.catalog.sourcing.SourcingViews.MyReferences;
import cn.govdata.catalog.sourcing.SourcingViews.OverlapGroup;
import cn.govdata.catalog.sourcing.SourcingViews.RedesignateRequest;
import cn.govdata.catalog.sourcing.SourcingViews.SimilarResources;
import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;
import cn.govdata.platform.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.Set;

/**
 * One datum, one source (一数一源, NJ 17/19, SY 20, QZ 3.1, QY 15).
 * <ul>
 *   <li>{@code GET /api/catalog/sources/overlaps?department=&page=&size=} and
 *       {@code GET /api/catalog/sources/similar-resources?department=&minSimilarity=&page=&size=}:
 *       bureau, platform operator and auditors (they include versions still under review);</li>
 *   <li>{@code POST /api/catalog/sources/designations} and {@code PUT .../designations/{id}}: bureau only;</li>
 *   <li>{@code GET .../designations[/{id}]}: any government user;</li>
 *   <li>{@code GET .../my-references}: a department's data officer or approver for its own department,
 *       the supervisors for any {@code department}.</li>
 * </ul>
 */
@RestController
@RequestMapping("/api/catalog/sources")
class SourcingController {

    private static final Set<String> GOVERNMENT = Set.of(Roles.BUREAU_REVIEWER, Roles.PLATFORM_OPERATOR, Roles.AUDITOR,
            Roles.DEPT_DATA_OFFICER, Roles.DEPT_APPROVER, Roles.DEPT_CONSUMER, Roles.COUNTY_SUBPLATFORM);

    private final DetectingOverlaps detecting;
    private final DesignatingSources designating;
    private final SourceDesignations designations;
    private final SourcingProperties properties;

    SourcingController(DetectingOverlaps detecting, DesignatingSources designating, SourceDesignations designations,
                       SourcingProperties properties) {
        this.detecting = detecting;
        this.designating = designating;
        this.designations = designations;
        this.properties = properties;
    }

    @GetMapping("/overlaps")
    PageResponse<OverlapGroup> overlaps(@RequestParam(required = false) String department,
                                        @RequestParam(defaultValue = "0") @Min(0) int page,
                                        @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
                                        Caller caller) {
        requireSupervisor(caller);
        return PageResponse.of(detecting.overlaps(department, PageRequest.of(page, size)), g -> g);
    }

    @GetMapping("/similar-resources")
    PageResponse<SimilarResources> similarResources(@RequestParam(required = false) String department,
                                                    @RequestParam(required = false) @DecimalMin("0.5") @DecimalMax("1.0") Double minSimilarity,
                                                    @RequestParam(defaultValue = "0") @Min(0) int page,
                                                    @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
                                                    Caller caller) {
        requireSupervisor(caller);
        double threshold = minSimilarity != null ? minSimilarity : properties.similarityThreshold();
        return PageResponse.of(detecting.similarResources(department, threshold, PageRequest.of(page, size)), g -> g);
    }

    @PostMapping("/designations")
    @PreAuthorize("hasRole('" + Roles.BUREAU_REVIEWER + "')")
    ResponseEntity<DesignationView> designate(@Valid @RequestBody DesignateRequest request, Caller caller) {
        SourceDesignation designation = designating.designate(request, caller);
        var location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(designation.id()).toUri();
        return ResponseEntity.created(location).body(DesignationView.of(designation));
    }

    @PutMapping("/designations/{id}")
    @PreAuthorize("hasRole('" + Roles.BUREAU_REVIEWER + "')")
    DesignationView redesignate(@PathVariable String id, @Valid @RequestBody RedesignateRequest request, Caller caller) {
        return DesignationView.of(designating.redesignate(id, request, caller));
    }

    @GetMapping("/designations")
    PageResponse<DesignationView> designations(@RequestParam(required = false) String collectingDepartment,
                                               @RequestParam(defaultValue = "0") @Min(0) int page,
                                               @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
                                               Caller caller) {
        requireGovernment(caller);
        return PageResponse.of(designations.list(collectingDepartment, PageRequest.of(page, size)), DesignationView::of);
    }

    @GetMapping("/designations/{id}")
    DesignationView designation(@PathVariable String id, Caller caller) {
        requireGovernment(caller);
        return designations.findDesignation(id).map(DesignationView::of)
                .orElseThrow(() -> Refusal.notFound("Source designation", id));
    }

    @GetMapping("/my-references")
    MyReferences myReferences(@RequestParam(required = false) String department, Caller caller) {
        String own = caller.departmentCode().orElse(null);
        if (caller.seesEveryDepartment()) {
            if (department == null && own == null) {
                throw Refusal.invalidField("department", "name the department whose references to show");
            }
            return detecting.myReferences(department != null ? department : own);
        }
        if (own == null || !EntryAccess.ownsDepartment(caller, own)) {
            throw Refusal.forbidden("A department's data officer sees its own references");
        }
        if (department != null && !department.equals(own)) {
            throw Refusal.forbidden("A data officer of " + own + " sees the references of " + own + " only");
        }
        return detecting.myReferences(own);
    }

    private static void requireSupervisor(Caller caller) {
        if (!caller.seesEveryDepartment()) {
            throw Refusal.forbidden("Overlaps across departments are for the bureau, the platform operator and auditors");
        }
    }

    private static void requireGovernment(Caller caller) {
        if (GOVERNMENT.stream().noneMatch(caller::hasRole)) {
            throw Refusal.forbidden("Source designations are visible to government users");
        }
    }
}
