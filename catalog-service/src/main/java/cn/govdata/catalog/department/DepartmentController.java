package cn.govdata.catalog.department;

import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;
import cn.govdata.platform.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping("/api/catalog/departments")
class DepartmentController {

    private final RegisteringDepartment registering;
    private final Departments departments;

    DepartmentController(RegisteringDepartment registering, Departments departments) {
        this.registering = registering;
        this.departments = departments;
    }

    @PostMapping
    @PreAuthorize("hasRole('" + Roles.BUREAU_REVIEWER + "')")
    ResponseEntity<DepartmentResponse> register(@Valid @RequestBody RegisterDepartmentRequest request, Caller caller) {
        Department department = registering.register(request, caller);
        var location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{code}").buildAndExpand(department.code()).toUri();
        return ResponseEntity.created(location).body(DepartmentResponse.of(department, caller));
    }

    /** County sub-platforms see their own region only (none without a region claim); everyone else may filter freely. */
    @GetMapping
    PageResponse<DepartmentResponse> list(@RequestParam(required = false) DepartmentLevel level,
                                          @RequestParam(required = false) String region,
                                          @RequestParam(defaultValue = "0") @Min(0) int page,
                                          @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
                                          Caller caller) {
        String visibleRegion = region;
        if (!caller.seesAllRegions()) {
            String own = caller.regionCode().orElseThrow(() -> Refusal.forbidden(
                    "A county sub-platform's token needs a region claim"));
            if (region != null && !region.equals(own)) {
                throw Refusal.forbidden("A county sub-platform sees its own region " + own + " only");
            }
            visibleRegion = own;
        }
        return PageResponse.of(departments.list(level, visibleRegion, PageRequest.of(page, size)),
                d -> DepartmentResponse.of(d, caller));
    }

    @GetMapping("/{code}")
    DepartmentResponse get(@PathVariable String code, Caller caller) {
        Department department = departments.find(code).orElseThrow(() -> Refusal.notFound("Department", code));
        if (!caller.seesRegion(department.region())) {
            throw Refusal.notFound("Department", code);
        }
        return DepartmentResponse.of(department, caller);
    }
}
