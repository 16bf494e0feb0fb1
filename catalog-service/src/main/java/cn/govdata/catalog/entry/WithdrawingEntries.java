package cn.govdata.catalog.entry;

import cn.govdata.platform.deadline.DeadlineRegistry;
import cn.govdata.platform.deadline.DeadlineRequest;
import cn.govdata.platform.deadline.ExpiryAction;
import cn.govdata.platform.security.Caller;
import cn.govdata.policy.RuleKey;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A published entry may not simply disappear (NT 16, SY 27): the provider asks with reasons, the
 * subscribers are told at once, and only the bureau's approval withdraws it.
 */
@Service
class WithdrawingEntries {

    private final Entries entries;
    private final CatalogEvents events;
    private final DeadlineRegistry deadlines;
    private final Clock clock;
    private final String bureauDepartment;

    WithdrawingEntries(Entries entries, CatalogEvents events, DeadlineRegistry deadlines, Clock clock,
                       @Value("${govdata.catalog.bureau-department:BDB}") String bureauDepartment) {
        this.entries = entries;
        this.events = events;
        this.deadlines = deadlines;
        this.clock = clock;
        this.bureauDepartment = bureauDepartment;
    }

    CatalogEntry request(String id, String reasons, Caller officer) {
        EntryDocument loaded = entries.get(id);
        EntryAccess.requireOfficerOf(officer, loaded.entry().providerDepartment());
        Instant now = clock.instant();
        CatalogEntry next = loaded.entry().requestWithdrawal(reasons.strip(), officer.actor(), now);
        var deadline = deadlines.register(DeadlineRequest.forStep("catalog-withdrawal", "decision-" + now.toEpochMilli(), id)
                .responsible(bureauDepartment, next.published().region())
                .within(now, RuleKey.CATALOG_REVIEW)
                .onExpiry(ExpiryAction.MARK_OVERDUE));
        entries.update(loaded, next, List.of(events.withdrawalRequested(next, deadline.dueAt())));
        return next;
    }

    CatalogEntry decide(String id, boolean approve, String reasons, Caller bureau) {
        EntryAccess.requireBureau(bureau);
        EntryDocument loaded = entries.get(id);
        CatalogEntry before = loaded.entry();
        CatalogEntry next = before.decideWithdrawal(approve, reasons, bureau.actor(), clock.instant());
        entries.update(loaded, next, List.of(events.withdrawalDecided(next)));
        if (before.withdrawal() != null) {
            deadlines.complete("catalog-withdrawal", "decision-" + before.withdrawal().requestedAt().toEpochMilli(), id);
        }
        return next;
    }
}
