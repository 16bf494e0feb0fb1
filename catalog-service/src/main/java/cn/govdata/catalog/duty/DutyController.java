package cn.govdata.catalog.duty;

import cn.govdata.catalog.duty.DutyViews.CensusResult;
import cn.govdata.catalog.duty.DutyViews.DutyPage;
import cn.govdata.catalog.duty.DutyViews.DutyView;
import cn.govdata.catalog.duty.DutyViews.FulfilRequest;
import cn.govdata.catalog.duty.DutyViews.OpenDutyRequest;
import cn.govdata.catalog.duty.DutyViews.Summary;
import cn.govdata.catalog.entry.EntryAccess;
import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Catalog update duties (NJ 18, NT 11, QY 12) and the annual census (NT 11).
 * <ul>
 *   <li>{@code POST /api/catalog/duties}: the department's data officer, or the bureau for any department;</li>
 *   <li>{@code GET /api/catalog/duties?department=&state=&trigger=&year=&page=&size=} and
 *       {@code GET /api/catalog/duties/{id}}: officers and approvers see their own department's
 *       duties; the bureau, platform operator and auditors all;</li>
 *   <li>{@code POST /api/catalog/duties/{id}/fulfil}: the department's data officer;</li>
 *   <li>{@code POST /api/catalog/census/{year}}: the bureau.</li>
 * </ul>
 */
@RestController
class DutyController {

    private final OpeningDuties opening;
    private final FulfillingDuties fulfilling;
    private final Duties duties;

    DutyController(OpeningDuties opening, FulfillingDuties fulfilling, Duties duties) {
        this.opening = opening;
        this.fulfilling = fulfilling;
        this.duties = duties;
    }

    @PostMapping("/api/catalog/duties")
    ResponseEntity<DutyView> open(@Valid @RequestBody OpenDutyRequest request, Caller caller) {
        CatalogDuty duty = opening.open(request, caller);
        var location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(duty.id()).toUri();
        return ResponseEntity.created(location).body(DutyView.of(duty));
    }

    @GetMapping("/api/catalog/duties")
    DutyPage list(@RequestParam(required = false) String department,
                  @RequestParam(required = false) DutyState state,
                  @RequestParam(required = false) DutyTrigger trigger,
                  @RequestParam(required = false) @Min(2000) @Max(2100) Integer year,
                  @RequestParam(defaultValue = "0") @Min(0) int page,
                  @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
                  Caller caller) {
        Duties.Scope scope = new Duties.Scope(visibleDepartment(caller, department), trigger, year);
        // Fulfilment shows in the entries first; bring the duties in scope up to date before counting.
        fulfilling.refreshAwaitingEntryChanges(scope);
        Page<CatalogDuty> found = duties.listDuties(scope, state, PageRequest.of(page, size));
        Summary summary = new Summary(duties.count(scope, DutyState.OPEN), duties.count(scope, DutyState.FULFILLED),
                duties.countFulfilledOnTime(scope), duties.count(scope, DutyState.OVERDUE));
        return new DutyPage(found.getContent().stream().map(DutyView::of).toList(), found.getNumber(),
                found.getSize(), found.getTotalElements(), found.getTotalPages(), summary);
    }

    @GetMapping("/api/catalog/duties/{id}")
    DutyView get(@PathVariable String id, Caller caller) {
        // Another department's duty is 404 like a missing one, not 403: it is not for outsiders to probe.
        return fulfilling.current(id, department -> caller.seesEveryDepartment() || EntryAccess.ownsDepartment(caller, department))
                .map(DutyView::of)
                .orElseThrow(() -> Refusal.notFound("Catalog duty", id));
    }

    @PostMapping("/api/catalog/duties/{id}/fulfil")
    DutyView fulfil(@PathVariable String id, @Valid @RequestBody(required = false) FulfilRequest request, Caller caller) {
        return DutyView.of(fulfilling.fulfil(id, request == null ? null : request.confirmation(),
                request == null ? null : request.outcome(), caller));
    }

    @PostMapping("/api/catalog/census/{year}")
    ResponseEntity<CensusResult> census(@PathVariable @Min(2000) @Max(2100) int year, Caller caller) {
        CensusResult result = opening.openCensus(year, caller);
        return ResponseEntity.status(result.opened().isEmpty() ? HttpStatus.OK : HttpStatus.CREATED).body(result);
    }

    private static String visibleDepartment(Caller caller, String department) {
        if (caller.seesEveryDepartment()) {
            return department;
        }
        String own = caller.departmentCode().orElse(null);
        if (own == null || !EntryAccess.ownsDepartment(caller, own)) {
            throw Refusal.forbidden("Duties are visible to the bureau, the platform operator, auditors and the "
                    + "department's data officer");
        }
        if (department != null && !department.equals(own)) {
            throw Refusal.forbidden("A data officer of " + own + " sees the duties of " + own + " only");
        }
        return own;
    }
}
