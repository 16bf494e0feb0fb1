package cn.govdata.catalog.entry;

import cn.govdata.platform.problem.PlatformException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A data resource in the catalog and its whole life: the published version consumers see, the
 * working copy a department edits (a first draft or a change to a published entry), a withdrawal
 * request, and the history of every step. Each operation returns a new entry; nothing is deleted.
 *
 * @param versions every approved version, oldest first; the last one is what the catalog shows
 * @param working  the draft or change in progress, or null
 */
public record CatalogEntry(
        String id,
        List<PublishedVersion> versions,
        WorkingCopy working,
        Withdrawal withdrawal,
        Filing filing,
        List<HistoryEntry> history) {

    public enum WorkingState {
        DRAFT, SUBMITTED, UNDER_REVIEW, RETURNED
    }

    public record WorkingCopy(int version, EntryContent content, WorkingState state, List<String> returnReasons,
                       Instant submittedAt) {
        WorkingCopy with(WorkingState newState, List<String> reasons, Instant submitted) {
            return new WorkingCopy(version, content, newState, reasons == null ? List.of() : List.copyOf(reasons), submitted);
        }
    }

    public enum WithdrawalState {
        REQUESTED, APPROVED, REJECTED
    }

    public record Withdrawal(WithdrawalState state, String reasons, String requestedBy, Instant requestedAt,
                      String decidedBy, Instant decidedAt, String decisionReasons) {
    }

    /** 备案: a not-shared entry is filed with the data bureau together with its legal basis (NJ 21, NT 8). */
    public record Filing(Instant filedAt, String filedBy, String legalBasis) {
    }

    public record PublishedVersion(int version, EntryContent content, String approvedBy, Instant approvedAt) {
    }

    public record HistoryEntry(Instant at, String actor, String action, int version, List<FieldChange> changes, List<String> reasons) {
        public HistoryEntry {
            changes = changes == null ? List.of() : List.copyOf(changes);
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
        }
    }

    public CatalogEntry {
        versions = versions == null ? List.of() : List.copyOf(versions);
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** 0 until the bureau first approves the entry. */
    public int publishedVersion() {
        return versions.size();
    }

    public EntryContent published() {
        return versions.isEmpty() ? null : versions.get(versions.size() - 1).content();
    }

    public Instant publishedAt() {
        return versions.isEmpty() ? null : versions.get(versions.size() - 1).approvedAt();
    }

    java.util.Optional<PublishedVersion> version(int number) {
        return versions.stream().filter(v -> v.version() == number).findFirst();
    }

    static CatalogEntry draft(String id, EntryContent content, String actor, Instant now) {
        return new CatalogEntry(id, List.of(), new WorkingCopy(1, content, WorkingState.DRAFT, List.of(), null),
                null, null, List.of(new HistoryEntry(now, actor, "created", 1, EntryDiff.between(null, content), List.of())));
    }

    public EntryStatus status() {
        if (withdrawal != null && withdrawal.state() == WithdrawalState.APPROVED) {
            return EntryStatus.WITHDRAWN;
        }
        if (withdrawal != null && withdrawal.state() == WithdrawalState.REQUESTED) {
            return EntryStatus.WITHDRAWAL_REQUESTED;
        }
        if (publishedVersion() > 0) {
            return EntryStatus.PUBLISHED;
        }
        return EntryStatus.valueOf(working.state().name());
    }

    /** The content a department works on: its working copy, or the published version. */
    public EntryContent current() {
        return working != null ? working.content() : published();
    }

    public String providerDepartment() {
        return current().providerDepartment();
    }

    /** Edits a draft or returned copy, or starts a change (the next version) of a published entry. */
    CatalogEntry edit(EntryContent content, String actor, Instant now) {
        EntryStatus status = status();
        if (status == EntryStatus.WITHDRAWN || status == EntryStatus.WITHDRAWAL_REQUESTED) {
            throw conflict("entry-withdrawn", "Entry " + id + " is " + status + " and can no longer be changed");
        }
        if (working != null && (working.state() == WorkingState.SUBMITTED || working.state() == WorkingState.UNDER_REVIEW)) {
            throw conflict("entry-in-review", "Version " + working.version() + " of " + id
                    + " is with the bureau; wait for its decision before editing");
        }
        EntryContent base = current();
        List<FieldChange> changes = EntryDiff.between(base, content);
        if (changes.isEmpty()) {
            return this;
        }
        int version = working != null ? working.version() : publishedVersion() + 1;
        String action = working != null ? "edited" : "change started";
        return new CatalogEntry(id, versions,
                new WorkingCopy(version, content, WorkingState.DRAFT, List.of(), null), withdrawal, filing,
                append(new HistoryEntry(now, actor, action, version, changes, List.of())));
    }

    CatalogEntry submit(String actor, Instant now) {
        if (working == null || !(working.state() == WorkingState.DRAFT || working.state() == WorkingState.RETURNED)) {
            throw conflict("nothing-to-submit", "Entry " + id + " has no draft or returned version to submit");
        }
        List<EntryRules.Violation> violations = EntryRules.check(working.content());
        if (!violations.isEmpty()) {
            throw EntryValidation.failed(violations);
        }
        Filing newFiling = filing;
        if (working.content().shareType() == EntryContent.ShareType.NOT_SHARED) {
            newFiling = new Filing(now, actor, working.content().shareLegalBasis());
        }
        return new CatalogEntry(id, versions,
                working.with(WorkingState.SUBMITTED, List.of(), now), withdrawal, newFiling,
                append(new HistoryEntry(now, actor, "submitted", working.version(), List.of(), List.of())));
    }

    CatalogEntry startReview(String actor, Instant now) {
        requireWorking(WorkingState.SUBMITTED);
        return new CatalogEntry(id, versions,
                working.with(WorkingState.UNDER_REVIEW, List.of(), working.submittedAt()), withdrawal, filing,
                append(new HistoryEntry(now, actor, "review started", working.version(), List.of(), List.of())));
    }

    CatalogEntry approve(String actor, Instant now) {
        requireInReview();
        List<FieldChange> changes = EntryDiff.between(published(), working.content());
        List<PublishedVersion> approved = new ArrayList<>(versions);
        approved.add(new PublishedVersion(working.version(), working.content(), actor, now));
        return new CatalogEntry(id, approved, null, withdrawal, filing,
                append(new HistoryEntry(now, actor, publishedVersion() == 0 ? "published" : "change approved",
                        working.version(), changes, List.of())));
    }

    CatalogEntry returnWithReasons(List<String> reasons, String actor, Instant now) {
        requireInReview();
        return new CatalogEntry(id, versions,
                working.with(WorkingState.RETURNED, reasons, working.submittedAt()), withdrawal, filing,
                append(new HistoryEntry(now, actor, "returned", working.version(), List.of(), reasons)));
    }

    CatalogEntry requestWithdrawal(String reasons, String actor, Instant now) {
        if (status() != EntryStatus.PUBLISHED) {
            throw conflict("not-published", "Only a published entry can be withdrawn; " + id + " is " + status());
        }
        if (working != null && working.state() != WorkingState.DRAFT && working.state() != WorkingState.RETURNED) {
            throw conflict("entry-in-review", "A change of " + id + " is with the bureau; withdraw after its decision");
        }
        return new CatalogEntry(id, versions, working,
                new Withdrawal(WithdrawalState.REQUESTED, reasons, actor, now, null, null, null), filing,
                append(new HistoryEntry(now, actor, "withdrawal requested", publishedVersion(), List.of(), List.of(reasons))));
    }

    CatalogEntry decideWithdrawal(boolean approve, String reasons, String actor, Instant now) {
        if (status() != EntryStatus.WITHDRAWAL_REQUESTED) {
            throw conflict("no-withdrawal-request", "Entry " + id + " has no pending withdrawal request");
        }
        var decided = new Withdrawal(approve ? WithdrawalState.APPROVED : WithdrawalState.REJECTED, withdrawal.reasons(),
                withdrawal.requestedBy(), withdrawal.requestedAt(), actor, now, reasons);
        return new CatalogEntry(id, versions, approve ? null : working,
                decided, filing, append(new HistoryEntry(now, actor, approve ? "withdrawn" : "withdrawal rejected",
                publishedVersion(), List.of(), reasons == null ? List.of() : List.of(reasons))));
    }

    private void requireWorking(WorkingState state) {
        if (working == null || working.state() != state) {
            throw conflict("wrong-state", "Entry " + id + " is " + status() + (working == null ? "" : " (version "
                    + working.version() + " " + working.state() + ")") + ", not " + state);
        }
    }

    private void requireInReview() {
        if (working == null || !(working.state() == WorkingState.SUBMITTED || working.state() == WorkingState.UNDER_REVIEW)) {
            throw conflict("not-in-review", "Entry " + id + " has no version waiting for review");
        }
    }

    private List<HistoryEntry> append(HistoryEntry entry) {
        List<HistoryEntry> next = new ArrayList<>(history);
        next.add(entry);
        return next;
    }

    private static PlatformException conflict(String slug, String detail) {
        return PlatformException.conflict(slug, detail);
    }
}
