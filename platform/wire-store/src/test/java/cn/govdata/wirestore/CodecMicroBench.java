package cn.govdata.wirestore;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * Per-document cost of the two stored forms, in this thread's CPU time (so that other processes on the
 * machine do not count): H2's default (Java serialization) and {@link StoredDocumentType} (BSON), for a
 * document shaped like an access record. Asserts nothing: run by {@code bench/codec-bench.sh}.
 */
public final class CodecMicroBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CodecMicroBench() {
    }

    public static void main(String[] args) {
        Document document = new Document("_id", new ObjectId())
                .append("version", 3).append("grantId", "G-1234").append("consumerDepartment", "D-17")
                .append("providerDepartment", "P-4").append("resourceId", "R-211").append("recordPseudonym", "9e3779b97f4a7c15")
                .append("at", Instant.parse("2026-03-01T08:00:00.123Z")).append("status", "OK").append("durationMs", 23L)
                .append("bytes", 913)
                .append("request", new Document("method", "GET").append("path", "/api/exchange/R-211/records/88123")
                        .append("fields", List.of("name", "licence", "address"))
                        .append("note", "企业登记信息 registered enterprises, quarterly; ".repeat(4)))
                .append("outbox", List.of(new Document("eventId", "E-88123").append("type", "exchange.accessed")
                        .append("at", Instant.parse("2026-03-01T08:00:00.123456Z"))));
        ObjectDataType legacy = new ObjectDataType();
        StoredDocumentType stored = new StoredDocumentType();
        System.out.printf(Locale.ROOT, "%-22s %8s %12s %12s%n", "form", "bytes", "write us", "read us");
        for (int round = 0; round < 3; round++) {
            measure("java serialization", 20_000, buffer -> legacy.write(buffer, document), legacy::read);
            measure("bson (StoredDocument)", 20_000, buffer -> stored.write(buffer, StoredDocument.of(document)),
                    buffer -> stored.read(buffer).document());
        }
    }

    private static void measure(String name, int n, java.util.function.Consumer<WriteBuffer> write,
                                java.util.function.Function<ByteBuffer, Object> read) {
        WriteBuffer one = new WriteBuffer();
        write.accept(one);
        int size = one.position();
        long start = THREADS.getCurrentThreadCpuTime();
        WriteBuffer buffer = new WriteBuffer();
        for (int i = 0; i < n; i++) {
            buffer.clear();
            write.accept(buffer);
        }
        double writeMicros = (THREADS.getCurrentThreadCpuTime() - start) / 1e3 / n;
        ByteBuffer bytes = one.getBuffer();
        bytes.flip();
        start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            bytes.position(0);
            read.apply(bytes);
        }
        double readMicros = (THREADS.getCurrentThreadCpuTime() - start) / 1e3 / n;
        System.out.printf(Locale.ROOT, "%-22s %8d %12.2f %12.2f%n", name, size, writeMicros, readMicros);
    }
}
