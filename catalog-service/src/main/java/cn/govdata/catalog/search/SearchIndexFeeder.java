package cn.govdata.catalog.search;

import cn.govdata.catalog.entry.StoredEntries;
import com.mongodb.MongoException;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Fills the search index at start-up and keeps it following the {@code entries} collection.
 *
 * <p>The change stream is opened <em>before</em> the initial scan, so nothing written during the
 * scan is lost; a change seen twice is skipped by its document version. When the store cannot
 * stream changes (a standalone server, or the wire store without its oplog) or the stream breaks,
 * the feeder warns once and polls {@code updatedAt} instead, with a periodic id/version comparison
 * that catches deletions and anything a lagging clock hid from the poll.
 *
 * <p>Every replica of the service runs its own feeder and holds its own index: they converge
 * within the change-stream latency (or one poll interval) of a write, independently of each other.
 */
final class SearchIndexFeeder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SearchIndexFeeder.class);
    private static final int FETCH_BATCH = 500;
    private static final Duration IDLE_PAUSE = Duration.ofMillis(200);

    enum Mode {
        STOPPED, CHANGE_STREAM, POLLING
    }

    private final SearchIndex index;
    private final MongoTemplate mongo;
    private final StoredEntries entries;
    private final SearchProperties properties;

    private volatile Mode mode = Mode.STOPPED;
    private volatile boolean running;
    private volatile Instant lastSeen = Instant.EPOCH;
    private volatile long lastReconciled;
    private Thread follower;
    private ScheduledExecutorService poller;

    SearchIndexFeeder(SearchIndex index, MongoTemplate mongo, StoredEntries entries,
                      SearchProperties properties) {
        this.index = index;
        this.mongo = mongo;
        this.entries = entries;
        this.properties = properties;
    }

    Mode mode() {
        return mode;
    }

    @Override
    public synchronized void start() {
        running = true;
        String unavailable = "disabled by govdata.catalog.search.change-stream=false";
        MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = null;
        if (properties.changeStream()) {
            try {
                cursor = mongo.getCollection(StoredEntries.COLLECTION).watch()
                        .fullDocument(FullDocument.UPDATE_LOOKUP)
                        .maxAwaitTime(1, TimeUnit.SECONDS)
                        .cursor();
                if (cursor.getServerCursor() == null) {
                    // mongo-java-server without an oplog answers with an empty, already closed cursor.
                    cursor.close();
                    cursor = null;
                    unavailable = "the server closed the change stream at once (no oplog?)";
                }
            } catch (MongoException e) {
                cursor = null;
                unavailable = e.getMessage();
            }
        }
        try {
            build();
        } catch (RuntimeException e) {
            if (cursor != null) {
                cursor.close();
            }
            running = false;
            throw e;
        }
        if (cursor != null) {
            mode = Mode.CHANGE_STREAM;
            MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream = cursor;
            follower = new Thread(() -> follow(stream), "catalog-search-changes");
            follower.setDaemon(true);
            follower.start();
            log.info("Search index follows the {} collection by change stream", StoredEntries.COLLECTION);
        } else {
            startPolling(unavailable);
        }
    }

    private void build() {
        long started = System.nanoTime();
        long[] count = {0};
        try (Stream<StoredEntries.Stored> documents = entries.all()) {
            documents.forEach(document -> {
                apply(document);
                count[0]++;
            });
        }
        index.trim();
        log.info("Search index built from {} entries in {} ms", count[0], (System.nanoTime() - started) / 1_000_000);
    }

    private void follow(MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor) {
        try (cursor) {
            while (running) {
                long asked = System.nanoTime();
                ChangeStreamDocument<Document> change = cursor.tryNext();
                if (change != null) {
                    apply(change);
                } else if (cursor.getServerCursor() == null) {
                    throw new IllegalStateException("the server closed the change stream");
                } else if (System.nanoTime() - asked < IDLE_PAUSE.toNanos() / 2) {
                    // MongoDB waits up to maxAwaitTime for a change; mongo-java-server answers at once,
                    // which would turn this loop into a busy wait.
                    Thread.sleep(IDLE_PAUSE.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (running) {
                startPolling("change stream failed: " + e);
            }
        }
    }

    private void apply(ChangeStreamDocument<Document> change) {
        switch (change.getOperationType()) {
            case INSERT, UPDATE, REPLACE -> {
                // Null when the document was deleted before the lookup; its delete event follows.
                if (change.getFullDocument() != null) {
                    apply(entries.read(change.getFullDocument()));
                }
            }
            case DELETE -> index.remove(change.getDocumentKey().get("_id").asString().getValue());
            case DROP, DROP_DATABASE, RENAME, INVALIDATE ->
                    throw new IllegalStateException("the collection was " + change.getOperationType().getValue());
            default -> {
                // Other operation types (index changes) do not touch entries.
            }
        }
    }

    private void apply(StoredEntries.Stored document) {
        if (document.entry() == null) {
            log.warn("Entry document {} has no entry; not searchable", document.id());
            return;
        }
        index.put(document.entry(), document.updatedAt(), document.version());
        if (document.updatedAt() != null && document.updatedAt().isAfter(lastSeen)) {
            lastSeen = document.updatedAt();
        }
    }

    private synchronized void startPolling(String reason) {
        if (!running || mode == Mode.POLLING) {
            return;
        }
        log.warn("Search index cannot follow a change stream on {} ({}); polling updatedAt every {} instead",
                StoredEntries.COLLECTION, reason, properties.pollInterval());
        mode = Mode.POLLING;
        try {
            // Without it every poll would scan the whole collection on a real MongoDB.
            mongo.indexOps(StoredEntries.COLLECTION).createIndex(new Index().on("updatedAt", Sort.Direction.ASC));
        } catch (RuntimeException e) {
            log.warn("Search index could not create the updatedAt index for polling: {}", e.toString());
        }
        // Whatever happened between the last change seen and now (deletions included) is caught up first.
        lastReconciled = 0;
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "catalog-search-poll");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::poll, 0, properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            try (Stream<StoredEntries.Stored> documents = entries.writtenSince(lastSeen.minus(properties.pollOverlap()))) {
                documents.forEach(this::apply);
            }
            if (System.currentTimeMillis() - lastReconciled >= properties.reconcileInterval().toMillis()) {
                reconcile();
                lastReconciled = System.currentTimeMillis();
            }
        } catch (RuntimeException e) {
            // The next poll retries; the executor would stop scheduling if this escaped.
            if (running) {
                log.warn("Search index poll failed: {}", e.toString());
            }
        }
    }

    /** Drops entries that are gone and re-reads those whose stored version differs from the indexed one. */
    void reconcile() {
        Map<String, Long> stored = new HashMap<>();
        for (Document d : mongo.getCollection(StoredEntries.COLLECTION).find().projection(Projections.include("_id", "version"))) {
            Object version = d.get("version");
            stored.put(String.valueOf(d.get("_id")), version instanceof Number n ? n.longValue() : null);
        }
        Map<String, Long> indexed = index.versions();
        int removed = 0;
        for (String id : indexed.keySet()) {
            if (!stored.containsKey(id) && index.remove(id)) {
                removed++;
            }
        }
        List<String> stale = new ArrayList<>();
        stored.forEach((id, version) -> {
            if (!indexed.containsKey(id) || version == null || !Objects.equals(indexed.get(id), version)) {
                stale.add(id);
            }
        });
        for (int from = 0; from < stale.size(); from += FETCH_BATCH) {
            List<String> batch = stale.subList(from, Math.min(stale.size(), from + FETCH_BATCH));
            entries.withIds(batch).forEach(this::apply);
        }
        if (removed > 0 || !stale.isEmpty()) {
            log.info("Search index reconciled: {} removed, {} re-read", removed, stale.size());
        }
    }

    @Override
    public void stop() {
        Thread thread;
        synchronized (this) {
            running = false;
            mode = Mode.STOPPED;
            if (poller != null) {
                poller.shutdownNow();
                poller = null;
            }
            thread = follower;
            follower = null;
        }
        if (thread != null) {
            try {
                // tryNext returns within the stream's await time; then the thread closes its cursor.
                thread.join(Duration.ofSeconds(3).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server takes requests, so no replica answers searches from an empty index. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }
}
