package cn.govdata.sharing.interfacerequest;

import cn.govdata.platform.deadline.Deadline;
import cn.govdata.platform.deadline.DeadlineHandler;
import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.web.ListFilter;
import cn.govdata.platform.web.PageResponse;
import cn.govdata.sharing.grant.SharingAccess;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
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
import java.util.Optional;

/**
 * Requests for more service interfaces (QZ 2.3).
 *
 * <pre>
 * POST /api/sharing/interface-requests          {"provider":"HRSS","consumer":"CAB","dataWanted":"参保状态",
 *                                                "scenario":"低保资格核验","interfaceSpec":"按身份证号查询，返回参保状态"}  → 201
 *      bureau: REQUESTED at once; a department's consumer or data officer: PROPOSED (consumer = own department)
 * POST /api/sharing/interface-requests/{id}/forwarding           {"forward":true,"reasons":"..."}  bureau
 * POST /api/sharing/interface-requests/{id}/extension            {"workingDays":5,"reasons":"..."} provider, once
 * POST /api/sharing/interface-requests/{id}/extension/decision   {"approve":true,"workingDays":3}  bureau
 * POST /api/sharing/interface-requests/{id}/delivery             {"interfaceSpec":"...","usageNotes":"..."} provider
 * POST /api/sharing/interface-requests/{id}/publication          {"serviceName":"...","notes":"..."} operator
 * GET  /api/sharing/interface-requests?state=&amp;provider=&amp;consumer=&amp;department=&amp;overdue=&amp;page=&amp;size=
 * GET  /api/sharing/interface-requests/{id}
 * </pre>
 */
@RestController
@RequestMapping("/api/sharing/interface-requests")
class InterfaceRequestController {

    private static final String DEPARTMENT = "[A-Z][A-Z0-9-]{1,31}";

    private final InterfaceRequestDesk desk;
    private final InterfaceRequests requests;

    InterfaceRequestController(InterfaceRequestDesk desk, InterfaceRequests requests) {
        this.desk = desk;
        this.requests = requests;
    }

    record RaiseRequest(@NotBlank @Pattern(regexp = DEPARTMENT, message = "must be a department code") String provider,
                        @Pattern(regexp = DEPARTMENT, message = "must be a department code") String consumer,
                        @NotBlank @Size(max = 2000) String dataWanted,
                        @NotBlank @Size(max = 2000) String scenario,
                        @NotBlank @Size(max = 4000) String interfaceSpec) {
    }

    record Forwarding(@NotNull Boolean forward, @Size(max = 2000) String reasons) {
    }

    record ExtensionApplication(@NotNull @Min(1) Integer workingDays, @NotBlank @Size(max = 2000) String reasons) {
    }

    record ExtensionDecision(@NotNull Boolean approve, @Min(1) Integer workingDays, @Size(max = 2000) String reasons) {
    }

    record Delivery(@NotBlank @Size(max = 8000) String interfaceSpec, @NotBlank @Size(max = 8000) String usageNotes) {
    }

    record Publication(@NotBlank @Size(max = 200) String serviceName, @Size(max = 2000) String notes) {
    }

    record InterfaceRequestView(String id, String provider, String consumer, String region, InterfaceRequest.Wanted wanted,
                                InterfaceRequest.State state, String raisedBy, Instant raisedAt,
                                InterfaceRequest.Proposal proposal, String requestedBy, Instant requestedAt,
                                Instant answerDueAt, boolean overdue, InterfaceRequest.Extension extension,
                                InterfaceRequest.Delivery delivery, InterfaceRequest.Publication publication) {

        static InterfaceRequestView of(InterfaceRequest r) {
            return new InterfaceRequestView(r.id(), r.provider(), r.consumer(), r.region(), r.wanted(), r.state(), r.raisedBy(),
                    r.raisedAt(), r.proposal(), r.requestedBy(), r.requestedAt(), r.answerDueAt(), r.isOverdue(), r.extension(),
                    r.delivery(), r.publication());
        }
    }

    @PostMapping
    ResponseEntity<InterfaceRequestView> raise(@Valid @RequestBody RaiseRequest request, Caller caller) {
        InterfaceRequest raised = desk.raise(request, caller);
        var location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(raised.id()).toUri();
        return ResponseEntity.created(location).body(InterfaceRequestView.of(raised));
    }

    @GetMapping
    PageResponse<InterfaceRequestView> list(@RequestParam(required = false) InterfaceRequest.State state,
                                            @RequestParam(required = false) String provider,
                                            @RequestParam(required = false) String consumer,
                                            @RequestParam(required = false) String department,
                                            @RequestParam(required = false) Boolean overdue,
                                            @RequestParam(defaultValue = "0") @Min(0) int page,
                                            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
                                            Caller caller) {
        ListFilter filter = ListFilter.within(scope(caller)).is("state", state).is("provider", provider)
                .is("consumer", consumer).is("overdue", overdue).eitherIs(department, "provider", "consumer");
        return PageResponse.of(requests.page(filter.criteria(), PageRequest.of(page, size)), InterfaceRequestView::of);
    }

    @GetMapping("/{id}")
    InterfaceRequestView get(@PathVariable String id, Caller caller) {
        InterfaceRequest request = requests.get(id);
        SharingAccess.require(SharingAccess.canRead(caller, request.consumer(), request.provider(), request.region()),
                "Interface request " + id + " is visible to the producing and consumer departments, the bureau, operators and auditors");
        return InterfaceRequestView.of(request);
    }

    @PostMapping("/{id}/forwarding")
    InterfaceRequestView forward(@PathVariable String id, @Valid @RequestBody Forwarding request, Caller caller) {
        return InterfaceRequestView.of(desk.forward(id, request.forward(), blankToNull(request.reasons()), caller));
    }

    @PostMapping("/{id}/extension")
    InterfaceRequestView applyForExtension(@PathVariable String id, @Valid @RequestBody ExtensionApplication request,
                                           Caller caller) {
        return InterfaceRequestView.of(desk.applyForExtension(id, request.workingDays(), request.reasons().strip(), caller));
    }

    @PostMapping("/{id}/extension/decision")
    InterfaceRequestView decideExtension(@PathVariable String id, @Valid @RequestBody ExtensionDecision request,
                                         Caller caller) {
        return InterfaceRequestView.of(desk.decideExtension(id, request.approve(), request.workingDays(),
                blankToNull(request.reasons()), caller));
    }

    @PostMapping("/{id}/delivery")
    InterfaceRequestView deliver(@PathVariable String id, @Valid @RequestBody Delivery request, Caller caller) {
        return InterfaceRequestView.of(desk.deliver(id, request.interfaceSpec().strip(), request.usageNotes().strip(), caller));
    }

    @PostMapping("/{id}/publication")
    InterfaceRequestView publish(@PathVariable String id, @Valid @RequestBody Publication request, Caller caller) {
        return InterfaceRequestView.of(desk.publish(id, request.serviceName().strip(), blankToNull(request.notes()), caller));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Criteria scope(Caller caller) {
        if (caller.seesEveryDepartment()) {
            return new Criteria();
        }
        Optional<String> own = SharingAccess.department(caller);
        if (own.isPresent()) {
            return new Criteria().orOperator(Criteria.where("provider").is(own.get()), Criteria.where("consumer").is(own.get()));
        }
        Optional<String> county = SharingAccess.countyRegion(caller);
        if (county.isPresent()) {
            return Criteria.where("region").is(county.get());
        }
        throw Refusal.forbidden("Interface requests are listed for department users (their own), the bureau, "
                + "operators, auditors and county sub-platforms (their region)");
    }

    /** Either period missed marks the request overdue (the desk checks it is the current one). */
    @Configuration(proxyBeanMethods = false)
    static class InterfaceRequestDeadlines {

        @Bean
        DeadlineHandler interfaceRequestAnswerMissed(InterfaceRequestDesk desk) {
            return new Missed(InterfaceRequestDesk.ANSWER, desk);
        }

        @Bean
        DeadlineHandler interfaceRequestExtensionMissed(InterfaceRequestDesk desk) {
            return new Missed(InterfaceRequestDesk.EXTENDED, desk);
        }

        private record Missed(String step, InterfaceRequestDesk desk) implements DeadlineHandler {

            @Override
            public String process() {
                return InterfaceRequestDesk.PROCESS;
            }

            @Override
            public void onMissed(Deadline deadline) {
                desk.missed(deadline);
            }
        }
    }
}
