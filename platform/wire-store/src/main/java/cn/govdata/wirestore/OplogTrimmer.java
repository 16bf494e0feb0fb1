package cn.govdata.wirestore;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.NoopOplog;

/**
 * Keeps mongo-java-server's oplog ({@code local.oplog.rs}) bounded: it appends an entry per written
 * document and never removes one, and every change-stream poll reads the collection whole. Entries carry
 * their wall-clock time in {@code wall}; those older than the retention are deleted periodically.
 * A change stream resumed from a deleted entry simply sees nothing older.
 */
final class OplogTrimmer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OplogTrimmer.class);

    private final MongoBackend backend;
    private final Duration retention;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;

    private OplogTrimmer(MongoBackend backend, Duration retention, Clock clock) {
        this.backend = backend;
        this.retention = retention;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "wire-store-oplog-trimmer");
            thread.setDaemon(true);
            return thread;
        });
    }

    static OplogTrimmer start(MongoBackend backend, Duration retention, Duration interval) {
        OplogTrimmer trimmer = new OplogTrimmer(backend, retention, backend.getClock());
        long millis = Math.max(1, interval.toMillis());
        trimmer.scheduler.scheduleWithFixedDelay(trimmer::trimQuietly, millis, millis, TimeUnit.MILLISECONDS);
        return trimmer;
    }

    /** Deletes entries older than the retention; returns how many. */
    int trim() {
        @SuppressWarnings("unchecked")
        MongoCollection<Object> oplog = (MongoCollection<Object>) backend.resolveDatabase("local")
                .resolveCollection("oplog.rs", false);
        if (oplog == null) {
            return 0;
        }
        Document olderThanRetention = new Document("wall", new Document("$lt", clock.instant().minus(retention)));
        return oplog.deleteDocuments(olderThanRetention, 0, NoopOplog.get());
    }

    private void trimQuietly() {
        try {
            int deleted = trim();
            if (deleted > 0) {
                log.debug("trimmed {} oplog entries older than {}", deleted, retention);
            }
        } catch (RuntimeException e) {
            // A failed trim must not end the schedule; the next one retries.
            log.warn("trimming the oplog failed", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
