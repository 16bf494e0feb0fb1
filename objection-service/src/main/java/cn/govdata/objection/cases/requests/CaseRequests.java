package cn.govdata.objection.cases.requests;

import cn.govdata.objection.cases.model.Decision;
import cn.govdata.objection.cases.model.Objector;
import cn.govdata.objection.cases.model.Reason;
import cn.govdata.objection.cases.model.Route;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Request bodies of the objection desk. */
public final class CaseRequests {

    static final String DEPARTMENT_CODE = "^[A-Z][A-Z0-9-]{1,31}$";
    /** Mainland mobile (13812345678), or a landline with area code (025-84420000). */
    static final String PHONE = "^(1\\d{10}|0\\d{2,3}-?\\d{7,8})$";
    /** 统一社会信用代码 (GB 32100-2015). */
    static final String CREDIT_CODE = "^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$";

    private CaseRequests() {
    }

    /**
     * An objection. {@code recordKey} may be left out when the objector cannot name the record; the
     * platform then identifies and marks it. {@code service} is given by a data subject objecting
     * during a service (QY 28).
     */
    public record ObjectionRequest(
            @NotNull Reason reason,
            @NotBlank @Size(max = 64) String resourceId,
            @Size(max = 128) String recordKey,
            @Size(max = 50) List<@NotBlank @Size(max = 64) String> fields,
            @NotBlank @Size(max = 2000) String claim,
            @NotNull @Valid Contact objector,
            @Valid ServiceRequest service) {

        public List<String> fieldList() {
            return fields == null ? List.of() : fields;
        }
    }

    /** How to reach the objector; for a company, the organisation and its contact person. */
    public record Contact(
            @NotBlank @Size(max = 50) String name,
            @NotBlank @Pattern(regexp = PHONE, message = "must be a mobile number such as 13812345678 or a landline such as 025-84420000") String phone,
            @Email @Size(max = 100) String email,
            @Size(max = 100) String organisation,
            @Pattern(regexp = CREDIT_CODE, message = "must be an 18-character unified social credit code") String creditCode) {

        public Objector toObjector() {
            return new Objector(name.strip(), phone, email, organisation, creditCode);
        }
    }

    public record ServiceRequest(
            @NotBlank @Pattern(regexp = DEPARTMENT_CODE, message = "must be a department code") String servingDepartment,
            @NotBlank @Size(max = 100) String serviceName,
            boolean proceededOnValidProof,
            @Size(max = 500) String proofNote) {
    }

    /** The operator identifies the record (when the objector could not) and marks it disputed. */
    public record MarkRequest(@Size(max = 128) String recordKey, @Size(max = 50) List<@NotBlank @Size(max = 64) String> fields,
                       @Size(max = 2000) String note) {
    }

    public record RouteRequest(@NotNull Route route,
                        @Pattern(regexp = DEPARTMENT_CODE, message = "must be a department code") String department,
                        @Size(max = 2000) String note) {
    }

    public record DecisionRequest(@NotNull Decision decision, @Size(max = 2000) String reasons, @Size(max = 2000) String note) {
    }

    public record CorrectionRequest(@NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 64) String> correctedFields,
                             @Size(max = 2000) String note) {
    }

    public record CloseRequest(@NotBlank @Size(max = 500) String reason) {
    }

    public record NoteRequest(@NotBlank @Size(max = 2000) String text) {
    }
}
