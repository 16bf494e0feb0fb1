package cn.govdata.events.catalog;

import java.time.Instant;
import java.util.List;

/**
 * The catalog's lifecycle events (topic govdata.catalog.v1, key = entry id). Every state change
 * of an entry has one, so supervision can time the bureau's reviews and subscribers can follow
 * publication, change and withdrawal.
 */
public final class CatalogEntryEvents {

    private CatalogEntryEvents() {
    }

    /** A version went to the bureau for review; {@code reviewDueAt} is the profile's review deadline. */
    public record Submitted(String entryId, int version, String providerDepartment, String name, String shareType,
                            String submittedBy, Instant submittedAt, Instant reviewDueAt) {
    }

    /** The bureau sent a version back with reasons. */
    public record Returned(String entryId, int version, String providerDepartment, String name, List<String> reasons,
                           String returnedBy, Instant returnedAt, Instant submittedAt) {
    }

    /** An entry's first version was approved and is visible in the catalog. */
    public record Published(CatalogEntrySnapshot entry, String approvedBy, Instant publishedAt, Instant submittedAt) {
    }

    /**
     * A change was approved: {@code entry} is the new published version. {@code removedDataItems}
     * lets a holder of a grant narrow it without diffing.
     */
    public record Changed(CatalogEntrySnapshot entry, int previousVersion, List<Change> changes, List<String> removedDataItems,
                          String approvedBy, Instant changedAt, Instant submittedAt) {
    }

    public record Change(String field, String before, String after) {
    }

    /**
     * The provider asked to withdraw a published entry. Subscribers are told now, before the bureau
     * decides, so they can prepare (NT 16, SY 27); the entry stays published until then.
     */
    public record WithdrawalRequested(String entryId, int version, String providerDepartment, String name, String reasons,
                                      String requestedBy, Instant requestedAt, Instant decisionDueAt) {
    }

    /**
     * SY 27: the provider filed (备案) the withdrawal with its reasons; no approval follows, it takes
     * effect at {@code effectiveAt} (then {@link Withdrawn} follows). Subscribers prepare for the end now.
     */
    public record WithdrawalFiled(String entryId, int version, String providerDepartment, String name, String reasons,
                                  String filedBy, Instant filedAt, Instant effectiveAt, String citation) {
    }

    /** The bureau approved the withdrawal: the entry is gone from the catalog; grants on it end. */
    public record Withdrawn(String entryId, int version, String providerDepartment, String name, String reasons,
                            String approvedBy, Instant withdrawnAt) {
    }

    /** The bureau refused the withdrawal: the entry stays published. */
    public record WithdrawalRejected(String entryId, int version, String providerDepartment, String name, String reasons,
                                     String rejectedBy, Instant rejectedAt) {
    }
}
