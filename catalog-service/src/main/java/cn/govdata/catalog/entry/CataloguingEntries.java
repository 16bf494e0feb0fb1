package cn.govdata.catalog.entry;

import cn.govdata.catalog.department.Departments;
import cn.govdata.platform.deadline.DeadlineRegistry;
import cn.govdata.platform.deadline.DeadlineRequest;
import cn.govdata.platform.deadline.ExpiryAction;
import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import cn.govdata.policy.EntryFiling;
import cn.govdata.policy.JurisdictionProfile;
import cn.govdata.policy.Rule;
import cn.govdata.policy.RuleKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** A department's data officer drafts, edits and submits its catalog entries. */
@Service
public class CataloguingEntries {

    private static final Logger log = LoggerFactory.getLogger(CataloguingEntries.class);

    private final Entries entries;
    private final Departments departments;
    private final CatalogEvents events;
    private final DeadlineRegistry deadlines;
    private final JurisdictionProfile profile;
    private final Clock clock;
    private final String bureauDepartment;

    CataloguingEntries(Entries entries, Departments departments, CatalogEvents events, DeadlineRegistry deadlines,
                       JurisdictionProfile profile, Clock clock,
                       BureauProperties bureau) {
        this.entries = entries;
        this.profile = profile;
        this.departments = departments;
        this.events = events;
        this.deadlines = deadlines;
        this.clock = clock;
        this.bureauDepartment = bureau.bureauDepartment();
    }

    CatalogEntry create(EntryRequest request, Caller officer) {
        CatalogEntry entry = newDraft(request.toContent(), officer);
        entries.insert(entry, List.of());
        log.info("Entry {} drafted by {}", entry.id(), officer.actor());
        return entry;
    }

    /** Validates ownership and references, assigns the resource code; stores nothing. */
    public CatalogEntry newDraft(EntryContent content, Caller officer) {
        EntryAccess.requireOfficerOf(officer, content.providerDepartment());
        requireKnownDepartments(content);
        String code = ResourceCodes.format(content, entries.nextSequence(content.providerDepartment()));
        return CatalogEntry.draft(code, content, officer.actor(), clock.instant());
    }

    public CatalogEntry edit(String id, EntryRequest request, Caller officer) {
        EntryDocument loaded = entries.get(id);
        CatalogEntry entry = loaded.entry();
        EntryAccess.requireOfficerOf(officer, entry.providerDepartment());
        EntryContent content = request.toContent();
        if (!content.providerDepartment().equals(entry.providerDepartment())) {
            throw Refusal.invalidField("providerDepartment", "cannot move an entry to another department");
        }
        if (content.category() != entry.current().category() || !content.classCode().equals(entry.current().classCode())
                || !content.itemCode().equals(entry.current().itemCode())) {
            throw Refusal.invalidField("category", "the classification is part of the resource code " + id
                    + " and cannot change; withdraw the entry and catalogue it anew");
        }
        requireKnownDepartments(content);
        CatalogEntry next = entry.edit(content, officer.actor(), clock.instant());
        return next == entry ? entry : entries.update(loaded, next, List.of()).entry();
    }

    public CatalogEntry submit(String id, Caller officer) {
        EntryDocument loaded = entries.get(id);
        EntryAccess.requireOfficerOf(officer, loaded.entry().providerDepartment());
        Instant now = clock.instant();
        // Restricted versions are filed with the bureau as they are submitted; which ones is the
        // profile's entry-filing rule (SY 23: conditional and not-shared; NT 8, QY 14: not-shared).
        Rule<EntryFiling> filing = profile.entryFiling();
        CatalogEntry next = loaded.entry().submit(officer.actor(), now, filing.value(), filing.citation());
        // One deadline per submission: the bureau reviews within the profile's days (QY 12).
        var deadline = deadlines.register(DeadlineRequest.forStep("catalog-review", reviewStep(next), id)
                .responsible(bureauDepartment, next.working().content().region())
                .within(now, RuleKey.CATALOG_REVIEW)
                .onExpiry(ExpiryAction.MARK_OVERDUE));
        entries.update(loaded, next, List.of(events.submitted(next, officer.actor(), deadline.dueAt())));
        log.info("Entry {} version {} submitted by {}; review due {}", id, next.working().version(), officer.actor(), deadline.dueAt());
        return next;
    }

    /** Deletes a first draft that never went to the bureau; anything submitted is kept forever. */
    void discard(String id, Caller officer) {
        EntryDocument loaded = entries.get(id);
        CatalogEntry entry = loaded.entry();
        EntryAccess.requireOfficerOf(officer, entry.providerDepartment());
        boolean neverSubmitted = entry.history().stream().noneMatch(h -> h.action().equals("submitted"));
        if (!neverSubmitted) {
            throw Refusal.conflict("kept-forever", "Entry " + id + " was submitted once and can only be withdrawn");
        }
        entries.deleteNeverSubmitted(id, loaded.version());
    }

    static String reviewStep(CatalogEntry entry) {
        long submissions = entry.history().stream().filter(h -> h.action().equals("submitted")).count();
        return "review-" + submissions;
    }

    private void requireKnownDepartments(EntryContent c) {
        check("providerDepartment", c.providerDepartment());
        check("collectingDepartment", c.collectingDepartment());
        check("approvingDepartment", c.approvingDepartment());
        check("providingDepartment", c.providingDepartment());
    }

    private void check(String field, String code) {
        if (code != null && !departments.exists(code)) {
            throw Refusal.invalidField(field, "no department with code '" + code + "' is registered");
        }
    }
}
