package cn.govdata.audit.bench;

import cn.govdata.audit.AuditProperties;
import cn.govdata.audit.chain.ChainState;
import cn.govdata.audit.chain.ChainVerifier;
import cn.govdata.audit.chain.ChainWriter;
import cn.govdata.audit.chain.Checkpoints;
import cn.govdata.audit.chain.Incoming;
import cn.govdata.audit.chain.SigningKey;
import cn.govdata.audit.chain.VerificationReport;
import cn.govdata.audit.trail.TrailObserver;
import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.platform.outbox.Events;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Benchmark (not a test): chains DataAccessed-shaped events into a wire store with the production
 * {@link ChainWriter} — canonical JSON, SHA-256 links, one block insert per batch, head update,
 * signed checkpoints every 1000 records — then times {@link ChainVerifier} over everything stored.
 * Run by bench/ingest-bench.sh against a wire store of its own.
 *
 * <p>Arguments: {@code uri=mongodb://... events=200000 batch=500 partitions=3 verify-total=1000000}.
 */
public final class IngestBench {

    public static void main(String[] args) {
        Map<String, String> a = new java.util.HashMap<>(Map.of("uri", "mongodb://127.0.0.1:27999", "events", "200000",
                "batch", "1000", "partitions", "3", "verify-total", "1000000"));
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            a.put(kv[0].replaceFirst("^--", ""), kv[1]);
        }
        int events = Integer.parseInt(a.get("events"));
        int batch = Integer.parseInt(a.get("batch"));
        int partitions = Integer.parseInt(a.get("partitions"));
        long verifyTotal = Long.parseLong(a.get("verify-total"));

        var client = MongoClients.create(a.get("uri"));
        var mongo = new MongoTemplate(client, "audit-bench");
        var json = JsonMapper.builder().build();
        var properties = new AuditProperties(null, null, null, null, null, null, null, null);
        var checkpoints = new Checkpoints(mongo, SigningKey.from(properties, new MockEnvironment()));
        var writer = new ChainWriter(mongo, json, Clock.systemUTC(), checkpoints, properties, new SimpleMeterRegistry());
        var verifier = new ChainVerifier(mongo, json, checkpoints, Clock.systemUTC());
        List<ChainState> chains = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            chains.add(writer.state("govdata.exchange.v1", p));
        }
        long[] offsets = new long[partitions];
        System.out.printf("wire store %s, block size %d, %d chains (topic-partitions)%n", a.get("uri"), batch, partitions);

        // warm-up: JIT and the store's first pages, not counted
        ingest(writer, json, chains, offsets, Math.min(20_000, events / 5), batch);
        long stored = Math.min(20_000, events / 5);

        long started = System.nanoTime();
        ingest(writer, json, chains, offsets, events, batch);
        double seconds = (System.nanoTime() - started) / 1e9;
        stored += events;
        System.out.printf("INGEST   %,d events chained and stored in %.1f s = %,.0f events/s (block size %d)%n", events, seconds,
                events / seconds, batch);

        // The same with what the listener runs after each append: early warning and supervision facts.
        List<TrailObserver> observers = List.of(
                (TrailObserver) construct("cn.govdata.audit.warning.AccessWatch", mongo, new Events(json, Clock.systemUTC(), "bench"),
                        WorkingDayCalendar.shipped(), Clock.systemUTC(), new SimpleMeterRegistry(), properties),
                (TrailObserver) construct("cn.govdata.audit.supervision.SupervisionFacts", mongo, properties));
        int observed = Math.min(events, 100_000);
        started = System.nanoTime();
        ingest(writer, json, chains, offsets, observed, batch, observers);
        seconds = (System.nanoTime() - started) / 1e9;
        stored += observed;
        System.out.printf("INGEST+  %,d events chained, stored and passed to early warning and supervision in %.1f s = %,.0f events/s%n",
                observed, seconds, observed / seconds);

        if (verifyTotal > stored) {
            long more = verifyTotal - stored;
            long t = System.nanoTime();
            ingest(writer, json, chains, offsets, (int) more, batch);
            double s = (System.nanoTime() - t) / 1e9;
            stored += more;
            System.out.printf("FILL     %,d more events to reach %,d in %.1f s = %,.0f events/s%n", more, stored, s, more / s);
        }
        long t = System.nanoTime();
        VerificationReport report = verifier.verify();
        double verifySeconds = (System.nanoTime() - t) / 1e9;
        System.out.printf("VERIFY   %,d records in %d chains walked in %.1f s = %,.0f records/s: %s%n", report.records(),
                report.chains().size(), verifySeconds, report.records() / verifySeconds, report.status());
        client.close();
    }

    private static void ingest(ChainWriter writer, JsonMapper json, List<ChainState> chains, long[] offsets, int events, int batch) {
        ingest(writer, json, chains, offsets, events, batch, List.of());
    }

    private static void ingest(ChainWriter writer, JsonMapper json, List<ChainState> chains, long[] offsets, int events, int batch,
                               List<TrailObserver> observers) {
        int done = 0;
        int p = 0;
        while (done < events) {
            int n = Math.min(batch, events - done);
            ChainState chain = chains.get(p);
            List<Incoming> incoming = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                incoming.add(access(json, p, offsets[p]++));
            }
            var chained = writer.append(chain, incoming).chained();
            observers.forEach(o -> o.chained(chained));
            done += n;
            p = (p + 1) % chains.size();
        }
    }

    private static Object construct(String className, Object... args) {
        try {
            var constructor = Class.forName(className).getDeclaredConstructors()[0];
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String[] CONSUMERS = {"HRSS", "AMR", "CIVIL", "EDU", "HEALTH", "TAX"};

    private static Incoming access(JsonMapper json, int partition, long offset) {
        String id = UUID.randomUUID().toString();
        String consumer = CONSUMERS[(int) (offset % CONSUMERS.length)];
        Instant now = Instant.now();
        JsonNode data = json.readTree("""
                {"accessId":"%s","resourceId":"RES-PSB-%d","resourceName":"户籍人口基本信息","providerDepartment":"PSB",
                 "consumerDepartment":"%s","clientId":"%s-system","actor":null,"purpose":"社保待遇资格认证",
                 "grantId":"G-%s-%d","grantKind":"DATA","approvedBy":"psb-officer","channel":"QUERY",
                 "operation":"GET /api/exchange/{resourceId}/records","items":["姓名","身份证号","户籍地址"],
                 "maskedItems":["身份证号"],"recordCount":%d,"fileId":null,"requestId":"%s","accessedAt":"%s"}"""
                .formatted(id, offset % 40, consumer, consumer.toLowerCase(), consumer, offset % 40, offset % 20 + 1,
                        UUID.randomUUID(), now));
        return new Incoming(UUID.randomUUID().toString(), "cn.govdata.exchange.data.accessed.v1", "/govdata/sharing-service", id,
                now, consumer, "320100", "govdata.exchange.v1", partition, offset, now.toEpochMilli(),
                List.of(consumer.toLowerCase() + "-system", "psb-officer"), consumer, "PSB", "RES-PSB-" + (offset % 40), null, data);
    }
}
