package cn.govdata.sharing.demand;

import cn.govdata.platform.deadline.DeadlineHandler;
import cn.govdata.platform.deadline.DeadlineHandlers;
import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.web.ListFilter;
import cn.govdata.platform.web.PageResponse;
import cn.govdata.sharing.grant.SharingAccess;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Demands for uncatalogued data.
 *
 * <pre>
 * POST /api/sharing/demands                    {"addressedTo":"HRSS","description":"灵活就业人员参保名单",
 *                                               "items":["姓名","参保类型"],"purpose":"低保对象收入核查"}   → 201
 * GET  /api/sharing/demands?state=&amp;requestingDepartment=&amp;addressedTo=&amp;overdue=&amp;page=&amp;size=
 * GET  /api/sharing/demands/{id}
 * POST /api/sharing/demands/{id}/answer        {"answer":"NOT_OURS|WILL_PUBLISH|CANNOT","byDate":"2026-12-15","reasons":"..."}
 * POST /api/sharing/demands/{id}/fulfilment    {"resourceId":"..."}   the promised resource is published
 * </pre>
 */
@RestController
@RequestMapping("/api/sharing/demands")
class DemandController {

    private final DemandDesk desk;
    private final Demands demands;

    DemandController(DemandDesk desk, Demands demands) {
        this.desk = desk;
        this.demands = demands;
    }

    record RaiseDemand(@NotBlank @Pattern(regexp = "[A-Z][A-Z0-9-]{1,31}", message = "must be a department code") String addressedTo,
                       @NotBlank @Size(max = 2000) String description,
                       @NotEmpty @Size(max = 200) List<@NotBlank @Size(max = 100) String> items,
                       @NotBlank @Size(max = 2000) String purpose) {
    }

    record AnswerDemand(@NotNull Demand.Answer answer, LocalDate byDate, @Size(max = 2000) String reasons) {
    }

    record Fulfil(@NotBlank @Size(max = 64) String resourceId) {
    }

    record DemandView(String id, String requestingDepartment, String addressedTo, String region, String description,
                      List<String> items, String purpose, Demand.State state, String raisedBy, Instant raisedAt,
                      Instant answerDueAt, boolean answerOverdue, Demand.Answered answer, boolean publishOverdue,
                      Demand.Fulfilment fulfilment) {

        static DemandView of(Demand d) {
            return new DemandView(d.id(), d.requestingDepartment(), d.addressedTo(), d.region(), d.description(), d.items(),
                    d.purpose(), d.state(), d.raisedBy(), d.raisedAt(), d.answerDueAt(), d.isAnswerOverdue(), d.answer(),
                    d.isPublishOverdue(), d.fulfilment());
        }
    }

    @PostMapping
    ResponseEntity<DemandView> raise(@Valid @RequestBody RaiseDemand request, Caller caller) {
        Demand demand = desk.raise(request, caller);
        var location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(demand.id()).toUri();
        return ResponseEntity.created(location).body(DemandView.of(demand));
    }

    @GetMapping
    PageResponse<DemandView> list(@RequestParam(required = false) Demand.State state,
                                  @RequestParam(required = false) String requestingDepartment,
                                  @RequestParam(required = false) String addressedTo,
                                  @RequestParam(required = false) Boolean overdue,
                                  @RequestParam(defaultValue = "0") @Min(0) int page,
                                  @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
                                  Caller caller) {
        ListFilter filter = ListFilter.within(scope(caller)).is("state", state)
                .is("requestingDepartment", requestingDepartment).is("addressedTo", addressedTo);
        if (overdue != null) {
            Criteria late = new Criteria().orOperator(Criteria.where("answerOverdue").is(true),
                    Criteria.where("publishOverdue").is(true));
            filter.and(overdue ? late : new Criteria().andOperator(Criteria.where("answerOverdue").is(false),
                    Criteria.where("publishOverdue").is(false)));
        }
        return PageResponse.of(demands.page(filter.criteria(), PageRequest.of(page, size)),
                DemandView::of);
    }

    @GetMapping("/{id}")
    DemandView get(@PathVariable String id, Caller caller) {
        Demand demand = demands.get(id);
        SharingAccess.require(SharingAccess.canRead(caller, demand.requestingDepartment(), demand.addressedTo(), demand.region()),
                "Demand " + id + " is visible to the requesting and addressed departments, the bureau and auditors");
        return DemandView.of(demand);
    }

    @PostMapping("/{id}/answer")
    DemandView answer(@PathVariable String id, @Valid @RequestBody AnswerDemand request, Caller caller) {
        return DemandView.of(desk.answer(id, request, caller));
    }

    @PostMapping("/{id}/fulfilment")
    DemandView fulfil(@PathVariable String id, @Valid @RequestBody Fulfil request, Caller caller) {
        return DemandView.of(desk.fulfil(id, request.resourceId(), caller));
    }

    private static Criteria scope(Caller caller) {
        if (caller.seesEveryDepartment()) {
            return new Criteria();
        }
        Optional<String> own = SharingAccess.department(caller);
        if (own.isPresent()) {
            return new Criteria().orOperator(Criteria.where("requestingDepartment").is(own.get()),
                    Criteria.where("addressedTo").is(own.get()));
        }
        Optional<String> county = SharingAccess.countyRegion(caller);
        if (county.isPresent()) {
            return Criteria.where("region").is(county.get());
        }
        throw Refusal.forbidden("Demands are listed for department users (their own), the bureau, operators, "
                + "auditors and county sub-platforms (their region)");
    }

    /** A missed answer or publication marks the demand overdue; the DeadlineMissed event tells the bureau. */
    @Configuration(proxyBeanMethods = false)
    static class DemandDeadlines {

        @Bean
        DeadlineHandler demandAnswerMissed(DemandDesk desk) {
            return DeadlineHandlers.onMissed(DemandDesk.PROCESS, DemandDesk.ANSWER, d -> desk.answerMissed(d.subjectId()));
        }

        @Bean
        DeadlineHandler demandPublicationMissed(DemandDesk desk) {
            return DeadlineHandlers.onMissed(DemandDesk.PROCESS, DemandDesk.PUBLISH, d -> desk.publishMissed(d.subjectId()));
        }
    }
}
