package cn.govdata.opendata.application;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A bid in a selection round: who, what they will develop and how they keep the data safe (SY 34's contents). */
record BidRequest(@NotBlank String applicantKind, @NotBlank @Size(max = 200) String organisation,
                  @NotBlank @Size(max = 4000) String proposal, @NotBlank @Size(max = 2000) String safetyMeasures) {
}
