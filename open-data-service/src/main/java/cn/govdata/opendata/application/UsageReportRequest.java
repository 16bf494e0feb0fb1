package cn.govdata.opendata.application;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/** @param period e.g. {@code 2026-Q4}; @param products data products built with the data, each citing its source */
record UsageReportRequest(@NotBlank @Size(max = 32) String period, @NotBlank @Size(max = 4000) String summary,
                          List<@NotBlank String> products) {
}
