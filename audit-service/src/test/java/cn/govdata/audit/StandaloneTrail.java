package cn.govdata.audit;

import cn.govdata.audit.chain.ChainVerifier;
import cn.govdata.audit.chain.ChainWriter;
import cn.govdata.audit.chain.Checkpoints;
import cn.govdata.audit.chain.Incoming;
import cn.govdata.audit.chain.SigningKey;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** The chain machinery on its own in-memory wire store, with a clock the test moves. */
public final class StandaloneTrail implements AutoCloseable {

    /** A fixed Ed25519 test key (PKCS#8, base64), generated for these tests only. */
    public static final String KEY = newPrivateKey();
    public static final AuditProperties.Signing SIGNING = new AuditProperties.Signing(KEY, null, null);

    /** A fresh PKCS#8 Ed25519 private key, base64. */
    public static String newPrivateKey() {
        try {
            return Base64.getEncoder().encodeToString(
                    java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public final MongoServer server = new MongoServer(new MemoryBackend());
    public final MongoClient client;
    public final MongoTemplate mongo;
    public final JsonMapper json = JsonMapper.builder().build();
    public final MovableClock clock = new MovableClock(Instant.parse("2026-11-20T02:00:00Z"));
    public final AuditProperties properties;
    public final Checkpoints checkpoints;
    public final ChainWriter writer;
    public final ChainVerifier verifier;
    private long offset;

    public StandaloneTrail() {
        this(new AuditProperties(SIGNING, null, null, null, null, null, null, null));
    }

    public StandaloneTrail(AuditProperties properties) {
        var address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        mongo = new MongoTemplate(client, "audit");
        this.properties = properties;
        checkpoints = new Checkpoints(mongo, SigningKey.from(properties, new MockEnvironment()));
        writer = new ChainWriter(mongo, json, clock, checkpoints, properties, new SimpleMeterRegistry());
        verifier = new ChainVerifier(mongo, json, checkpoints, clock);
    }

    public ChainWriter newWriter() {
        return new ChainWriter(mongo, json, clock, checkpoints, properties, new SimpleMeterRegistry());
    }

    /** One batch of {@code n} catalog events on partition 0, happening now. */
    public List<Incoming> batch(int n) {
        List<Incoming> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(event(UUID.randomUUID().toString(), offset++));
        }
        return batch;
    }

    public Incoming event(String id, long kafkaOffset) {
        Instant now = clock.instant();
        return new Incoming(id, "cn.govdata.catalog.department.registered.v1", "/govdata/catalog-service", "PSB", now, "PSB",
                "320100", "govdata.catalog.v1", 0, kafkaOffset, now.toEpochMilli(), List.of("bureau"), null, null, null, null,
                json.readTree("{\"code\":\"PSB\",\"name\":\"市公安局\",\"registeredBy\":\"bureau\"}"));
    }

    public void append(int n) {
        writer.append(writer.state("govdata.catalog.v1", 0), batch(n));
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }

    public static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        public void set(Instant instant) {
            now = instant;
        }

        public void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("Asia/Shanghai");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
