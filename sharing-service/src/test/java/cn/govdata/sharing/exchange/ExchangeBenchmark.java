package cn.govdata.sharing.exchange;

import cn.govdata.events.Topics;
import cn.govdata.sharing.SharingServiceApplication;
import cn.govdata.sharing.grant.Grant;
import cn.govdata.sharing.grant.Grants;
import cn.govdata.sharing.resource.SharedResource;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.MeterRegistry;
import org.HdrHistogram.Histogram;
import org.bson.Document;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The exchange benchmark (run by {@code sharing-service/bench/exchange-bench.sh}, not by the test
 * suite): the same closed-loop load, N connections each sending its next request when the previous
 * answer arrived, first straight at the simulated provider (WireMock, 20 ms fixed delay), then
 * through the exchange started in this JVM on a real port (token validation, grant check, provider
 * call through the Resilience4j guards, masking, access record and its event), then straight at the
 * provider again. Prints throughput, p50/p99 and the ratio.
 *
 * <p>The sharing service runs on an in-process wire store (mongo-java-server, oplog on, like the
 * local runner's) and an in-process KRaft broker; tokens are RS256 JWTs validated on every call by
 * a decoder with a key generated here instead of Keycloak's.
 */
public final class ExchangeBenchmark {

    private static final String RESOURCE = "101001-PSB-900001";
    private static final Pattern SIM_KEY = Pattern.compile("\"urlPath\"\\s*:\\s*\"/api/people/([^\"]+)\"");

    private ExchangeBenchmark() {
    }

    private static PrintStream out = System.out;

    public static void main(String[] args) {
        Map<String, String> o = options(args);
        // Results go to the console; everything the broker, the store and the service log goes to a file.
        out = System.out;
        try {
            Path log = Path.of(o.getOrDefault("log", "sharing-service/target/bench/service.log"));
            Files.createDirectories(log.toAbsolutePath().getParent());
            PrintStream file = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8);
            System.setOut(file);
            System.setErr(file);
            benchmark(o);
            System.exit(0);
        } catch (Throwable e) {
            out.println("Benchmark failed: " + e);
            e.printStackTrace(out);
            System.exit(1);
        }
    }

    private static void benchmark(Map<String, String> o) throws Exception {
        URI provider = URI.create(o.getOrDefault("provider", "http://127.0.0.1:8090"));
        int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "32"));
        int duration = Integer.parseInt(o.getOrDefault("duration", "30"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "15"));
        List<String> keys = simKeys(Path.of(o.getOrDefault("sim-dir", "deploy/provider-sim")));
        providerPid = Long.parseLong(o.getOrDefault("provider-pid", "0"));
        out.printf("Benchmark: %d connections, %d s warm-up + %d s measured per run, %d provider records, provider %s%n",
                concurrency, warmup, duration, keys.size(), provider);

        if (o.containsKey("compare")) {
            compare(o, provider, keys, concurrency, warmup);
            return;
        }
        Result direct = run("direct", provider.getPort(), k -> "/api/people/" + k, "", keys, concurrency, warmup, duration);

        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 3, Topics.ALL.toArray(String[]::new));
        kafka.afterPropertiesSet();
        Store store = Store.open(o);
        KeyPair keyPair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        JwtDecoder nimbus = NimbusJwtDecoder.withPublicKey((RSAPublicKey) keyPair.getPublic()).build();
        // --bench.cache-jwt=true: what a decoder remembering validated tokens until they expire would save
        // (an experiment for the platform starter; the service itself validates every call).
        JwtDecoder decoder = Boolean.parseBoolean(o.getOrDefault("bench.cache-jwt", "false")) ? cachingDecoder(nimbus) : nimbus;

        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.mongodb.uri", store.uri("sharing"));
        properties.put("spring.kafka.bootstrap-servers", kafka.getBrokersAsString());
        properties.put("eureka.client.enabled", "false");
        properties.put("govdata.exchange.providers.allow", provider.getHost() + ":" + provider.getPort());
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.org.apache.kafka", "ERROR");
        o.forEach((name, value) -> {
            if (name.startsWith("govdata.") || name.startsWith("server.") || name.startsWith("spring.") || name.startsWith("bench.")
                    || name.startsWith("management.") || name.startsWith("logging.")) {
                properties.put(name, value);
            }
        });
        out.println("Service settings: " + properties.entrySet().stream()
                .filter(e -> e.getKey().startsWith("govdata.") || e.getKey().startsWith("server.tomcat")
                        || e.getKey().startsWith("management.") || e.getKey().startsWith("bench.")).toList());
        // As command-line arguments, so they win over application.yml (server.port among them).
        String[] serviceArgs = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext service = new SpringApplicationBuilder(SharingServiceApplication.class)
                .initializers(context -> ((GenericApplicationContext) context).registerBean("benchJwtDecoder", JwtDecoder.class,
                        () -> decoder))
                .run(serviceArgs);
        try {
            int port = Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
            seed(service.getBean(MongoTemplate.class), port, provider, keyPair);
            String consumer = token(keyPair, "hrss-system", "HRSS", "dept-consumer");
            String headers = "Authorization: Bearer " + consumer + "\r\n"
                    + "X-Purpose: %E5%85%BB%E8%80%81%E4%BF%9D%E9%99%A9%E5%BE%85%E9%81%87%E8%B5%84%E6%A0%BC%E8%AE%A4%E8%AF%81\r\n";

            MeterRegistry meters = service.getBean(MeterRegistry.class);
            double publishedBefore = counter(meters, "outbox_published");
            // The service has far more code to compile than the provider: it gets twice the warm-up.
            Result exchange = run("exchange", port, k -> "/api/exchange/" + RESOURCE + "/records/" + k, headers, keys,
                    concurrency, warmup * 2, duration);
            double published = counter(meters, "outbox_published") - publishedBefore;
            Result directAgain = run("direct", provider.getPort(), k -> "/api/people/" + k, "", keys, concurrency, warmup / 2, duration);

            MongoTemplate mongo = service.getBean(MongoTemplate.class);
            long drainLimit = Long.parseLong(o.getOrDefault("drain-timeout", "300")) * 1_000_000_000L;
            long drainStart = System.nanoTime();
            double drainCpuStart = jvmCpu();
            double publishedAtDrain = counter(meters, "outbox_published");
            long pending = pendingEvents(mongo);
            while (pending > 0 && System.nanoTime() - drainStart < drainLimit) {
                Thread.sleep(500);
                pending = pendingEvents(mongo);
            }
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            double drained = counter(meters, "outbox_published") - publishedAtDrain;
            double drainCpu = jvmCpu() - drainCpuStart;
            var batches = meters.find("exchange_access_write").timer();

            double baseline = (direct.throughput() + directAgain.throughput()) / 2;
            double baselineP99 = (direct.p99() + directAgain.p99()) / 2;
            out.println();
            out.println("== Results (" + concurrency + " connections, " + duration + " s each) ==");
            for (Result r : List.of(direct, exchange, directAgain)) {
                out.println(r);
            }
            out.printf(Locale.ROOT, "Throughput ratio exchange/direct: %.3f (target >= 0.85)%n", exchange.throughput() / baseline);
            out.printf(Locale.ROOT, "Added p50: %.2f ms, added p99: %.2f ms (target <= 10 ms)%n",
                    exchange.p50() - (direct.p50() + directAgain.p50()) / 2, exchange.p99() - baselineP99);
            if (batches != null) {
                out.printf(Locale.ROOT, "Access log: %d batch writes in total, mean %.2f ms, max %.2f ms, mean %.1f records per batch%n",
                        batches.count(), batches.mean(java.util.concurrent.TimeUnit.MILLISECONDS),
                        batches.max(java.util.concurrent.TimeUnit.MILLISECONDS),
                        accessRecords(mongo) / (double) Math.max(1, batches.count()));
            }
            out.printf(Locale.ROOT, "Relay: %.0f DataAccessed events published during the exchange run (%.0f/s); "
                            + "%.0f more in the %.1f s after it (%.0f/s, %.0f us of this JVM's CPU each), %d still pending%n",
                    published, published / (warmup + duration), drained, drainSeconds, drained / Math.max(0.001, drainSeconds),
                    drained > 0 ? drainCpu / drained * 1e6 : 0, pending);
        } finally {
            service.close();
            kafka.destroy();
            store.close();
        }
    }

    /**
     * {@code --compare "a=1,b=2;a=3"}: one service per variant in this JVM (own port and database,
     * shared broker and store), measured in short interleaved segments together with the direct
     * calls, so that whatever else the machine is doing weighs on every variant alike.
     * {@code --rounds} (default 6) x {@code --segment} seconds (default 10) per variant.
     */
    private static void compare(Map<String, String> o, URI provider, List<String> keys, int concurrency, int warmup)
            throws Exception {
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "6"));
        int segment = Integer.parseInt(o.getOrDefault("segment", "10"));
        List<String> variants = List.of(o.get("compare").split(";"));
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 3, Topics.ALL.toArray(String[]::new));
        kafka.afterPropertiesSet();
        Store store = Store.open(o);
        KeyPair keyPair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        JwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) keyPair.getPublic()).build();
        String headers = "Authorization: Bearer " + token(keyPair, "hrss-system", "HRSS", "dept-consumer") + "\r\n"
                + "X-Purpose: %E5%85%BB%E8%80%81%E4%BF%9D%E9%99%A9%E5%BE%85%E9%81%87%E8%B5%84%E6%A0%BC%E8%AE%A4%E8%AF%81\r\n";
        List<ConfigurableApplicationContext> services = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (int i = 0; i < variants.size(); i++) {
                Map<String, Object> properties = new LinkedHashMap<>();
                properties.put("spring.mongodb.uri", store.uri("sharing" + i));
                properties.put("spring.kafka.bootstrap-servers", kafka.getBrokersAsString());
                properties.put("spring.kafka.consumer.group-id", "bench-" + i);
                properties.put("eureka.client.enabled", "false");
                properties.put("server.port", "0");
                properties.put("spring.main.banner-mode", "off");
                properties.put("logging.level.root", "WARN");
                o.forEach((name, value) -> {
                    if (name.startsWith("govdata.") || name.startsWith("server.") || name.startsWith("spring.")
                            || name.startsWith("management.")) {
                        properties.put(name, value);
                    }
                });
                for (String setting : variants.get(i).split(",")) {
                    if (setting.contains("=")) {
                        properties.put(setting.substring(0, setting.indexOf('=')).strip(), setting.substring(setting.indexOf('=') + 1).strip());
                    }
                }
                JwtDecoder variantDecoder = "true".equals(String.valueOf(properties.remove("bench.cache-jwt")))
                        ? cachingDecoder(decoder) : decoder;
                String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
                ConfigurableApplicationContext service = new SpringApplicationBuilder(SharingServiceApplication.class)
                        .initializers(context -> ((GenericApplicationContext) context).registerBean("benchJwtDecoder",
                                JwtDecoder.class, () -> variantDecoder))
                        .run(args);
                services.add(service);
                int port = Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
                ports.add(port);
                seed(service.getBean(MongoTemplate.class), port, provider, keyPair);
                out.println("Variant " + i + ": " + variants.get(i));
            }
            List<String> names = new ArrayList<>(List.of("direct"));
            for (int i = 0; i < variants.size(); i++) {
                names.add("variant" + i);
            }
            java.util.function.IntFunction<Result> segmentOf = t -> {
                try {
                    return t == 0
                            ? run("direct", provider.getPort(), k -> "/api/people/" + k, "", keys, concurrency, 0, segment)
                            : run("variant" + (t - 1), ports.get(t - 1), k -> "/api/exchange/" + RESOURCE + "/records/" + k,
                            headers, keys, concurrency, 0, segment);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            };
            // The variants share this JVM's compiled code: the first warms it up, the others need less.
            out.println("Warm-up: direct " + warmup + " s, first variant " + 2 * warmup + " s, others " + Math.max(10, warmup / 3) + " s");
            run("direct", provider.getPort(), k -> "/api/people/" + k, "", keys, concurrency, warmup, 1);
            for (int i = 0; i < variants.size(); i++) {
                run("variant" + i, ports.get(i), k -> "/api/exchange/" + RESOURCE + "/records/" + k, headers, keys, concurrency,
                        i == 0 ? 2 * warmup : Math.max(10, warmup / 3), 1);
            }
            Map<String, Result> totals = new LinkedHashMap<>();
            for (int r = 0; r < rounds; r++) {
                out.println("Round " + (r + 1) + " of " + rounds);
                for (int step = 0; step < names.size(); step++) {
                    int t = (r + step) % names.size();
                    Result segmentResult = segmentOf.apply(t);
                    totals.merge(names.get(t), segmentResult, Result::plus);
                }
            }
            Result direct = totals.get("direct");
            out.println();
            out.println("== Interleaved results (" + concurrency + " connections, " + rounds + " x " + segment + " s each) ==");
            out.println(direct);
            for (int i = 0; i < variants.size(); i++) {
                Result v = totals.get("variant" + i);
                out.println(v + "  <- " + variants.get(i));
                out.printf(Locale.ROOT, "          ratio %.3f, added p50 %.2f ms, added p99 %.2f ms%n", v.throughput() / direct.throughput(),
                        v.p50() - direct.p50(), v.p99() - direct.p99());
            }
        } finally {
            services.forEach(ConfigurableApplicationContext::close);
            kafka.destroy();
            store.close();
        }
    }

    /** The wire store the script started ({@code --mongo}), or an in-memory one in this JVM. */
    private record Store(String base, MongoServer embedded) {
        static Store open(Map<String, String> o) {
            if (o.containsKey("mongo")) {
                storePid = Long.parseLong(o.getOrDefault("store-pid", "0"));
                return new Store(o.get("mongo"), null);
            }
            MongoServer server = new MongoServer(new MemoryBackend());
            server.enableOplog();
            InetSocketAddress address = server.bind();
            return new Store("mongodb://127.0.0.1:" + address.getPort(), server);
        }

        String uri(String database) {
            return base + "/" + database;
        }

        void close() {
            if (embedded != null) {
                embedded.shutdownNow();
            }
        }
    }

    private static JwtDecoder cachingDecoder(JwtDecoder delegate) {
        Map<String, org.springframework.security.oauth2.jwt.Jwt> cache = new java.util.concurrent.ConcurrentHashMap<>();
        return token -> {
            var jwt = cache.get(token);
            if (jwt == null || jwt.getExpiresAt() == null || !jwt.getExpiresAt().isAfter(Instant.now())) {
                jwt = delegate.decode(token);
                cache.put(token, jwt);
            }
            return jwt;
        };
    }

    private static double counter(MeterRegistry meters, String name) {
        var counter = meters.find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    private static long pendingEvents(MongoTemplate mongo) {
        long pending = 0;
        for (Document d : mongo.find(Query.query(Criteria.where("outbox.0").exists(true)), Document.class, AccessLog.COLLECTION)) {
            pending += d.getList("outbox", Document.class).size();
        }
        return pending;
    }

    private static long accessRecords(MongoTemplate mongo) {
        long n = 0;
        for (String collection : List.of(AccessLog.COLLECTION, AccessLog.ARCHIVE)) {
            for (Document d : mongo.find(new Query(), Document.class, collection)) {
                n += d.getInteger("count", 0);
            }
        }
        return n;
    }

    /** A published people resource, the provider's registration and a generous grant for the consumer. */
    private static void seed(MongoTemplate mongo, int port, URI provider, KeyPair keyPair) throws Exception {
        var items = List.of(new SharedResource.Item("公民身份号码", "STRING", true, true),
                new SharedResource.Item("姓名", "STRING", true, false), new SharedResource.Item("手机号码", "STRING", true, true),
                new SharedResource.Item("住址", "STRING", true, false), new SharedResource.Item("出生日期", "DATE", true, false));
        mongo.save(new SharedResource(RESOURCE, 1, "人口基础信息", "PSB", "320100", "UNCONDITIONAL", null, List.of("API"), items,
                SharedResource.Availability.AVAILABLE, Instant.now(), "bench"));
        mongo.insert(ExchangeFixtures.grantDocument("G-bench", RESOURCE, "HRSS", Grant.Kind.DATA, Grant.State.ACTIVE,
                List.of("公民身份号码", "姓名", "手机号码", "住址", "出生日期"), List.of("姓名"), 100_000_000, 2_000_000_000,
                Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(30, ChronoUnit.DAYS), "API"), Grants.COLLECTION);
        String registration = """
                {"mode":"API","endpoint":"%s/api/people/{key}","listEndpoint":"%s/api/people","timeout":"2s",
                 "recordKeyField":"公民身份号码","maxConcurrent":64,
                 "masking":{"公民身份号码":"ID_NUMBER","手机号码":"PHONE","姓名":"NAME","住址":"ADDRESS","出生日期":"FREE_TEXT"}}"""
                .formatted(provider, provider);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/sharing/providers/" + RESOURCE))
                .header("Authorization", "Bearer " + token(keyPair, "psb-system", "PSB", "dept-data-officer"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(registration)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Registering the provider failed: " + response.statusCode() + " " + response.body());
        }
    }

    /** Keycloak-shaped client-credentials token: azp, department, region, realm roles. */
    private static String token(KeyPair keyPair, String clientId, String department, String role) throws Exception {
        var claims = new JWTClaimsSet.Builder().subject("service-account-" + clientId).issuer("http://bench/realms/govdata")
                .audience("govdata-api").claim("azp", clientId).claim("preferred_username", "service-account-" + clientId)
                .claim("department", department).claim("region", "320100")
                .claim("realm_access", Map.of("roles", List.of(role)))
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plus(2, ChronoUnit.HOURS))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner(keyPair.getPrivate()));
        return jwt.serialize();
    }

    private static List<String> simKeys(Path dir) throws IOException {
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.resolve("mappings"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("person-")).sorted().toList()) {
                Matcher m = SIM_KEY.matcher(Files.readString(file));
                if (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException("No person-*.json mappings under " + dir);
        }
        return keys;
    }

    /** CPU seconds of this JVM and of the provider process, and the machine's load average, around a run. */
    private static double jvmCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private static long providerPid;
    private static long storePid;

    /** CPU per live thread, keyed by name and id; JIT compiler and GC threads are not Java threads and are missing. */
    private static void threadCpu(Map<String, Long> into) {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null) {
                long cpu = mx.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    into.put(info.getThreadName() + "#" + info.getThreadId(), cpu);
                }
            }
        }
    }

    private static double providerCpu() {
        return processCpu(providerPid);
    }

    private static double storeCpu() {
        return processCpu(storePid);
    }

    private static double processCpu(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    record Result(String name, long requests, long errors, double seconds, Histogram latency, double jvmCpu, double providerCpu,
                  double storeCpu, String load) {
        double throughput() {
            return requests / seconds;
        }

        Result plus(Result other) {
            Histogram merged = latency.copy();
            merged.add(other.latency);
            return new Result(name, requests + other.requests, errors + other.errors, seconds + other.seconds, merged,
                    jvmCpu + other.jvmCpu, providerCpu + other.providerCpu, storeCpu + other.storeCpu, load + "," + other.load);
        }

        double p50() {
            return latency.getValueAtPercentile(50) / 1e6;
        }

        double p99() {
            return latency.getValueAtPercentile(99) / 1e6;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-9s %8.1f req/s  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %7.2f ms  (%d ok, %d errors)"
                            + "  cpu/req: bench JVM %4.0f us, store %4.0f us, provider %4.0f us  load avg %s",
                    name, throughput(), p50(), latency.getValueAtPercentile(90) / 1e6, p99(), latency.getMaxValue() / 1e6,
                    requests, errors, jvmCpu / Math.max(1, requests) * 1e6, storeCpu / Math.max(1, requests) * 1e6,
                    providerCpu / Math.max(1, requests) * 1e6, load);
        }
    }

    /** Closed loop: each connection sends its next request as soon as the previous answer is read. */
    private static Result run(String name, int port, java.util.function.Function<String, String> path, String headers,
                              List<String> keys, int concurrency, int warmupSeconds, int seconds) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmupSeconds * 1_000_000_000L;
        double[] cpuAtStart = new double[3];
        Map<String, Long> threadsAtStart = new java.util.HashMap<>();
        Thread cpuMark = new Thread(() -> {
            try {
                Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            cpuAtStart[0] = jvmCpu();
            cpuAtStart[1] = providerCpu();
            cpuAtStart[2] = storeCpu();
            threadCpu(threadsAtStart);
        });
        cpuMark.start();
        long end = measureFrom + seconds * 1_000_000_000L;
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Histogram histogram = new Histogram(60_000_000_000L, 3);
            histograms.add(histogram);
            Thread thread = new Thread(() -> {
                Connection connection = new Connection(port);
                try {
                    while (true) {
                        long sent = System.nanoTime();
                        if (sent >= end) {
                            break;
                        }
                        String key = keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
                        int status;
                        try {
                            status = connection.get(path.apply(key), headers);
                        } catch (IOException e) {
                            status = -1;
                            connection.close();
                        }
                        long done = System.nanoTime();
                        if (sent >= measureFrom && done <= end) {
                            if (status == 200) {
                                ok.incrementAndGet();
                                histogram.recordValue(done - sent);
                            } else {
                                errors.incrementAndGet();
                            }
                        }
                    }
                } finally {
                    connection.close();
                }
            }, "bench-" + name + "-" + i);
            threads.add(thread);
            thread.start();
        }
        cpuMark.join();
        for (Thread thread : threads) {
            thread.join();
        }
        Map<String, Long> threadsAtEnd = new java.util.HashMap<>();
        threadCpu(threadsAtEnd);
        double jvm = jvmCpu() - cpuAtStart[0];
        if (name.equals("exchange")) {
            // Where this JVM's CPU went during the measured window, by thread group, per successful call.
            Map<String, Long> groups = new java.util.TreeMap<>();
            threadsAtEnd.forEach((thread, nanos) -> groups.merge(thread.replaceAll("#\\d+$", "").replaceAll("[-#]?\\d+$", ""),
                    nanos - threadsAtStart.getOrDefault(thread, 0L), Long::sum));
            out.print("    cpu/call by thread group:");
            groups.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                    .forEach(e -> out.printf(Locale.ROOT, " %s %.0f us;", e.getKey(), e.getValue() / 1e3 / Math.max(1, ok.get())));
            out.println();
        }
        double prov = providerCpu() - cpuAtStart[1];
        double storeUsed = storeCpu() - cpuAtStart[2];
        Histogram all = new Histogram(60_000_000_000L, 3);
        histograms.forEach(all::add);
        Result result = new Result(name, ok.get(), errors.get(), seconds, all, jvm, prov, storeUsed, loadAverage());
        out.println("  " + result);
        return result;
    }

    /** A minimal HTTP/1.1 keep-alive client: the load generator must cost the 2 cores as little as possible. */
    private static final class Connection {
        private final int port;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Connection(int port) {
            this.port = port;
        }

        int get(String path, String headers) throws IOException {
            if (socket == null) {
                socket = new Socket("127.0.0.1", port);
                socket.setTcpNoDelay(true);
                in = new BufferedInputStream(socket.getInputStream(), 16_384);
                out = socket.getOutputStream();
            }
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: application/json\r\n" + headers + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(header.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                     size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    skip(size);
                    line();
                }
                line();
            } else if (length > 0) {
                skip(length);
            }
            if (close) {
                close();
            }
            return status;
        }

        private void skip(long n) throws IOException {
            long left = n;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed mid-body");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    int len = line.length();
                    return len > 0 && line.charAt(len - 1) == '\r' ? line.substring(0, len - 1) : line.toString();
                }
                line.append((char) c);
            }
            throw new IOException("connection closed");
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Nothing to do: the next request opens a new connection.
                }
                socket = null;
            }
        }
    }

    /** {@code --name=value} or {@code --name value}; anything starting with govdata./server./spring. goes to the service. */
    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                continue;
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                options.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (i + 1 < args.length) {
                options.put(arg.substring(2), args[++i]);
            }
        }
        return options;
    }
}
