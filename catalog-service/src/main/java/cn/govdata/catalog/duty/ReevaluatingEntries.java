package cn.govdata.catalog.duty;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.catalog.entry.CatalogEntry;
import cn.govdata.catalog.entry.EntryContent;
import cn.govdata.catalog.entry.EntryPublished;
import cn.govdata.catalog.entry.EntryStatus;
import cn.govdata.catalog.entry.Entries;
import cn.govdata.platform.deadline.DeadlineRegistry;
import cn.govdata.platform.deadline.DeadlineRequest;
import cn.govdata.platform.deadline.ExpiryAction;
import cn.govdata.policy.Deadlines;
import cn.govdata.policy.JurisdictionProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Periodic re-evaluation of restricted data (SY 31: conditional and not-shared sharing; SY 37:
 * conditional and not-open opening; 定期进行评估), where the profile's
 * {@code restricted-data-reevaluation} rule is on. A published entry with a restricted share or open
 * type gets a {@link DutyTrigger#RESTRICTED_REEVALUATION} duty, due when the profile's
 * {@code restricted-data-reevaluation-interval} has run from its publication or its last evaluation.
 * At most one such duty per entry waits for an outcome at a time; the provider records the outcome
 * with {@code POST /api/catalog/duties/{id}/fulfil}. Other profiles open none.
 */
@Service
class ReevaluatingEntries {

    static final String SHARING_CITATION = "SY 31";
    static final String OPENING_CITATION = "SY 37";

    private static final Logger log = LoggerFactory.getLogger(ReevaluatingEntries.class);

    private final Duties duties;
    private final Entries entries;
    private final DeadlineRegistry deadlines;
    private final DutyEvents events;
    private final JurisdictionProfile profile;
    private final WorkingDayCalendar calendar;
    private final Clock clock;

    ReevaluatingEntries(Duties duties, Entries entries, DeadlineRegistry deadlines, DutyEvents events,
                        JurisdictionProfile profile, WorkingDayCalendar calendar, Clock clock) {
        this.duties = duties;
        this.entries = entries;
        this.deadlines = deadlines;
        this.events = events;
        this.profile = profile;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** The article(s) a published content's restrictions fall under; empty when nothing is restricted. */
    static List<String> citations(EntryContent content) {
        List<String> citations = new ArrayList<>();
        if (content.shareType() != EntryContent.ShareType.UNCONDITIONAL) {
            citations.add(SHARING_CITATION);
        }
        if (content.openType() != EntryContent.OpenType.UNCONDITIONAL) {
            citations.add(OPENING_CITATION);
        }
        return citations;
    }

    @EventListener
    void on(EntryPublished published) {
        CatalogEntry entry = published.entry();
        openIfDue(entry, entry.publishedAt());
    }

    /**
     * After an evaluation: kept restricted, the next one is due an interval from now; after a type
     * change, from the new version's publication, which opens it itself unless it was published first.
     */
    void evaluated(CatalogDuty duty) {
        for (String entryId : duty.entryIds()) {
            entries.findEntry(entryId).ifPresent(entry -> {
                if (duty.outcome() == ReevaluationOutcome.KEEP_RESTRICTED) {
                    openIfDue(entry, duty.fulfilledAt());
                } else if (entry.working() == null) {
                    openIfDue(entry, entry.publishedAt());
                }
            });
        }
    }

    /** Opens the entry's next re-evaluation duty, due an interval after {@code basis}, if the rule applies. */
    void openIfDue(CatalogEntry entry, Instant basis) {
        if (!profile.restrictedDataReevaluation().value() || entry.status() != EntryStatus.PUBLISHED || basis == null) {
            return;
        }
        List<String> citations = citations(entry.published());
        if (citations.isEmpty() || duties.pendingReevaluation(entry.id()).isPresent()) {
            return;
        }
        String citation = String.join(", ", citations);
        String id = "REEVAL-" + entry.id() + "-" + basis.toEpochMilli();
        Instant due = Deadlines.due(calendar, basis, profile.restrictedDataReevaluationInterval());
        String region = entry.published().region();
        deadlines.register(DeadlineRequest.forStep(OpeningDuties.PROCESS, OpeningDuties.STEP, id)
                .responsible(entry.providerDepartment(), region).dueAt(due).citing(citation)
                .onExpiry(ExpiryAction.MARK_OVERDUE));
        CatalogDuty duty = CatalogDuty.open(id, entry.providerDepartment(), region, DutyTrigger.RESTRICTED_REEVALUATION,
                "定期评估受限数据资源「" + entry.published().name() + "」（" + restriction(entry.published())
                        + "）是否仍须限制（" + citation + "）", null, null, List.of(entry.id()), "restricted-data-reevaluation",
                clock.instant(), due, citation);
        try {
            duties.insert(duty, events.opened(duty));
            log.info("Re-evaluation duty {} opened for {} of {}, due {} per {}", id, entry.id(), entry.providerDepartment(),
                    due, citation);
        } catch (DuplicateKeyException alreadyOpened) {
            log.debug("Re-evaluation duty {} exists already", id);
        }
    }

    private static String restriction(EntryContent c) {
        List<String> parts = new ArrayList<>();
        if (c.shareType() == EntryContent.ShareType.CONDITIONAL) {
            parts.add("有条件共享");
        } else if (c.shareType() == EntryContent.ShareType.NOT_SHARED) {
            parts.add("不予共享");
        }
        if (c.openType() == EntryContent.OpenType.CONDITIONAL) {
            parts.add("有条件开放");
        } else if (c.openType() == EntryContent.OpenType.NOT_OPEN) {
            parts.add("不予开放");
        }
        return String.join("、", parts);
    }
}
