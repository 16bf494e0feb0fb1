package cn.govdata.wirestore;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoServer;

/**
 * The local stand-in for MongoDB: a MongoDB-wire server whose data lives in one H2 MVStore file, so
 * that services keep their data across restarts of the runner. No real {@code mongod} can be
 * installed on the workplace machines.
 *
 * <p>Settings come from {@code --file= --port= --host= --oplog= --oplog-retention-minutes=} arguments,
 * else from {@code GOVDATA_WIRE_STORE_FILE}, {@code GOVDATA_WIRE_STORE_PORT},
 * {@code GOVDATA_WIRE_STORE_HOST}, {@code GOVDATA_WIRE_STORE_OPLOG} and
 * {@code GOVDATA_WIRE_STORE_OPLOG_RETENTION_MINUTES}.
 *
 * <p>What it honours beyond mongo-java-server's defaults: every index a service declares. Unique indexes
 * are mongo-java-server's own (stored in the file); non-unique ones, single or compound, ascending or
 * descending, multikey and sparse, are held in memory and rebuilt from the documents when the file is
 * opened ({@link SecondaryIndex}). A query uses an index when it fixes all keys of a unique index
 * (including {@code _id}) by equality or {@code $in}, whatever other fields it constrains, or when it
 * constrains the leading key of a secondary index by equality, {@code $in}, a range or
 * {@code $exists: true}, at top level or inside a top-level {@code $and} ({@link GovdataH2Collection}
 * says how the plan is chosen), or a top-level {@code $or} each of whose branches does. Filters
 * without such a constraint ({@code $or} with an unindexed branch, {@code $ne},
 * {@code $nin}, {@code $regex}, {@code null}, {@code $exists: false}, embedded-document or array
 * equality, {@code $expr}, ...) and aggregation pipelines scan the collection; the module's README
 * lists the shapes exactly. Not supported at all: transactions, {@code $text}, TTL expiry.
 *
 * <p>The oplog, which change streams read, is off by default: every write would append to it, and
 * mongo-java-server reads it whole on every change-stream poll. With {@code --oplog=on} it is kept, and
 * entries older than the retention (10 minutes by default) are deleted every half minute.
 */
public final class WireStore implements AutoCloseable {

    static final String DEFAULT_FILE = ".govdata/data/wire-store/govdata.mv.db";
    static final int DEFAULT_PORT = 27018;
    // Loopback only: the store has no authentication.
    static final String DEFAULT_HOST = "127.0.0.1";

    static final Duration DEFAULT_OPLOG_RETENTION = Duration.ofMinutes(10);
    static final Duration OPLOG_TRIM_INTERVAL = Duration.ofSeconds(30);

    private final MongoServer server;
    private final InetSocketAddress address;
    private final OplogTrimmer trimmer;
    private final GovdataH2Backend backend;

    private WireStore(MongoServer server, InetSocketAddress address, OplogTrimmer trimmer, GovdataH2Backend backend) {
        this.server = server;
        this.backend = backend;
        this.address = address;
        this.trimmer = trimmer;
    }

    /** Opens (or creates) the file and listens, without an oplog; port 0 picks a free port. */
    public static WireStore start(Path file, String host, int port) throws IOException {
        return start(file, host, port, null, OPLOG_TRIM_INTERVAL);
    }

    /**
     * As {@link #start(Path, String, int)}, with change streams when {@code oplogRetention} is not null:
     * oplog entries older than it are deleted every {@code trimInterval}.
     */
    public static WireStore start(Path file, String host, int port, Duration oplogRetention, Duration trimInterval)
            throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        GovdataH2Backend backend = new GovdataH2Backend(MVStore.open(file.toString()));
        MongoServer server = new MongoServer(backend);
        OplogTrimmer trimmer = null;
        if (oplogRetention != null) {
            server.enableOplog();
            trimmer = OplogTrimmer.start(backend, oplogRetention, trimInterval);
        }
        server.bind(host, port);
        return new WireStore(server, server.getLocalAddress(), trimmer, backend);
    }

    /** The collection as the server holds it, for tests that check how a query is planned. */
    GovdataH2Collection collection(String database, String collection) {
        return (GovdataH2Collection) backend.resolveDatabase(database).resolveCollection(collection, true);
    }

    public InetSocketAddress address() {
        return address;
    }

    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    /** Stops listening and closes the MVStore, which writes its last uncommitted changes to the file. */
    @Override
    public void close() {
        if (trimmer != null) {
            trimmer.close();
        }
        server.shutdown();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Settings.parse(args, System.getenv());
        Path file = Path.of(options.get("file"));
        String host = options.get("host");
        int port = Integer.parseInt(options.get("port"));
        Duration retention = options.get("oplog").equals("on")
                ? Duration.ofMinutes(Long.parseLong(options.get("oplogRetentionMinutes"))) : null;

        WireStore store;
        try {
            store = start(file, host, port, retention, OPLOG_TRIM_INTERVAL);
        } catch (RuntimeException | IOException e) {
            System.err.println("wire store could not start on " + host + ":" + port + " with " + file.toAbsolutePath() + ": " + e);
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            store.close();
            stopped.countDown();
        }, "wire-store-shutdown"));

        // The runner waits for this line rather than guessing when the port is bound.
        System.out.println("wire store ready at " + store.connectionString() + " file=" + file.toAbsolutePath()
                + " oplog=" + (retention == null ? "off" : "on, " + retention.toMinutes() + " min"));
        stopped.await();
    }

    static final class Settings {

        private Settings() {
        }

        static Map<String, String> parse(String[] args, Map<String, String> env) {
            String file = env.getOrDefault("GOVDATA_WIRE_STORE_FILE", DEFAULT_FILE);
            String host = env.getOrDefault("GOVDATA_WIRE_STORE_HOST", DEFAULT_HOST);
            String port = env.getOrDefault("GOVDATA_WIRE_STORE_PORT", String.valueOf(DEFAULT_PORT));
            String oplog = env.getOrDefault("GOVDATA_WIRE_STORE_OPLOG", "off");
            String retention = env.getOrDefault("GOVDATA_WIRE_STORE_OPLOG_RETENTION_MINUTES",
                    String.valueOf(DEFAULT_OPLOG_RETENTION.toMinutes()));
            for (String arg : args) {
                if (arg.startsWith("--file=")) {
                    file = arg.substring("--file=".length());
                } else if (arg.startsWith("--host=")) {
                    host = arg.substring("--host=".length());
                } else if (arg.startsWith("--port=")) {
                    port = arg.substring("--port=".length());
                } else if (arg.startsWith("--oplog=")) {
                    oplog = arg.substring("--oplog=".length());
                } else if (arg.startsWith("--oplog-retention-minutes=")) {
                    retention = arg.substring("--oplog-retention-minutes=".length());
                } else {
                    throw new IllegalArgumentException("unknown argument " + arg
                            + " (expected --file=, --host=, --port=, --oplog=on|off, --oplog-retention-minutes=)");
                }
            }
            if (!oplog.equals("on") && !oplog.equals("off")) {
                throw new IllegalArgumentException("oplog must be on or off, not " + oplog);
            }
            Long.parseLong(retention);
            return Map.of("file", file, "host", host, "port", port, "oplog", oplog, "oplogRetentionMinutes", retention);
        }
    }
}
