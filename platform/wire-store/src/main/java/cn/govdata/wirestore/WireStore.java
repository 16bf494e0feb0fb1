package cn.govdata.wirestore;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The local stand-in for MongoDB: a MongoDB-wire server whose data lives in one H2 MVStore file, so
 * that services keep their data across restarts of the runner. No real {@code mongod} can be
 * installed on the workplace machines.
 *
 * <p>Settings come from {@code --file= --port= --host=} arguments, else from
 * {@code GOVDATA_WIRE_STORE_FILE}, {@code GOVDATA_WIRE_STORE_PORT} and {@code GOVDATA_WIRE_STORE_HOST}.
 */
public final class WireStore implements AutoCloseable {

    static final String DEFAULT_FILE = ".govdata/data/wire-store/govdata.mv.db";
    static final int DEFAULT_PORT = 27018;
    // Loopback only: the store has no authentication.
    static final String DEFAULT_HOST = "127.0.0.1";

    private final MongoServer server;
    private final InetSocketAddress address;

    private WireStore(MongoServer server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    /** Opens (or creates) the file and listens; port 0 picks a free port. */
    public static WireStore start(Path file, String host, int port) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        MongoServer server = new MongoServer(new H2Backend(file.toString()));
        // Change streams read the oplog; without it services that watch collections fail at startup.
        server.enableOplog();
        server.bind(host, port);
        return new WireStore(server, server.getLocalAddress());
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
        server.shutdown();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Settings.parse(args, System.getenv());
        Path file = Path.of(options.get("file"));
        String host = options.get("host");
        int port = Integer.parseInt(options.get("port"));

        WireStore store;
        try {
            store = start(file, host, port);
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
        System.out.println("wire store ready at " + store.connectionString() + " file=" + file.toAbsolutePath());
        stopped.await();
    }

    static final class Settings {

        private Settings() {
        }

        static Map<String, String> parse(String[] args, Map<String, String> env) {
            String file = env.getOrDefault("GOVDATA_WIRE_STORE_FILE", DEFAULT_FILE);
            String host = env.getOrDefault("GOVDATA_WIRE_STORE_HOST", DEFAULT_HOST);
            String port = env.getOrDefault("GOVDATA_WIRE_STORE_PORT", String.valueOf(DEFAULT_PORT));
            for (String arg : args) {
                if (arg.startsWith("--file=")) {
                    file = arg.substring("--file=".length());
                } else if (arg.startsWith("--host=")) {
                    host = arg.substring("--host=".length());
                } else if (arg.startsWith("--port=")) {
                    port = arg.substring("--port=".length());
                } else {
                    throw new IllegalArgumentException("unknown argument " + arg + " (expected --file=, --host=, --port=)");
                }
            }
            return Map.of("file", file, "host", host, "port", port);
        }
    }
}
