package cn.govdata.sharing.application;

import cn.govdata.sharing.grant.Grant;
import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Request bodies of the application API. {@code reasons} lists also accept a single string. */
final class ApplicationRequests {

    private ApplicationRequests() {
    }

    /**
     * @param scenario      应用场景: the service or procedure the data is for
     * @param purpose       purpose of use
     * @param legalDuty     the statutory duty (履职依据) the use serves
     * @param items         exactly the data items wanted (minimum necessary)
     * @param unmaskedItems items needed in clear, a subset of {@code items}; the rest are masked where a rule exists
     * @param method        API, DATABASE_TABLE or FILE, one the resource offers; VERIFICATION applications use API
     * @param kind          DATA (default) or VERIFICATION (the only kind for not-shared resources, QZ 5.4)
     * @param validFrom     default: now
     */
    record Apply(@NotBlank @Size(max = 64) String resourceId,
                 @NotBlank @Size(max = 500) String scenario,
                 @NotBlank @Size(max = 2000) String purpose,
                 @Size(max = 1000) String legalDuty,
                 @NotEmpty @Size(max = 200) List<@NotBlank @Size(max = 100) String> items,
                 @Size(max = 200) List<@NotBlank @Size(max = 100) String> unmaskedItems,
                 @Size(max = 32) String method,
                 Grant.Kind kind,
                 Instant validFrom,
                 @NotNull Instant validTo) {
    }

    record FormalityCheck(@NotNull Boolean passed,
                          @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                          @Size(max = 20) List<@NotBlank @Size(max = 1000) String> reasons) {
    }

    /**
     * @param items         approved items; default all requested; never more than requested
     * @param unmaskedItems items delivered in clear; within the approved and the requested unmasked items
     * @param validTo       default the requested validTo; never later
     * @param legalBasis    the law a refusal rests on
     */
    record Decision(@NotNull Boolean approve,
                    @Size(max = 200) List<@NotBlank @Size(max = 100) String> items,
                    @Size(max = 200) List<@NotBlank @Size(max = 100) String> unmaskedItems,
                    Instant validTo,
                    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                    @Size(max = 20) List<@NotBlank @Size(max = 1000) String> reasons,
                    @Size(max = 1000) String legalBasis,
                    @Min(1) @Max(10_000_000) Integer dailyQuota,
                    @Min(1) @Max(100_000) Integer ratePerMinute) {
    }

    record Escalation(@NotBlank @Size(max = 2000) String reasons) {
    }

    enum CoordinationOutcome {
        GRANT, UPHOLD_REFUSAL
    }

    record Coordination(@NotNull CoordinationOutcome outcome,
                        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                        @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 1000) String> reasons,
                        @Size(max = 200) List<@NotBlank @Size(max = 100) String> items,
                        @Size(max = 200) List<@NotBlank @Size(max = 100) String> unmaskedItems,
                        Instant validTo) {
    }

    record Renewal(@NotNull Instant validTo) {
    }

    /** NJ 22: confirm the provider's answer, or send it back with reasons. */
    record Confirmation(@NotNull Boolean confirm,
                        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                        @Size(max = 20) List<@NotBlank @Size(max = 1000) String> reasons) {
    }

    enum ReferralStep {
        JOINT_CONSULTATION, GOVERNMENT
    }

    /** SY 28, QY 48: coordination failed; refer the dispute on. {@code to} defaults to the next step of the profile's ladder. */
    record Referral(ReferralStep to, @NotBlank @Size(max = 2000) String reasons) {
    }

    /**
     * What the body the dispute was referred to decided, as the bureau records it.
     *
     * @param decidingBody e.g. 沈阳市人民政府
     * @param decidedOn    the date of its decision
     */
    record FinalDecision(@NotBlank @Size(max = 200) String decidingBody,
                         @NotNull CoordinationOutcome outcome,
                         @NotNull LocalDate decidedOn,
                         @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                         @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 1000) String> reasons,
                         @Size(max = 200) List<@NotBlank @Size(max = 100) String> items,
                         Instant validTo) {
    }
}
