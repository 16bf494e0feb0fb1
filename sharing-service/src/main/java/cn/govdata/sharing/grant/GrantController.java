package cn.govdata.sharing.grant;

import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.web.ListFilter;
import cn.govdata.platform.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Grants: listing scoped to the caller, and what the bureau and the provider do with a grant.
 *
 * <pre>
 * GET    /api/sharing/grants?state=&amp;resourceId=&amp;consumer=&amp;provider=&amp;department=&amp;unused=true&amp;page=0&amp;size=20
 * GET    /api/sharing/grants/{id}
 * POST   /api/sharing/grants/{id}/suspension       {"reasons":"超范围使用"}                 bureau
 * DELETE /api/sharing/grants/{id}/suspension       optional {"reasons":"整改完成"}          bureau
 * POST   /api/sharing/grants/{id}/revocation       {"ground":"UNUSED|MISUSE|OTHER","reasons":"..."}  provider approver or bureau
 * POST   /api/sharing/grants/{id}/platform-review  {"confirm":false,"reasons":"..."}       bureau (NT 23)
 * </pre>
 * Renewal ({@code POST /api/sharing/grants/{id}/renewal}) is an application; see the application API.
 */
@RestController
@RequestMapping("/api/sharing/grants")
class GrantController {

    private final Grants grants;
    private final ManagingGrants managing;
    private final Clock clock;

    GrantController(Grants grants, ManagingGrants managing, Clock clock) {
        this.grants = grants;
        this.managing = managing;
        this.clock = clock;
    }

    record SuspensionRequest(@NotBlank @Size(max = 2000) String reasons) {
    }

    record ReinstatementRequest(@Size(max = 2000) String reasons) {
    }

    record RevocationRequest(@NotNull RevocationGround ground, @Size(max = 2000) String reasons) {
    }

    record ReviewRequest(@NotNull Boolean confirm, @Size(max = 2000) String reasons) {
    }

    @GetMapping
    PageResponse<GrantView> list(@RequestParam(required = false) Grant.State state,
                                 @RequestParam(required = false) String resourceId,
                                 @RequestParam(required = false) String consumer,
                                 @RequestParam(required = false) String provider,
                                 @RequestParam(required = false) String department,
                                 @RequestParam(defaultValue = "false") boolean unused,
                                 @RequestParam(defaultValue = "0") @Min(0) int page,
                                 @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
                                 Caller caller) {
        ListFilter filter = ListFilter.within(scope(caller)).is("state", state).is("resourceId", resourceId)
                .is("consumerDepartment", consumer).is("providerDepartment", provider)
                .eitherIs(department, "consumerDepartment", "providerDepartment");
        Instant now = clock.instant();
        if (unused) {
            Instant cutoff = managing.unusedCutoff(now);
            filter.is("state", Grant.State.ACTIVE).and(Criteria.where("validTo").gt(now)).and(Criteria.where("validFrom").lte(cutoff))
                    .and(new Criteria().orOperator(Criteria.where("lastUsedAt").is(null), Criteria.where("lastUsedAt").lte(cutoff)));
        }
        var found = grants.page(filter.criteria(), PageRequest.of(page, size));
        return PageResponse.of(found, g -> view(g, now));
    }

    @GetMapping("/{id}")
    GrantView get(@PathVariable String id, Caller caller) {
        Grant grant = grants.get(id);
        SharingAccess.require(SharingAccess.canRead(caller, grant.consumerDepartment(), grant.providerDepartment(), grant.region()),
                "Grant " + id + " is visible to its consumer and provider departments, the bureau and auditors");
        return view(grant, clock.instant());
    }

    @PostMapping("/{id}/suspension")
    GrantView suspend(@PathVariable String id, @Valid @RequestBody SuspensionRequest request, Caller caller) {
        return view(managing.suspend(id, request.reasons(), caller), clock.instant());
    }

    @DeleteMapping("/{id}/suspension")
    GrantView reinstate(@PathVariable String id, @Valid @RequestBody(required = false) ReinstatementRequest request,
                        Caller caller) {
        return view(managing.reinstate(id, request == null ? null : request.reasons(), caller), clock.instant());
    }

    @PostMapping("/{id}/revocation")
    GrantView revoke(@PathVariable String id, @Valid @RequestBody RevocationRequest request, Caller caller) {
        return view(managing.revoke(id, request.ground(), request.reasons(), caller), clock.instant());
    }

    @PostMapping("/{id}/platform-review")
    GrantView review(@PathVariable String id, @Valid @RequestBody ReviewRequest request, Caller caller) {
        return view(managing.review(id, request.confirm(), request.reasons(), caller), clock.instant());
    }

    private GrantView view(Grant grant, Instant now) {
        return GrantView.of(grant, now, managing.revocableForNonUseFrom(grant));
    }

    private static Criteria scope(Caller caller) {
        if (caller.seesEveryDepartment()) {
            return new Criteria();
        }
        Optional<String> own = SharingAccess.department(caller);
        if (own.isPresent()) {
            return new Criteria().orOperator(Criteria.where("consumerDepartment").is(own.get()),
                    Criteria.where("providerDepartment").is(own.get()));
        }
        Optional<String> county = SharingAccess.countyRegion(caller);
        if (county.isPresent()) {
            return Criteria.where("region").is(county.get());
        }
        throw Refusal.forbidden("Grants are listed for department users (their own), the bureau, operators, "
                + "auditors and county sub-platforms (their region)");
    }
}
