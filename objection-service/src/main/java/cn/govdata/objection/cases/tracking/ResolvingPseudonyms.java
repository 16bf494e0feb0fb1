package cn.govdata.objection.cases.tracking;

import cn.govdata.domain.Refusal;
import cn.govdata.objection.cases.model.CaseAccess;
import cn.govdata.objection.cases.model.ObjectionCase;
import cn.govdata.objection.cases.store.Cases;
import cn.govdata.platform.security.Caller;
import cn.govdata.privacy.Pseudonyms;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.stream.Stream;

/**
 * Turns a record pseudonym from an objection event back into the record key, for callers entitled
 * to the record: a handler of a case on it (operator, bureau, the department it was transferred
 * to), the provider department whose record it is, or the objector. Anyone else gets 404, as if no
 * case named the record, so the endpoint cannot be used to test guesses. POST keeps the pseudonym
 * out of access-log paths.
 */
@RestController
class ResolvingPseudonyms {

    record ResolveRequest(@NotBlank String resourceId,
                          @NotBlank @Pattern(regexp = "pk_[0-9a-f]{40}", message = "must be a record pseudonym (pk_ and 40 hex digits)")
                          String recordPseudonym) {
    }

    record Resolved(String resourceId, String recordPseudonym, String recordKey, List<String> caseIds) {
    }

    private final Cases cases;
    private final Pseudonyms pseudonyms;

    ResolvingPseudonyms(Cases cases, Pseudonyms pseudonyms) {
        this.cases = cases;
        this.pseudonyms = pseudonyms;
    }

    @PostMapping("/api/objections/pseudonyms/resolve")
    Resolved resolve(@Valid @RequestBody ResolveRequest request, Caller caller) {
        List<ObjectionCase> entitled;
        try (Stream<ObjectionCase> onResource = cases.streamOnResource(request.resourceId())) {
            entitled = onResource
                    .filter(c -> c.recordKey() != null
                            && pseudonyms.of(c.resource().id(), c.recordKey()).equals(request.recordPseudonym()))
                    .filter(c -> entitled(caller, c))
                    .toList();
        }
        if (entitled.isEmpty()) {
            throw Refusal.notFound("Record pseudonym", request.recordPseudonym());
        }
        return new Resolved(request.resourceId(), request.recordPseudonym(), entitled.get(0).recordKey(),
                entitled.stream().map(ObjectionCase::id).toList());
    }

    private static boolean entitled(Caller caller, ObjectionCase c) {
        boolean provider = CaseAccess.isDepartmentHandler(caller)
                && caller.departmentCode().get().equals(c.resource().providerDepartment());
        return CaseAccess.isHandler(caller, c) || provider || CaseAccess.isObjector(caller, c);
    }
}
