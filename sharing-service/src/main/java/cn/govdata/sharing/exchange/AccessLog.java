package cn.govdata.sharing.exchange;

import cn.govdata.events.ExchangeEventTypes;
import cn.govdata.events.exchange.ExchangeEvents.DataAccessed;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.outbox.OutboxMessage;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.InsertManyOptions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every access becomes a DataAccessed event without a transaction and without a database round trip
 * per call: calls queue their access records, one writer thread writes whatever has queued as ONE
 * document of collection {@code access_log} carrying the records and their events in its embedded
 * {@code outbox}, and the platform relay publishes those to Kafka (and keeps them while Kafka is
 * away).
 *
 * <p>Durability by mode ({@code govdata.exchange.access-log.mode}):
 * <ul>
 *   <li>GROUP_COMMIT (default): a call returns its data only after the batch holding its record is
 *       written; if it cannot be written the call fails with 503 and delivers nothing. No access is
 *       ever lost; under load many calls share one insert, so the wait is about one insert. When the
 *       writer falls behind (queue full, or no write of the call's batch within {@code write-timeout}
 *       while other batches were written) the call gets 429 with Retry-After instead: the store is
 *       fine, the caller should come back shortly. 503 is kept for a store that wrote nothing.</li>
 *   <li>ASYNC: a call does not wait. Records still in the queue when the process dies (at most one
 *       batch and the queue behind it) are lost; a graceful shutdown writes them first. A full
 *       queue makes calls write their own record synchronously, so load never drops records.</li>
 *   <li>SYNC: each call inserts its own document; durable, one round trip per call.</li>
 * </ul>
 *
 * <p>Relayed batches move to {@code access_archive} every {@code janitor-interval}, so
 * {@code access_log} holds only recent batches, and the archive drops batches older than
 * {@code archive-retention} (30 days) through its {@code writtenAt} index. Nothing in the service
 * reads the archive: it is the exchange's short-term copy of which record keys went to whom, for an
 * investigator querying the database directly within the retention; the audit service's chain (fed
 * by the DataAccessed events) is the system of record for accesses and keeps them long-term.
 */
@Component
class AccessLog implements SmartLifecycle {

    static final String COLLECTION = "access_log";
    static final String ARCHIVE = "access_archive";
    static final int MAX_RECORD_KEYS = 100;
    private static final Logger log = LoggerFactory.getLogger(AccessLog.class);

    /**
     * One access as the exchange keeps it. The record keys stay here, in the exchange's own
     * database, for investigations; the event carries only counts.
     */
    record AccessRecord(DataAccessed access, String region, List<String> recordKeys) {
    }

    /*
     * The document, one per written batch:
     * {_id, writtenAt, count, accesses: [{accessId, accessedAt, resourceId, grantId, consumerDepartment, clientId, recordKeys}],
     *  outbox: [OutboxMessage with the DataAccessed body…]}
     */

    private record Pending(AccessRecord record, CompletableFuture<Void> written) {
    }

    private final MongoTemplate mongo;
    private final Events events;
    private final Clock clock;
    private final ExchangeProperties.AccessLog settings;
    private final BlockingQueue<Pending> queue;
    private final Timer writes;
    private final Counter failures;
    private volatile boolean running;
    private Thread writer;
    private ScheduledExecutorService janitor;
    private volatile long lastRetention;
    /** When a batch was last written: calls that time out while writes complete are load, not an outage. */
    private volatile long lastWrittenNanos = System.nanoTime() - Duration.ofDays(1).toNanos();
    private final Counter overloaded;

    AccessLog(MongoTemplate mongo, Events events, Clock clock, ExchangeProperties properties, MeterRegistry meters) {
        this.mongo = mongo;
        this.events = events;
        this.clock = clock;
        this.settings = properties.accessLog();
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        mongo.indexOps(ARCHIVE).createIndex(new Index().on("writtenAt", Sort.Direction.ASC));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("writtenAt", Sort.Direction.ASC));
        Gauge.builder("exchange_access_queue", queue, BlockingQueue::size)
                .description("Access records waiting to be written").register(meters);
        this.writes = Timer.builder("exchange_access_write").description("Writes of access-record batches")
                .register(meters);
        this.overloaded = Counter.builder("exchange_access_overloaded")
                .description("Calls refused with 429 because the access log fell behind under load").register(meters);
        this.failures = Counter.builder("exchange_access_write_failures").description("Failed writes of access-record batches")
                .register(meters);
    }

    /**
     * Records an access before the data leaves. Returns when the record is as durable as the mode
     * promises; throws a 503 problem when it cannot be recorded, so no data leaves unrecorded.
     */
    void record(AccessRecord record) {
        switch (settings.mode()) {
            case SYNC -> writeOrRefuse(record);
            case ASYNC -> {
                if (!running || !queue.offer(new Pending(record, null))) {
                    writeOrRefuse(record);
                }
            }
            case GROUP_COMMIT -> {
                if (!running) {
                    writeOrRefuse(record);
                    return;
                }
                Pending pending = new Pending(record, new CompletableFuture<>());
                long queuedAt = System.nanoTime();
                try {
                    if (!queue.offer(pending, 100, TimeUnit.MILLISECONDS)) {
                        throw behind("the queue of access records is full", queuedAt - settings.writeTimeout().toNanos());
                    }
                    pending.written().get(settings.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw refused("the call was interrupted", e);
                } catch (ExecutionException e) {
                    throw refused("the access record could not be written", e);
                } catch (TimeoutException e) {
                    throw behind("the access record was not written within " + settings.writeTimeout().toMillis() + " ms", queuedAt);
                }
            }
        }
    }

    /**
     * A call that could not be recorded in time. If batches were written meanwhile the log is
     * merely behind under load: 429, come back shortly. If none was, the store is not answering:
     * 503 as for a failed write. Either way the call delivers nothing.
     */
    private ExchangeException behind(String why, long sinceNanos) {
        if (lastWrittenNanos - sinceNanos > 0) {
            overloaded.increment();
            return ExchangeException.throttled("access-log-overloaded",
                    "访问记录写入繁忙，本次未提供数据，请稍后重试。The access log is behind under load (" + why
                            + "); no data was delivered because its access could not be recorded in time (QZ 8.2). Retry shortly.",
                    settings.writeTimeout(), Map.of("reason", "access-log-behind"));
        }
        return refused(why + " and the store wrote nothing meanwhile", null);
    }

    private void writeOrRefuse(AccessRecord record) {
        try {
            write(List.of(record));
        } catch (RuntimeException e) {
            throw refused("the access record could not be written", e);
        }
    }

    private static ExchangeException refused(String why, Exception cause) {
        if (cause != null) {
            log.warn("Refusing an exchange call: {}: {}", why, cause.toString());
        }
        return ExchangeException.provider(HttpStatus.SERVICE_UNAVAILABLE, "access-log-unavailable", "Access log unavailable",
                "访问记录无法写入，本次未提供数据。No data is delivered while its access cannot be recorded (QZ 8.2): " + why,
                Duration.ofSeconds(1));
    }

    private void write(List<AccessRecord> records) {
        Timer.Sample sample = Timer.start();
        // Built by hand rather than through the mapping converter: this runs for every access.
        List<Document> accesses = new ArrayList<>(records.size());
        List<Document> outbox = new ArrayList<>(records.size());
        for (AccessRecord r : records) {
            DataAccessed a = r.access();
            accesses.add(document(r));
            outbox.add(document(events.create(ExchangeEventTypes.DATA_ACCESSED, a.accessId(), a.consumerDepartment(), r.region(), a)));
        }
        Document batch = new Document("_id", UUID.randomUUID().toString()).append("writtenAt", Date.from(clock.instant()))
                .append("count", records.size()).append("accesses", accesses).append("outbox", outbox);
        try {
            mongo.getCollection(COLLECTION).insertOne(batch);
            lastWrittenNanos = System.nanoTime();
        } catch (RuntimeException e) {
            failures.increment();
            throw e;
        } finally {
            sample.stop(writes);
        }
    }

    /**
     * What the exchange itself keeps of an access: enough to find every access to a record or
     * under a grant. The full record (purpose, items, approver, operation…) is the event, which the
     * audit office keeps; storing it twice would double what the relay reads and rewrites.
     */
    private static Document document(AccessRecord r) {
        DataAccessed a = r.access();
        return new Document("accessId", a.accessId()).append("accessedAt", Date.from(a.accessedAt()))
                .append("resourceId", a.resourceId()).append("grantId", a.grantId())
                .append("consumerDepartment", a.consumerDepartment()).append("clientId", a.clientId())
                .append("recordKeys", r.recordKeys())
                // A verification's outcome per item, never the value claimed (that could be a guess at a masked value).
                .append("verificationResults", a.verificationResults() == null ? null : new Document(a.verificationResults()));
    }

    /** The shape the platform relay reads (see OutboxRelay). */
    private static Document document(OutboxMessage m) {
        return new Document("eventId", m.eventId()).append("topic", m.topic()).append("key", m.key()).append("type", m.type())
                .append("source", m.source()).append("subject", m.subject()).append("department", m.department())
                .append("region", m.region()).append("time", Date.from(m.time())).append("dataSchema", m.dataSchema())
                .append("payload", m.payload());
    }

    private void drainLoop() {
        List<Pending> batch = new ArrayList<>(settings.maxBatch());
        List<AccessRecord> records = new ArrayList<>(settings.maxBatch());
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, settings.maxBatch() - 1);
                batch.forEach(p -> records.add(p.record()));
                writeBatch(batch, records);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
                records.clear();
            }
        }
    }

    private void writeBatch(List<Pending> batch, List<AccessRecord> records) throws InterruptedException {
        long backoff = 200;
        while (true) {
            try {
                write(records);
                batch.forEach(p -> {
                    if (p.written() != null) {
                        p.written().complete(null);
                    }
                });
                return;
            } catch (RuntimeException e) {
                if (settings.mode() == ExchangeProperties.AccessLog.Mode.GROUP_COMMIT) {
                    // The waiting calls fail and deliver nothing: nothing left unrecorded to retry.
                    batch.forEach(p -> p.written().completeExceptionally(e));
                    return;
                }
                // ASYNC: the data has left already, so the records must eventually be written.
                log.warn("Writing {} access records failed; retrying in {} ms: {}", records.size(), backoff, e.toString());
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
                if (!running && backoff >= 10_000) {
                    log.error("Giving up on {} access records at shutdown: {}", records.size(), e.toString());
                    return;
                }
            }
        }
    }

    /** Moves relayed batches to the archive, so the relay's scan of access_log stays short. */
    int archiveRelayed() {
        int moved = 0;
        while (true) {
            // Oldest first through the writtenAt index: access_log holds only batches not yet archived
            // (pending ones and those relayed since the last run), never the history.
            List<Document> relayed = mongo.find(Query.query(Criteria.where("writtenAt").lte(Date.from(clock.instant()))
                    .and("outbox").size(0)).with(Sort.by("writtenAt")).limit(200), Document.class, COLLECTION);
            if (relayed.isEmpty()) {
                break;
            }
            try {
                mongo.getCollection(ARCHIVE).insertMany(relayed, new InsertManyOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                // Archived by an earlier run or another replica that stopped before deleting: fine.
                boolean onlyDuplicates = e.getWriteErrors().stream()
                        .allMatch(w -> ErrorCategory.fromErrorCode(w.getCode()) == ErrorCategory.DUPLICATE_KEY);
                if (!onlyDuplicates) {
                    throw e;
                }
            }
            List<Object> ids = relayed.stream().map(d -> d.get("_id")).toList();
            mongo.remove(Query.query(Criteria.where("_id").in(ids).and("outbox").size(0)), COLLECTION);
            moved += relayed.size();
            if (relayed.size() < 200) {
                break;
            }
        }
        long now = clock.millis();
        if (now - lastRetention > Duration.ofHours(1).toMillis()) {
            lastRetention = now;
            mongo.remove(Query.query(Criteria.where("writtenAt").lt(clock.instant().minus(settings.archiveRetention()))), ARCHIVE);
        }
        return moved;
    }

    @Override
    public void start() {
        running = true;
        writer = new Thread(this::drainLoop, "exchange-access-writer");
        writer.setDaemon(true);
        writer.start();
        janitor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "exchange-access-janitor");
            thread.setDaemon(true);
            return thread;
        });
        long period = settings.janitorInterval().toMillis();
        janitor.scheduleWithFixedDelay(() -> {
            try {
                archiveRelayed();
            } catch (RuntimeException e) {
                log.warn("Archiving relayed access records failed; retrying in {} ms: {}", period, e.toString());
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /** Stops after the web server (lower phase): the calls still in flight have queued their records. */
    @Override
    public void stop() {
        running = false;
        if (janitor != null) {
            janitor.shutdownNow();
        }
        if (writer != null) {
            try {
                writer.join(settings.writeTimeout().toMillis() + 10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
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
