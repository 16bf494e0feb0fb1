package cn.govdata.catalog.entry;

import cn.govdata.platform.deadline.DeadlineRegistry;
import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The data bureau reviews submitted versions (NT 10, QY 12): approves them or returns them with reasons. */
@Service
class ReviewingEntries {

    private static final Logger log = LoggerFactory.getLogger(ReviewingEntries.class);

    enum Decision {
        APPROVE, RETURN
    }

    private final Entries entries;
    private final CatalogEvents events;
    private final DeadlineRegistry deadlines;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    ReviewingEntries(Entries entries, CatalogEvents events, DeadlineRegistry deadlines, ApplicationEventPublisher publisher,
                     Clock clock) {
        this.entries = entries;
        this.publisher = publisher;
        this.events = events;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    CatalogEntry startReview(String id, Caller bureau) {
        EntryAccess.requireBureau(bureau);
        EntryDocument loaded = entries.get(id);
        CatalogEntry next = loaded.entry().startReview(bureau.actor(), clock.instant());
        return entries.update(loaded, next, List.of()).entry();
    }

    CatalogEntry decide(String id, Decision decision, List<String> reasons, Caller bureau) {
        EntryAccess.requireBureau(bureau);
        if (decision == Decision.RETURN && (reasons == null || reasons.stream().allMatch(String::isBlank))) {
            throw Refusal.invalidField("reasons", "a returned entry needs at least one reason");
        }
        EntryDocument loaded = entries.get(id);
        CatalogEntry before = loaded.entry();
        Instant now = clock.instant();
        String step = CataloguingEntries.reviewStep(before);
        CatalogEntry next;
        if (decision == Decision.APPROVE) {
            next = before.approve(bureau.actor(), now);
            entries.update(loaded, next, List.of(events.approved(before, next, bureau.actor())));
            publisher.publishEvent(new EntryPublished(next));
        } else {
            next = before.returnWithReasons(reasons.stream().filter(r -> !r.isBlank()).map(String::strip).toList(), bureau.actor(), now);
            entries.update(loaded, next, List.of(events.returned(next, bureau.actor(), now)));
        }
        deadlines.complete("catalog-review", step, id);
        log.info("Entry {} {} by {}", id, decision == Decision.APPROVE ? "approved" : "returned", bureau.actor());
        return next;
    }
}
