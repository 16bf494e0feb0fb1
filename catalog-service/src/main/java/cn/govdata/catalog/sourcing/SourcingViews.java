package cn.govdata.catalog.sourcing;

import cn.govdata.catalog.entry.EntryContent.DataType;
import cn.govdata.catalog.entry.EntryStatus;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** Request and response bodies of the one-datum-one-source endpoints. */
final class SourcingViews {

    private SourcingViews() {
    }

    private static final String DEPARTMENT = "[A-Z][A-Z0-9-]{1,31}";

    record DesignateRequest(
            @NotBlank @Size(max = 100) String itemName,
            @NotBlank @Pattern(regexp = DEPARTMENT, message = "must be a department code") String collectingDepartment,
            @Size(max = 64) String sourceEntryId,
            @NotBlank @Size(max = 2000) String reasons) {
    }

    record RedesignateRequest(
            @NotBlank @Pattern(regexp = DEPARTMENT, message = "must be a department code") String collectingDepartment,
            @Size(max = 64) String sourceEntryId,
            @NotBlank @Size(max = 2000) String reasons) {
    }

    record Occurrence(String department, String entryId, String entryName, String itemName, DataType type) {
        static Occurrence of(HeldItems.Holding h) {
            return new Occurrence(h.department(), h.entryId(), h.entryName(), h.itemName(), h.type());
        }
    }

    record DesignationSummary(String designationId, String collectingDepartment, String sourceEntryId, String designatedBy,
                              Instant designatedAt) {
        static DesignationSummary of(SourceDesignation d) {
            return d == null ? null
                    : new DesignationSummary(d.id(), d.collectingDepartment(), d.sourceEntryId(), d.designatedBy(), d.designatedAt());
        }
    }

    /** One data item several departments collect, and the bureau's designation of its source if any. */
    record OverlapGroup(String itemName, List<String> aliases, List<DataType> types, List<String> departments,
                        List<Occurrence> occurrences, DesignationSummary designation) {
    }

    record SimilarEntry(String department, String entryId, String entryName, EntryStatus status) {
    }

    /** Two entries of different departments whose names scored {@code similarity}. */
    record Link(String from, String to, double similarity) {
    }

    /** Entries of several departments that catalogue the same subject under near-identical names. */
    record SimilarResources(String subject, List<SimilarEntry> entries, List<Link> links) {
    }

    record DesignationView(String id, String itemName, List<String> aliases, String collectingDepartment, String sourceEntryId,
                           String reasons, List<String> referencingDepartments, String designatedBy, Instant designatedAt,
                           List<SourceDesignation.Superseded> history) {
        static DesignationView of(SourceDesignation d) {
            return new DesignationView(d.id(), d.itemName(), d.aliases(), d.collectingDepartment(), d.sourceEntryId(),
                    d.reasons(), d.referencingDepartments(), d.designatedBy(), d.designatedAt(), d.history());
        }
    }

    /**
     * An item the department holds although another department is its designated source.
     *
     * @param sourceEntries the collecting department's entries holding the item, to reference
     * @param heldIn        where the department itself catalogues the item
     */
    record Reference(String designationId, String itemName, String collectingDepartment, String sourceEntryId,
                     List<String> sourceEntries, String reasons, Instant designatedAt, List<Occurrence> heldIn) {
    }

    /** An item the department is the designated source of, and who relies on it now. */
    record Collecting(String designationId, String itemName, String sourceEntryId, List<String> referencingDepartments) {
    }

    record MyReferences(String department, List<Reference> references, List<Collecting> collecting) {
    }
}
