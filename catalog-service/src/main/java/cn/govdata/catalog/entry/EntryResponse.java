package cn.govdata.catalog.entry;

import java.time.Instant;
import java.util.List;

/**
 * An entry as a caller may see it. {@code content} is the published version for readers; the
 * owning department and the bureau also get {@code pendingChange} (the working copy).
 */
record EntryResponse(String id, String resourceCode, EntryStatus status, int publishedVersion, Instant publishedAt,
                     EntryContent content, PendingChange pendingChange, Withdrawal withdrawal, Filing filing) {

    record PendingChange(int version, CatalogEntry.WorkingState state, List<String> returnReasons, Instant submittedAt,
                         EntryContent content) {
    }

    record Withdrawal(CatalogEntry.WithdrawalState state, String reasons, String requestedBy, Instant requestedAt,
                      String decidedBy, Instant decidedAt, String decisionReasons, Instant effectiveAt, String citation) {
    }

    record Filing(Instant filedAt, String filedBy, String legalBasis, EntryContent.ShareType shareType, Integer version,
                  String citation) {
        static Filing of(CatalogEntry.Filing f) {
            return f == null ? null : new Filing(f.filedAt(), f.filedBy(), f.legalBasis(), f.shareType(), f.version(), f.citation());
        }
    }

    static EntryResponse of(CatalogEntry e, boolean insider) {
        var w = e.working();
        PendingChange pending = insider && w != null
                ? new PendingChange(w.version(), w.state(), w.returnReasons(), w.submittedAt(), w.content()) : null;
        EntryContent content = e.published() != null ? e.published() : (insider && w != null ? w.content() : null);
        var wd = e.withdrawal();
        return new EntryResponse(e.id(), e.id(), e.status(), e.publishedVersion(), e.publishedAt(), content, pending,
                wd == null ? null : new Withdrawal(wd.state(), wd.reasons(), wd.requestedBy(), wd.requestedAt(),
                        wd.decidedBy(), wd.decidedAt(), wd.decisionReasons(), wd.effectiveAt(), wd.citation()),
                Filing.of(e.filing()));
    }
}
