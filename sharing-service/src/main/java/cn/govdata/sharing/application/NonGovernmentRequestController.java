package cn.govdata.sharing.application;

import cn.govdata.platform.security.Caller;
import cn.govdata.platform.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * HTTP for NJ 22 ¶3 requests of units other than government departments; the rules and the store
 * are {@link NonGovernmentRequests}' business.
 */
@RestController
class NonGovernmentRequestController {

    private final NonGovernmentRequests requests;

    NonGovernmentRequestController(NonGovernmentRequests requests) {
        this.requests = requests;
    }

    @PostMapping("/api/sharing/non-government-requests")
    ResponseEntity<NonGovernmentRequest> file(@Valid @RequestBody NonGovernmentRequests.File request, Caller caller) {
        NonGovernmentRequest filed = requests.file(request, caller);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/sharing/non-government-requests/{id}").buildAndExpand(filed.id()).toUri()).body(filed);
    }

    @GetMapping("/api/sharing/non-government-requests")
    PageResponse<NonGovernmentRequest> list(@RequestParam(required = false) NonGovernmentRequest.State state,
                                            @RequestParam(defaultValue = "0") @Min(0) int page,
                                            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size, Caller caller) {
        return requests.list(state, page, size, caller);
    }

    @GetMapping("/api/sharing/non-government-requests/{id}")
    NonGovernmentRequest get(@PathVariable String id, Caller caller) {
        return requests.get(id, caller);
    }

    @PostMapping("/api/sharing/non-government-requests/{id}/provider-opinion")
    NonGovernmentRequest providerOpinion(@PathVariable String id, @Valid @RequestBody NonGovernmentRequests.OpinionRequest body,
                                         Caller caller) {
        return requests.providerOpinion(id, body, caller);
    }

    @PostMapping("/api/sharing/non-government-requests/{id}/bureau-opinion")
    NonGovernmentRequest bureauOpinion(@PathVariable String id, @Valid @RequestBody NonGovernmentRequests.OpinionRequest body,
                                       Caller caller) {
        return requests.bureauOpinion(id, body, caller);
    }

    @PostMapping("/api/sharing/non-government-requests/{id}/city-government-decision")
    NonGovernmentRequest cityGovernment(@PathVariable String id, @Valid @RequestBody NonGovernmentRequests.CityGovernment body,
                                        Caller caller) {
        return requests.cityGovernment(id, body, caller);
    }
}
