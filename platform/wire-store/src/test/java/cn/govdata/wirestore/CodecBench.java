package cn.govdata.wirestore;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

/**
 * Prints insert, find and update throughput of the wire store on a file, with the process's CPU time per
 * operation (store and client share the JVM; the store's page writes run on H2's background thread, so
 * CPU per operation shows their cost where throughput alone may not). Then closes and reopens the file
 * and scans it, which reads every document back from disk. Asserts nothing: run by
 * {@code platform/wire-store/bench/codec-bench.sh}; it only uses the store's public API so that the same
 * class can be run against an older build for a before/after comparison.
 *
 * <p>Documents resemble the exchange's access records: an ObjectId, a grant, departments, a
 * pseudonymised record key, times, counts, a nested request and an outbox with one pending event.
 */
public final class CodecBench {

    private static final int THREADS = Integer.getInteger("bench.threads", 4);
    private static final String FILLER = "企业登记信息 registered enterprises, quarterly; ".repeat(4);

    private CodecBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        Path dir = Files.createTempDirectory("codec-bench");
        Path file = dir.resolve("bench.mv.db");
        System.out.printf(Locale.ROOT, "%d documents, %d client threads, %d CPUs%n", n, THREADS,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-26s %10s %12s %14s%n", "phase", "ops", "ops/s", "CPU us/op");
        List<ObjectId> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(new ObjectId());
        }
        try {
            WireStore store = WireStore.start(file, "127.0.0.1", 0);
            try (MongoClient client = MongoClients.create(store.connectionString())) {
                MongoCollection<Document> records = client.getDatabase("bench").getCollection("access_records");
                records.createIndex(Indexes.ascending("grantId", "at"));
                records.createIndex(Indexes.ascending("outbox.eventId"), new IndexOptions().sparse(true));

                phase("insert", n, i -> records.insertOne(record(ids.get(i), i)));
                phase("find by _id", n, i -> records.find(new Document("_id", ids.get(random(n)))).first());
                phase("update {_id, version}", n, i -> {
                    ObjectId id = ids.get(random(n));
                    Document current = records.find(new Document("_id", id)).first();
                    records.updateOne(new Document("_id", id).append("version", current.getInteger("version")),
                            Updates.combine(Updates.inc("version", 1), Updates.set("status", "ARCHIVED"),
                                    Updates.set("archivedAt", Instant.now())));
                });
                phase("find by grantId (10 docs)", n / 10, i -> records.find(new Document("grantId", "G-" + random(n / 10)))
                        .into(new ArrayList<>()));
            }
            timed("close (last commit)", 1, store::close);

            WireStore[] reopened = new WireStore[1];
            timed("reopen (reads all docs)", 1, () -> reopened[0] = WireStore.start(file, "127.0.0.1", 0));
            try (MongoClient client = MongoClients.create(reopened[0].connectionString())) {
                MongoCollection<Document> records = client.getDatabase("bench").getCollection("access_records");
                timed("scan {bytes: -1}", n, () -> records.countDocuments(new Document("bytes", -1)));
            }
            reopened[0].close();
            System.out.printf(Locale.ROOT, "file size %.1f MB%n", Files.size(file) / 1e6);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static int random(int bound) {
        return ThreadLocalRandom.current().nextInt(Math.max(bound, 1));
    }

    private static Document record(ObjectId id, int i) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z").plusMillis(i * 137L);
        return new Document("_id", id)
                .append("version", 0)
                .append("grantId", "G-" + (i / 10))
                .append("consumerDepartment", "D-" + (i % 40))
                .append("providerDepartment", "P-" + (i % 12))
                .append("resourceId", "R-" + (i % 300))
                .append("recordPseudonym", Long.toHexString(i * 0x9E3779B97F4A7C15L))
                .append("at", at)
                .append("status", "OK")
                .append("durationMs", 20L + i % 7)
                .append("bytes", 512 + i % 1000)
                .append("request", new Document("method", "GET").append("path", "/api/exchange/R-" + (i % 300) + "/records/" + i)
                        .append("fields", List.of("name", "licence", "address")).append("note", FILLER))
                .append("outbox", List.of(new Document("eventId", "E-" + i).append("type", "exchange.accessed")
                        .append("at", at)));
    }

    private static void phase(String name, int ops, IntConsumer op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            timed(name, ops, () -> {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int first = t;
                    futures.add(pool.submit(() -> {
                        for (int i = first; i < ops; i += THREADS) {
                            op.accept(i);
                        }
                    }));
                }
                for (Future<?> future : futures) {
                    future.get();
                }
            });
        } finally {
            pool.shutdown();
        }
    }

    interface Step {
        void run() throws Exception;
    }

    private static void timed(String name, int ops, Step step) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        step.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMicros = (os.getProcessCpuTime() - cpu) / 1e3;
        if (ops > 1) {
            System.out.printf(Locale.ROOT, "%-26s %10d %12.0f %14.1f%n", name, ops, ops / seconds, cpuMicros / ops);
        } else {
            System.out.printf(Locale.ROOT, "%-26s %10s %11.2fs %13.0fms%n", name, "", seconds, cpuMicros / 1e3);
        }
    }
}
