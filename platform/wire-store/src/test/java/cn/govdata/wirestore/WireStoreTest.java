package cn.govdata.wirestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.changestream.ChangeStreamDocument;

class WireStoreTest {

    @TempDir
    Path dir;

    @Test
    void documentsSurviveARestartOnTheSameFile() throws Exception {
        Path file = dir.resolve("nested/govdata.mv.db");

        try (WireStore store = WireStore.start(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            client.getDatabase("catalog").getCollection("resources")
                    .insertOne(new Document("_id", "R-1").append("title", "企业登记信息"));
        }

        try (WireStore store = WireStore.start(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            Document found = client.getDatabase("catalog").getCollection("resources")
                    .find(new Document("_id", "R-1")).first();
            assertThat(found).isNotNull();
            assertThat(found.getString("title")).isEqualTo("企业登记信息");
        }
    }

    @Test
    void changeStreamsReportInsertsWhenTheOplogIsSwitchedOn() throws Exception {
        try (WireStore store = WireStore.start(dir.resolve("cs.mv.db"), "127.0.0.1", 0, Duration.ofMinutes(10), Duration.ofMinutes(1));
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> outbox = client.getDatabase("sharing").getCollection("outbox");
            try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = outbox.watch()
                    .maxAwaitTime(200, TimeUnit.MILLISECONDS).cursor()) {
                outbox.insertOne(new Document("_id", "E-1"));

                List<ChangeStreamDocument<Document>> seen = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (seen.isEmpty() && System.nanoTime() < deadline) {
                    ChangeStreamDocument<Document> next = cursor.tryNext();
                    if (next != null) {
                        seen.add(next);
                    }
                }
                assertThat(seen).singleElement()
                        .satisfies(change -> assertThat(change.getDocumentKey().getString("_id").getValue()).isEqualTo("E-1"));
            }
        }
    }

    @Test
    void withoutAnOplogAChangeStreamIsRefusedAsAStandaloneServerRefusesIt() throws Exception {
        try (WireStore store = WireStore.start(dir.resolve("no-stream.mv.db"), "127.0.0.1", 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> entries = client.getDatabase("catalog").getCollection("entries");

            assertThatExceptionOfType(MongoCommandException.class)
                    .isThrownBy(() -> entries.watch().cursor().close())
                    .satisfies(e -> assertThat(e.getErrorCode()).isEqualTo(40573));
            entries.insertOne(new Document("_id", "still-serving"));
            assertThat(entries.countDocuments()).isEqualTo(1);
        }
    }

    @Test
    void writesLeaveNoOplogEntriesByDefault() throws Exception {
        try (WireStore store = WireStore.start(dir.resolve("no-oplog.mv.db"), "127.0.0.1", 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            client.getDatabase("sharing").getCollection("outbox").insertOne(new Document("_id", "E-1"));

            assertThat(client.getDatabase("local").getCollection("oplog.rs").countDocuments()).isZero();
        }
    }

    @Test
    void oplogEntriesOlderThanTheRetentionAreTrimmed() throws Exception {
        try (WireStore store = WireStore.start(dir.resolve("trim.mv.db"), "127.0.0.1", 0, Duration.ofSeconds(3), Duration.ofMillis(100));
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> outbox = client.getDatabase("sharing").getCollection("outbox");
            for (int i = 0; i < 20; i++) {
                outbox.insertOne(new Document("_id", "E-" + i));
            }
            MongoCollection<Document> oplog = client.getDatabase("local").getCollection("oplog.rs");
            assertThat(oplog.countDocuments()).isEqualTo(20);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (oplog.countDocuments() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(oplog.countDocuments()).isZero();
            assertThat(outbox.countDocuments()).isEqualTo(20);
        }
    }

    @Test
    void oplogIsOffUnlessSwitchedOnByArgumentOrEnvironment() {
        assertThat(WireStore.Settings.parse(new String[0], Map.of())).containsEntry("oplog", "off")
                .containsEntry("oplogRetentionMinutes", "10");
        assertThat(WireStore.Settings.parse(new String[0], Map.of("GOVDATA_WIRE_STORE_OPLOG", "on"))).containsEntry("oplog", "on");
        assertThat(WireStore.Settings.parse(new String[] {"--oplog=off", "--oplog-retention-minutes=3"},
                Map.of("GOVDATA_WIRE_STORE_OPLOG", "on"))).containsEntry("oplog", "off").containsEntry("oplogRetentionMinutes", "3");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> WireStore.Settings.parse(new String[] {"--oplog=yes"}, Map.of()));
    }

    @Test
    void argumentsOverrideEnvironmentWhichOverridesDefaults() {
        Map<String, String> fromEnv = WireStore.Settings.parse(new String[0], Map.of("GOVDATA_WIRE_STORE_PORT", "27100"));
        assertThat(fromEnv).containsEntry("port", "27100").containsEntry("host", "127.0.0.1")
                .containsEntry("file", WireStore.DEFAULT_FILE);

        Map<String, String> fromArgs = WireStore.Settings.parse(new String[] {"--port=27200", "--file=/tmp/x.mv.db"},
                Map.of("GOVDATA_WIRE_STORE_PORT", "27100"));
        assertThat(fromArgs).containsEntry("port", "27200").containsEntry("file", "/tmp/x.mv.db");
    }
}
