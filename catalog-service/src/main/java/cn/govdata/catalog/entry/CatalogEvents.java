package cn.govdata.catalog.entry;

import cn.govdata.events.EventTypes;
import cn.govdata.events.catalog.CatalogEntryEvents;
import cn.govdata.events.catalog.CatalogEntrySnapshot;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.outbox.OutboxMessage;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** Builds the catalog's lifecycle events (govdata.catalog.v1) from entry states. */
@Component
class CatalogEvents {

    private final Events events;

    CatalogEvents(Events events) {
        this.events = events;
    }

    OutboxMessage submitted(CatalogEntry e, String actor, Instant reviewDueAt) {
        var w = e.working();
        return events.create(EventTypes.CATALOG_ENTRY_SUBMITTED, e.id(), e.providerDepartment(), w.content().region(),
                new CatalogEntryEvents.Submitted(e.id(), w.version(), e.providerDepartment(), w.content().name(),
                        w.content().shareType().name(), actor, w.submittedAt(), reviewDueAt));
    }

    OutboxMessage returned(CatalogEntry e, String actor, Instant at) {
        var w = e.working();
        return events.create(EventTypes.CATALOG_ENTRY_RETURNED, e.id(), e.providerDepartment(), w.content().region(),
                new CatalogEntryEvents.Returned(e.id(), w.version(), e.providerDepartment(), w.content().name(),
                        w.returnReasons(), actor, at, w.submittedAt()));
    }

    /** Published for a first version, Changed for later ones. */
    OutboxMessage approved(CatalogEntry before, CatalogEntry after, String actor) {
        Instant submittedAt = before.working().submittedAt();
        var snapshot = snapshot(after.id(), after.publishedVersion(), after.published());
        if (before.publishedVersion() == 0) {
            return events.create(EventTypes.CATALOG_ENTRY_PUBLISHED, after.id(), after.providerDepartment(),
                    after.published().region(), new CatalogEntryEvents.Published(snapshot, actor, after.publishedAt(), submittedAt));
        }
        var changes = EntryDiff.between(before.published(), after.published());
        var previousItems = before.published().dataItems().stream().map(EntryContent.DataItem::name).toList();
        var currentItems = after.published().dataItems().stream().map(EntryContent.DataItem::name).toList();
        var removed = previousItems.stream().filter(n -> !currentItems.contains(n)).toList();
        return events.create(EventTypes.CATALOG_ENTRY_CHANGED, after.id(), after.providerDepartment(),
                after.published().region(), new CatalogEntryEvents.Changed(snapshot, before.publishedVersion(),
                        changes.stream().map(c -> new CatalogEntryEvents.Change(c.field(), c.before(), c.after())).toList(),
                        removed, actor, after.publishedAt(), submittedAt));
    }

    OutboxMessage withdrawalRequested(CatalogEntry e, Instant decisionDueAt) {
        var w = e.withdrawal();
        return events.create(EventTypes.CATALOG_ENTRY_WITHDRAWAL_REQUESTED, e.id(), e.providerDepartment(),
                e.published().region(), new CatalogEntryEvents.WithdrawalRequested(e.id(), e.publishedVersion(),
                        e.providerDepartment(), e.published().name(), w.reasons(), w.requestedBy(), w.requestedAt(), decisionDueAt));
    }

    /** SY 27: subscribers learn of the filed withdrawal, and when it takes effect, at once. */
    OutboxMessage withdrawalFiled(CatalogEntry e) {
        var w = e.withdrawal();
        return events.create(EventTypes.CATALOG_ENTRY_WITHDRAWAL_FILED, e.id(), e.providerDepartment(),
                e.published().region(), new CatalogEntryEvents.WithdrawalFiled(e.id(), e.publishedVersion(),
                        e.providerDepartment(), e.published().name(), w.reasons(), w.requestedBy(), w.requestedAt(),
                        w.effectiveAt(), w.citation()));
    }

    /** Withdrawn, whether the bureau approved it (NT 16) or a filed withdrawal took effect (SY 27). */
    OutboxMessage withdrawalDecided(CatalogEntry e) {
        var w = e.withdrawal();
        if (w.state() == CatalogEntry.WithdrawalState.APPROVED || w.state() == CatalogEntry.WithdrawalState.EFFECTIVE) {
            return events.create(EventTypes.CATALOG_ENTRY_WITHDRAWN, e.id(), e.published().providerDepartment(),
                    e.published().region(), new CatalogEntryEvents.Withdrawn(e.id(), e.publishedVersion(),
                            e.published().providerDepartment(), e.published().name(), w.reasons(), w.decidedBy(), w.decidedAt()));
        }
        return events.create(EventTypes.CATALOG_ENTRY_WITHDRAWAL_REJECTED, e.id(), e.providerDepartment(),
                e.published().region(), new CatalogEntryEvents.WithdrawalRejected(e.id(), e.publishedVersion(),
                        e.providerDepartment(), e.published().name(), w.decisionReasons(), w.decidedBy(), w.decidedAt()));
    }

    static CatalogEntrySnapshot snapshot(String id, int version, EntryContent c) {
        return new CatalogEntrySnapshot(id, version, c.name(), c.summary(), c.providerDepartment(), c.sourceSystem(),
                c.category().name(), c.basicKind() == null ? null : c.basicKind().name(),
                c.formats().stream().map(Enum::name).toList(),
                c.dataItems().stream().map(i -> new CatalogEntrySnapshot.DataItem(i.name(), i.type().name(), i.length(),
                        i.description(), i.personal(), i.sensitive())).toList(),
                c.shareType().name(), c.shareConditions(), c.shareScope(), c.shareMethods().stream().map(Enum::name).toList(),
                c.openType().name(), c.openConditions(), c.openReason(), c.openLegalBasis(), c.obtainedBySharing(), c.updateFrequency().name(),
                c.topic(), c.industry(), c.region(), c.grade().name(), c.priorityDomains());
    }
}
