package cn.govdata.opendata.application;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;

/**
 * @param period   e.g. {@code 2026-Q4}
 * @param summary  what was developed with the data
 * @param products data products built with the data; each names the source and the date the data was acquired (QZ 6.7)
 */
record UsageReportRequest(@NotBlank @Size(max = 32) String period, @NotBlank @Size(max = 4000) String summary,
                          @Size(max = 100) List<@Valid @NotNull ProductRequest> products) {

    record ProductRequest(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 500) String source,
                          @NotNull LocalDate acquiredOn) {
    }
}
