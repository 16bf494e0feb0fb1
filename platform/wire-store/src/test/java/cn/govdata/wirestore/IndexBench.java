package cn.govdata.wirestore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * Prints how long typical service calls take against the wire store with its indexes, and against stock
 * mongo-java-server (which ignores secondary indexes and plans only exact unique-key filters), for
 * growing collections. Asserts nothing: run by {@code platform/wire-store/bench/index-bench.sh}.
 *
 * <p>Documents resemble catalog resources: an id, a version, a status shared by a quarter of them, an
 * owning department shared by 1 in 500, a near-unique code, an update time one second apart, about
 * 400 bytes of text, and an outbox that holds one pending event in 1 of 1,000 documents (empty otherwise).
 */
public final class IndexBench {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> STATUSES = List.of("DRAFT", "PUBLISHED", "RETIRED", "REVIEW");
    private static final String FILLER = "企业登记信息 registered enterprises, quarterly, open to all departments; ".repeat(5);

    // "stock,wire" by default; "wire" alone skips the minutes stock takes at a million documents.
    private static final String STORES = System.getProperty("bench.stores", "stock,wire");

    private IndexBench() {
    }

    public static void main(String[] args) throws Exception {
        String sizes = args.length > 0 ? args[0] : "10000,100000,200000";
        System.out.printf(Locale.ROOT, "%-8s %-7s %12s %12s %12s %12s %10s%n", "docs", "store",
                "eq ms/op", "range ms/op", "update ms/op", "outbox ms/op", "load s");
        for (String size : sizes.split(",")) {
            int n = Integer.parseInt(size.trim());
            if (STORES.contains("stock")) {
                run(n, false);
            }
            if (STORES.contains("wire")) {
                run(n, true);
            }
        }
    }

    private static void run(int n, boolean indexed) throws Exception {
        Path dir = Files.createTempDirectory("index-bench");
        Path file = dir.resolve("bench.mv.db");
        WireStore store = null;
        MongoServer stock = null;
        String uri;
        if (indexed) {
            store = WireStore.start(file, "127.0.0.1", 0);
            uri = store.connectionString();
        } else {
            stock = new MongoServer(new H2Backend(file.toString()));
            var address = stock.bind();
            uri = "mongodb://" + address.getHostString() + ":" + address.getPort();
        }
        long heapBefore = usedHeap();
        try {
            measure(n, indexed, uri, store, heapBefore);
            if (indexed) {
                // Reopening the file rebuilds the secondary indexes from the documents.
                store.close();
                long reopenStart = System.nanoTime();
                store = WireStore.start(file, "127.0.0.1", 0);
                System.out.printf(Locale.ROOT, "  reopening the file with its 5 secondary indexes: %.1f s%n",
                        (System.nanoTime() - reopenStart) / 1e9);
            }
        } finally {
            if (store != null) {
                store.close();
            }
            if (stock != null) {
                stock.shutdownNow();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void measure(int n, boolean indexed, String uri, WireStore store, long heapBefore) throws Exception {
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> c = client.getDatabase("bench").getCollection("resources");
            c.createIndex(Indexes.ascending("code"));
            c.createIndex(Indexes.ascending("status"));
            c.createIndex(Indexes.compoundIndex(Indexes.ascending("owner"), Indexes.descending("updatedAt")));
            c.createIndex(Indexes.ascending("updatedAt"));
            c.createIndex(Indexes.ascending("outbox.eventId"), new IndexOptions().sparse(true));

            long loadStart = System.nanoTime();
            int[] versions = new int[n];
            List<Document> batch = new ArrayList<>(1000);
            for (int i = 0; i < n; i++) {
                batch.add(document(i));
                if (batch.size() == 1000 || i == n - 1) {
                    c.insertMany(batch);
                    batch.clear();
                }
            }
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

            String heap = "";
            if (indexed) {
                long withIndexes = usedHeap();
                long entries = store.collection("bench", "resources").getIndexes().stream()
                        .filter(index -> index instanceof SecondaryIndex).mapToLong(index -> index.getCount()).sum();
                for (String name : List.of("code_1", "status_1", "owner_1_updatedAt_-1", "updatedAt_1", "outbox.eventId_1")) {
                    c.dropIndex(name);
                }
                long withoutIndexes = usedHeap();
                heap = String.format(Locale.ROOT, "  heap used after load %d MB (store + client, before: %d MB); "
                                + "secondary indexes %d MB for %d entries = %d bytes/entry",
                        withIndexes >> 20, heapBefore >> 20, (withIndexes - withoutIndexes) >> 20, entries,
                        entries == 0 ? 0 : (withIndexes - withoutIndexes) / entries);
                // Measure with the indexes again (the drop was only to weigh them).
                c.createIndex(Indexes.ascending("code"));
                c.createIndex(Indexes.ascending("status"));
                c.createIndex(Indexes.compoundIndex(Indexes.ascending("owner"), Indexes.descending("updatedAt")));
                c.createIndex(Indexes.ascending("updatedAt"));
                c.createIndex(Indexes.ascending("outbox.eventId"), new IndexOptions().sparse(true));
            }

            Random random = new Random(42);
            double eq = time(i -> c.find(new Document("code", "C-" + random.nextInt(n))).first());
            double range = time(i -> {
                Date from = Date.from(T0.plusSeconds(random.nextInt(n)));
                c.find(new Document("updatedAt", new Document("$gte", from).append("$lt", Date.from(from.toInstant().plusSeconds(100)))))
                        .into(new ArrayList<>());
            });
            double update = time(i -> {
                int id = random.nextInt(n);
                long modified = c.updateOne(new Document("_id", id(id)).append("version", versions[id]),
                        new Document("$set", new Document("status", STATUSES.get(Math.floorMod(i, 4)))).append("$inc", new Document("version", 1)))
                        .getModifiedCount();
                if (modified == 1) {
                    versions[id]++;
                }
            });
            double outbox = time(i -> c.find(new Document("outbox.eventId", new Document("$exists", true))).into(new ArrayList<>()));
            System.out.printf(Locale.ROOT, "%-8d %-7s %12.3f %12.3f %12.3f %12.3f %10.1f%n", n, indexed ? "wire" : "stock",
                    eq, range, update, outbox, loadSeconds);
            if (!heap.isEmpty()) {
                System.out.println(heap);
            }
        }
    }

    private static Document document(int i) {
        return new Document("_id", id(i))
                .append("version", 0)
                .append("code", "C-" + i)
                .append("status", STATUSES.get(i % 4))
                .append("owner", "dept-" + (i % 500))
                .append("updatedAt", Date.from(T0.plusSeconds(i)))
                .append("title", "资源 " + i)
                .append("description", FILLER)
                .append("outbox", i % 1000 == 0 ? List.of(new Document("eventId", "E-" + i)) : List.of());
    }

    private static String id(int i) {
        return String.format(Locale.ROOT, "R-%07d", i);
    }

    /** Mean milliseconds per call: at least 3 calls, then until 200 calls or 3 seconds. */
    private static double time(IntConsumer call) {
        call.accept(-1); // warm-up
        long start = System.nanoTime();
        int calls = 0;
        while (calls < 3 || (calls < 200 && System.nanoTime() - start < 3_000_000_000L)) {
            call.accept(calls);
            calls++;
        }
        return (System.nanoTime() - start) / 1e6 / calls;
    }

    private static long usedHeap() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
