package cn.govdata.sharing.exchange;

import cn.govdata.sharing.grant.Grants;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Records delivered per grant per day (for the daily quota) and each grant's last use, kept off the
 * hot path: calls count in memory, a background flush adds the counts to collection
 * {@code exchange_usage} every {@code usage-flush} and reads back the total of all replicas, and
 * writes a grant's {@code lastUsedAt} at most every {@code touch-interval}. A replica's view of the
 * quota therefore lags the other replicas by one flush; a crash loses at most one flush of counts.
 */
@Component
class UsageLedger implements SmartLifecycle {

    static final String COLLECTION = "exchange_usage";
    private static final Logger log = LoggerFactory.getLogger(UsageLedger.class);

    private static final class Day {
        final AtomicLong flushedTotal = new AtomicLong();
        final LongAdder unflushed = new LongAdder();
        final LocalDate date;

        Day(LocalDate date, long total) {
            this.date = date;
            this.flushedTotal.set(total);
        }

        long used() {
            return flushedTotal.get() + unflushed.sum();
        }
    }

    private final MongoTemplate mongo;
    private final Grants grants;
    private final Clock clock;
    private final ExchangeProperties.AccessLog settings;
    private final Map<String, Day> days = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastUse = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastTouched = new ConcurrentHashMap<>();
    private ScheduledExecutorService flusher;
    private volatile boolean running;

    UsageLedger(MongoTemplate mongo, Grants grants, Clock clock, ExchangeProperties properties) {
        this.mongo = mongo;
        this.grants = grants;
        this.clock = clock;
        this.settings = properties.accessLog();
    }

    /** Records delivered today under the grant, by every replica as of the last flush plus this one's since. */
    long usedToday(String grantId) {
        return day(grantId, LocalDate.now(clock)).used();
    }

    void used(String grantId, int records, Instant at) {
        if (records > 0) {
            day(grantId, LocalDate.now(clock)).unflushed.add(records);
        }
        lastUse.merge(grantId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    private Day day(String grantId, LocalDate date) {
        String key = id(grantId, date);
        Day day = days.get(key);
        if (day != null) {
            return day;
        }
        // First use of the grant today in this replica: start from what the others counted.
        return days.computeIfAbsent(key, k -> {
            Document stored = mongo.findById(k, Document.class, COLLECTION);
            return new Day(date, stored == null ? 0 : ((Number) stored.getOrDefault("records", 0)).longValue());
        });
    }

    void flush() {
        LocalDate today = LocalDate.now(clock);
        for (Map.Entry<String, Day> entry : days.entrySet()) {
            Day day = entry.getValue();
            long delta = day.unflushed.sumThenReset();
            if (delta > 0) {
                try {
                    Document total = mongo.findAndModify(Query.query(Criteria.where("_id").is(entry.getKey())),
                            new Update().inc("records", delta).setOnInsert("day", day.date.toString())
                                    .setOnInsert("grantId", entry.getKey().substring(0, entry.getKey().lastIndexOf('|'))),
                            FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION);
                    if (total != null) {
                        day.flushedTotal.set(((Number) total.get("records")).longValue());
                    }
                } catch (RuntimeException e) {
                    day.unflushed.add(delta);
                    throw e;
                }
            }
            if (day.date.isBefore(today) && day.unflushed.sum() == 0) {
                days.remove(entry.getKey(), day);
            }
        }
        Instant now = clock.instant();
        for (Map.Entry<String, Instant> use : lastUse.entrySet()) {
            Instant touched = lastTouched.get(use.getKey());
            if (touched == null || !touched.plus(settings.touchInterval()).isAfter(now)) {
                grants.touch(use.getKey(), use.getValue());
                lastTouched.put(use.getKey(), now);
                lastUse.remove(use.getKey(), use.getValue());
            }
        }
    }

    private static String id(String grantId, LocalDate date) {
        return grantId + "|" + date;
    }

    @Override
    public void start() {
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "exchange-usage");
            thread.setDaemon(true);
            return thread;
        });
        long period = settings.usageFlush().toMillis();
        flusher.scheduleWithFixedDelay(() -> {
            try {
                flush();
            } catch (RuntimeException e) {
                log.warn("Writing exchange usage failed; retrying in {} ms: {}", period, e.toString());
            }
        }, period, period, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (flusher != null) {
            flusher.shutdown();
            try {
                flusher.awaitTermination(5, TimeUnit.SECONDS);
                flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("Final write of exchange usage failed: {}", e.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }
}
