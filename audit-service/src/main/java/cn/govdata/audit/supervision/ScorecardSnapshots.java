package cn.govdata.audit.supervision;

import cn.govdata.domain.Refusal;
import cn.govdata.events.AuditEventTypes;
import cn.govdata.events.audit.AuditEvents;
import cn.govdata.platform.config.GovdataPlatformAutoConfiguration;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.outbox.OutboxCollection;
import cn.govdata.platform.outbox.OutboxMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The monthly supervision results (SY 12 定期通报, QY 47): at the start of each month the scorecards
 * of the month before are taken, kept unchanged and published, one {@code ScorecardPublished} event
 * per department. A snapshot is written once; the bureau can take a missing one early by hand.
 */
@Component
public class ScorecardSnapshots {

    static final String COLLECTION = "scorecard_snapshots";
    private static final Logger log = LoggerFactory.getLogger(ScorecardSnapshots.class);

    private final MongoTemplate mongo;
    private final Scorecards scorecards;
    private final Events events;
    private final Clock clock;

    ScorecardSnapshots(MongoTemplate mongo, Scorecards scorecards, Events events, Clock clock) {
        this.mongo = mongo;
        this.scorecards = scorecards;
        this.events = events;
        this.clock = clock;
    }

    /** Looks whether last month's snapshot is missing; checks often so a service down at month start catches up. */
    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${govdata.audit.scorecards.snapshot-check:PT10M}")
    void takeLastMonthsIfMissing() {
        YearMonth last = YearMonth.from(clock.instant().atZone(GovdataPlatformAutoConfiguration.CHINA)).minusMonths(1);
        if (mongo.findById(last.toString(), Snapshot.class) == null) {
            try {
                take(last, "scheduler");
            } catch (Refusal alreadyTaken) {
                // Another replica was first.
            } catch (RuntimeException e) {
                log.warn("Taking the scorecard snapshot of {} failed; retried at the next check: {}", last, e.toString());
            }
        }
    }

    /** @throws Refusal 409 when the month's snapshot exists, 400 for a month that has not begun */
    public Snapshot take(YearMonth month, String takenBy) {
        Instant now = clock.instant();
        Instant start = month.atDay(1).atStartOfDay(GovdataPlatformAutoConfiguration.CHINA).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(GovdataPlatformAutoConfiguration.CHINA).toInstant();
        if (start.isAfter(now)) {
            throw Refusal.invalidField("month", month + " has not begun");
        }
        List<Scorecards.Scorecard> cards = scorecards.all(start, end);
        List<OutboxMessage> published = cards.stream().map(c -> events.create(AuditEventTypes.SCORECARD_PUBLISHED,
                month + ":" + c.department(), c.department(), null, new AuditEvents.ScorecardPublished(month.toString(),
                        c.department(), c.overall(), c.items(), start, end, c.jurisdiction(), now))).toList();
        Snapshot snapshot = new Snapshot(month.toString(), start, end, now, takenBy, end.isAfter(now), cards, published);
        try {
            mongo.insert(snapshot);
        } catch (DuplicateKeyException exists) {
            throw Refusal.conflict("snapshot-exists", "The scorecard snapshot of " + month
                    + " was already taken; published results are not replaced");
        }
        log.info("Scorecard snapshot {} taken by {}: {} departments", month, takenBy, cards.size());
        return snapshot;
    }

    public Optional<Snapshot> find(String month) {
        return Optional.ofNullable(mongo.findById(month, Snapshot.class));
    }

    public List<String> months() {
        Query query = new Query();
        query.fields().include("_id");
        return mongo.find(query, org.bson.Document.class, COLLECTION).stream().map(d -> d.getString("_id"))
                .sorted(Comparator.reverseOrder()).toList();
    }

    /**
     * @param provisional taken before the month ended (by hand): figures cover the month so far
     */
    @Document(COLLECTION)
    public record Snapshot(@Id String month, Instant periodStart, Instant periodEnd, Instant takenAt, String takenBy,
                           boolean provisional, List<Scorecards.Scorecard> scorecards, List<OutboxMessage> outbox) {
    }

    @Configuration(proxyBeanMethods = false)
    static class Outbox {
        @Bean
        OutboxCollection scorecardSnapshotsOutbox() {
            return new OutboxCollection(COLLECTION);
        }
    }
}
