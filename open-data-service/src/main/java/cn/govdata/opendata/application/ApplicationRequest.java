package cn.govdata.opendata.application;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What SY 34 asks of an applicant: purpose, scenario and safety measures. */
record ApplicationRequest(@NotBlank String entryId, @NotBlank String applicantKind, @NotBlank @Size(max = 200) String organisation,
                          @NotBlank @Size(max = 2000) String purpose, @NotBlank @Size(max = 2000) String scenario,
                          @NotBlank @Size(max = 2000) String safetyMeasures, boolean commercialUse) {
}
