package cn.govdata.catalog.entry;

import cn.govdata.domain.DomainModel;
import cn.govdata.domain.Refusal;
import cn.govdata.policy.EntryFiling;

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
@DomainModel
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

    /**
     * REQUESTED → APPROVED or REJECTED by the bureau (NT 16); FILED → EFFECTIVE at its effective
     * time without a decision (SY 27).
     */
    public enum WithdrawalState {
        REQUESTED, APPROVED, REJECTED, FILED, EFFECTIVE
    }

    /**
     * @param effectiveAt for a filed withdrawal (SY 27), when it takes effect; null for a request the bureau decides
     * @param citation    the article the withdrawal follows, e.g. {@code SY 27}; null for records stored before it was kept
     */
    public record Withdrawal(WithdrawalState state, String reasons, String requestedBy, Instant requestedAt,
                      String decidedBy, Instant decidedAt, String decisionReasons, Instant effectiveAt, String citation) {

        public Withdrawal(WithdrawalState state, String reasons, String requestedBy, Instant requestedAt,
                          String decidedBy, Instant decidedAt, String decisionReasons) {
            this(state, reasons, requestedBy, requestedAt, decidedBy, decidedAt, decisionReasons, null, null);
        }
    }

    /**
     * 备案: a restricted entry filed with the data bureau together with its legal basis; which share
     * types are filed is the profile's {@code entry-filing} rule (NT 8 and QY 14: not-shared; SY 23:
     * conditional and not-shared).
     *
     * @param shareType the share type of the version filed
     * @param version   the version filed
     * @param citation  the article that required the filing; null for filings stored before it was kept
     */
    public record Filing(Instant filedAt, String filedBy, String legalBasis, EntryContent.ShareType shareType,
                         Integer version, String citation) {
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
        if (withdrawal != null && (withdrawal.state() == WithdrawalState.APPROVED || withdrawal.state() == WithdrawalState.EFFECTIVE)) {
            return EntryStatus.WITHDRAWN;
        }
        // A filed withdrawal keeps the entry visible and usable until its effective time (SY 27).
        if (withdrawal != null && (withdrawal.state() == WithdrawalState.REQUESTED || withdrawal.state() == WithdrawalState.FILED)) {
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

    /** Submits under the platform default filing rule (not-shared entries are filed, NT 8). */
    CatalogEntry submit(String actor, Instant now) {
        return submit(actor, now, EntryFiling.NOT_SHARED, "NT 8");
    }

    /**
     * Sends the working copy to the bureau. A version whose share type the profile's
     * {@code entry-filing} rule names is filed (备案) with its legal basis at the same time (SY 23:
     * conditional and not-shared; NT 8, QY 14: not-shared); otherwise the last filing stays on record.
     *
     * @param citation the article of the filing rule, or null where it is a platform default
     */
    CatalogEntry submit(String actor, Instant now, EntryFiling filingRule, String citation) {
        if (working == null || !(working.state() == WorkingState.DRAFT || working.state() == WorkingState.RETURNED)) {
            throw conflict("nothing-to-submit", "Entry " + id + " has no draft or returned version to submit");
        }
        List<EntryRules.Violation> violations = EntryRules.check(working.content());
        if (!violations.isEmpty()) {
            throw EntryValidation.failed(violations);
        }
        Filing newFiling = filing;
        EntryContent.ShareType shareType = working.content().shareType();
        if (filed(filingRule, shareType)) {
            newFiling = new Filing(now, actor, working.content().shareLegalBasis(), shareType, working.version(), citation);
        }
        return new CatalogEntry(id, versions,
                working.with(WorkingState.SUBMITTED, List.of(), now), withdrawal, newFiling,
                append(new HistoryEntry(now, actor, "submitted", working.version(), List.of(), List.of())));
    }

    /** Whether the filing rule files a version of this share type with the bureau. */
    static boolean filed(EntryFiling rule, EntryContent.ShareType shareType) {
        return switch (rule) {
            case NONE -> false;
            case NOT_SHARED -> shareType == EntryContent.ShareType.NOT_SHARED;
            case CONDITIONAL_AND_NOT_SHARED -> shareType == EntryContent.ShareType.NOT_SHARED
                    || shareType == EntryContent.ShareType.CONDITIONAL;
        };
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
        requireWithdrawable();
        return new CatalogEntry(id, versions, working,
                new Withdrawal(WithdrawalState.REQUESTED, reasons, actor, now, null, null, null), filing,
                append(new HistoryEntry(now, actor, "withdrawal requested", publishedVersion(), List.of(), List.of(reasons))));
    }

    /**
     * SY 27: the provider states its reasons and files the withdrawal with the bureau ahead of
     * {@code effectiveAt}; no approval follows, the withdrawal takes effect then.
     */
    CatalogEntry fileWithdrawal(String reasons, Instant effectiveAt, String citation, String actor, Instant now) {
        requireWithdrawable();
        if (!effectiveAt.isAfter(now)) {
            throw new IllegalArgumentException("A filed withdrawal takes effect after its filing");
        }
        return new CatalogEntry(id, versions, working,
                new Withdrawal(WithdrawalState.FILED, reasons, actor, now, null, null, null, effectiveAt, citation), filing,
                append(new HistoryEntry(now, actor, "withdrawal filed", publishedVersion(), List.of(), List.of(reasons))));
    }

    /** A filed withdrawal reached its effective time (SY 27); repeated calls are refused, not repeated. */
    CatalogEntry withdrawalTakesEffect(String actor, Instant now) {
        if (withdrawal == null || withdrawal.state() != WithdrawalState.FILED) {
            throw conflict("no-filed-withdrawal", "Entry " + id + " has no filed withdrawal waiting to take effect");
        }
        var effective = new Withdrawal(WithdrawalState.EFFECTIVE, withdrawal.reasons(), withdrawal.requestedBy(),
                withdrawal.requestedAt(), actor, now, null, withdrawal.effectiveAt(), withdrawal.citation());
        return new CatalogEntry(id, versions, null, effective, filing,
                append(new HistoryEntry(now, actor, "withdrawn", publishedVersion(), List.of(), List.of(withdrawal.reasons()))));
    }

    private void requireWithdrawable() {
        if (status() != EntryStatus.PUBLISHED) {
            throw conflict("not-published", "Only a published entry can be withdrawn; " + id + " is " + status());
        }
        if (working != null && working.state() != WorkingState.DRAFT && working.state() != WorkingState.RETURNED) {
            throw conflict("entry-in-review", "A change of " + id + " is with the bureau; withdraw after its decision");
        }
    }

    CatalogEntry decideWithdrawal(boolean approve, String reasons, String actor, Instant now) {
        if (withdrawal == null || withdrawal.state() != WithdrawalState.REQUESTED) {
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

    private static Refusal conflict(String slug, String detail) {
        return Refusal.conflict(slug, detail);
    }
}
