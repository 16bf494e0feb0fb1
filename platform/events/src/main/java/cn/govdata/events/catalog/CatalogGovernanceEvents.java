package cn.govdata.events.catalog;

import java.time.Instant;
import java.util.List;

/** The bureau's one-datum-one-source decisions and departments' catalog-update duties. */
public final class CatalogGovernanceEvents {

    private CatalogGovernanceEvents() {
    }

    /**
     * One datum, one source (NJ 17, SY 20, QY 15): the bureau designated the department that
     * collects a data item; the other departments reference that source instead of collecting it.
     */
    public record SourceDesignated(String designationId, String itemName, List<String> aliases, String collectingDepartment,
                                   String sourceEntryId, List<String> referencingDepartments, String reasons,
                                   String designatedBy, Instant designatedAt) {
    }

    /**
     * A duty to update catalog entries opened: a law, function or system changed (NJ 18, NT 11,
     * QY 12), or the yearly census (NT 11). {@code trigger} is LAW_CHANGED, FUNCTION_CHANGED,
     * SYSTEM_UPDATED or ANNUAL_CENSUS.
     */
    public record DutyOpened(String dutyId, String department, String trigger, String description, List<String> entryIds,
                             String openedBy, Instant openedAt, Instant dueAt, String citation) {
    }

    public record DutyFulfilled(String dutyId, String department, String trigger, Instant dueAt, Instant fulfilledAt,
                                boolean onTime) {
    }

    public record DutyOverdue(String dutyId, String department, String trigger, List<String> entryIds, Instant dueAt,
                              Instant overdueAt, String citation) {
    }
}
