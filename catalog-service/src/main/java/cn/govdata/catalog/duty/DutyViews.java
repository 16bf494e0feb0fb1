package cn.govdata.catalog.duty;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Request and response bodies of the duty and census endpoints. */
final class DutyViews {

    private DutyViews() {
    }

    /**
     * @param changedAt the day the changed law, function or system was published (Asia/Shanghai);
     *                  today when absent, never in the future
     */
    record OpenDutyRequest(
            @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9-]{1,31}", message = "must be a department code") String department,
            @NotNull DutyTrigger trigger,
            @NotBlank @Size(max = 2000) String description,
            LocalDate changedAt,
            @NotEmpty @Size(max = 500) List<@NotBlank @Size(max = 64) String> entryIds) {
    }

    /**
     * @param confirmation what the census found; for a re-evaluation duty, the reasons the restriction stands
     * @param outcome      only for a re-evaluation duty (SY 31/37): what the evaluation found
     */
    record FulfilRequest(@Size(max = 2000) String confirmation, ReevaluationOutcome outcome) {
    }

    record DutyView(String id, String department, DutyTrigger trigger, String description, LocalDate changedAt,
                    Integer censusYear, List<String> entryIds, String openedBy, Instant openedAt, Instant dueAt,
                    String citation, DutyState state, Instant overdueAt, Instant fulfilledAt, String fulfilledBy,
                    Boolean onTime, String confirmation, List<CatalogDuty.Evidence> evidence, ReevaluationOutcome outcome) {
        static DutyView of(CatalogDuty d) {
            return new DutyView(d.id(), d.department(), d.trigger(), d.description(), d.changedAt(), d.censusYear(),
                    d.entryIds(), d.openedBy(), d.openedAt(), d.dueAt(), d.citation(), d.state(), d.overdueAt(),
                    d.fulfilledAt(), d.fulfilledBy(), d.onTime(), d.confirmation(), d.evidence(), d.outcome());
        }
    }

    /** Counts over the listed department(s) and trigger, whatever the {@code state} filter. */
    record Summary(long open, long fulfilled, long fulfilledOnTime, long overdue) {
    }

    /** {@code PageResponse}'s shape plus the summary. */
    record DutyPage(List<DutyView> items, int page, int size, long totalItems, int totalPages, Summary summary) {
    }

    record CensusResult(int year, Instant dueAt, List<String> opened, List<String> alreadyOpen) {
    }
}
