package cn.govdata.opendata.application;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The technical service unit's assessment of an open-data need and its report to the bureau (QZ 6.5). */
record AssessmentRequest(@NotNull Boolean reasonable, @NotBlank @Size(max = 4000) String report) {
}
