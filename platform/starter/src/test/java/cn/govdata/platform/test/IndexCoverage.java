package cn.govdata.platform.test;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Watches every command a service sends to its test store and fails the test class when a query
 * filter does not constrain the leading key of an index declared on its collection: equality,
 * {@code $in} or a range on that key, or {@code $exists: true} when the index is sparse ({@code _id}
 * counts as declared everywhere). Those are the forms the wire store (and real MongoDB) can answer
 * without reading the whole collection, so a query that passes here does no work that grows with
 * history.
 *
 * <p>Indexes are learnt from the {@code createIndexes} commands the service itself sends, so the
 * check proves the service declares what it needs rather than trusting the store's listing.
 * Queries issued by test code itself (its innermost project frame is a test class) are not checked.
 * Deliberate scans are listed, each with its reason, in {@code index-coverage-exemptions.txt} on the
 * test classpath: {@code collection origin # why}, where origin is {@code SimpleClass.method} of the
 * innermost service frame, or {@code *}.
 *
 * <p>Every query shape seen is also written to {@code target/index-coverage.txt}: the inventory.
 */
public final class IndexCoverage implements CommandListener {

    /** A query shape with the service code that sent it. */
    record Issued(String collection, String command, String shape, String origin, BsonDocument filter) {
        String key() {
            return collection + " " + command + " " + shape + " " + origin;
        }
    }

    record Declared(List<String> keys, boolean sparse) {
    }

    private static final Set<String> SKIPPED_DATABASES = Set.of("admin", "config", "local");
    /** The inventory is started afresh by the first check of a test run (one JVM per module). */
    private static final java.util.concurrent.atomic.AtomicBoolean INVENTORY_STARTED = new java.util.concurrent.atomic.AtomicBoolean();

    private final Map<String, List<Declared>> declared = new ConcurrentHashMap<>();
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final Map<String, Issued> reported = new ConcurrentHashMap<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (SKIPPED_DATABASES.contains(event.getDatabaseName())) {
            return;
        }
        BsonDocument command = event.getCommand();
        String name = event.getCommandName();
        switch (name) {
            case "createIndexes" -> declare(command);
            case "find" -> issue(command.getString("find").getValue(), name, doc(command, "filter"));
            case "count" -> {
                // A count without a query is answered from collection metadata.
                if (command.containsKey("query") && !command.getDocument("query").isEmpty()) {
                    issue(command.getString("count").getValue(), name, doc(command, "query"));
                }
            }
            case "distinct" -> issue(command.getString("distinct").getValue(), name, doc(command, "query"));
            case "findAndModify", "findandmodify" -> issue(command.getString(name).getValue(), name, doc(command, "query"));
            case "update" -> each(command, "updates", "q", command.getString("update").getValue(), name);
            case "delete" -> each(command, "deletes", "q", command.getString("delete").getValue(), name);
            case "aggregate" -> aggregate(command);
            default -> {
            }
        }
    }

    private void aggregate(BsonDocument command) {
        if (!command.get("aggregate").isString()) {
            return; // database-level aggregations: change streams
        }
        BsonArray pipeline = command.getArray("pipeline", new BsonArray());
        if (!pipeline.isEmpty() && pipeline.get(0).asDocument().containsKey("$changeStream")) {
            return;
        }
        BsonDocument match = pipeline.isEmpty() || !pipeline.get(0).asDocument().containsKey("$match")
                ? new BsonDocument() : pipeline.get(0).asDocument().getDocument("$match");
        issue(command.getString("aggregate").getValue(), "aggregate", match);
    }

    private void each(BsonDocument command, String array, String field, String collection, String name) {
        if (!command.containsKey(array)) {
            return; // sent as a payload sequence; the driver folds it into the command for listeners
        }
        for (BsonValue statement : command.getArray(array)) {
            issue(collection, name, statement.asDocument().getDocument(field, new BsonDocument()));
        }
    }

    private static BsonDocument doc(BsonDocument command, String field) {
        BsonValue value = command.get(field);
        return value != null && value.isDocument() ? value.asDocument() : new BsonDocument();
    }

    void declare(BsonDocument command) {
        String collection = command.getString("createIndexes").getValue();
        for (BsonValue index : command.getArray("indexes")) {
            BsonDocument spec = index.asDocument();
            List<String> keys = new ArrayList<>(spec.getDocument("key").keySet());
            boolean sparse = spec.containsKey("sparse") && spec.getBoolean("sparse").getValue();
            declared.computeIfAbsent(collection, c -> Collections.synchronizedList(new ArrayList<>())).add(new Declared(keys, sparse));
        }
    }

    private void issue(String collection, String command, BsonDocument filter) {
        Optional<String> origin = origin();
        if (origin.isEmpty()) {
            return;
        }
        Issued query = new Issued(collection, command, shape(filter), origin.get(), filter.clone());
        issued.putIfAbsent(query.key(), query);
    }

    /**
     * The innermost project frame that sent the command; empty when that frame is test code (a
     * test's own assertions) so that only the service's queries are judged.
     */
    private static Optional<String> origin() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .filter(f -> f.getClassName().startsWith("cn.govdata.") && !f.getClassName().startsWith("cn.govdata.platform.test."))
                .findFirst()
                .filter(f -> !isTestCode(f.getDeclaringClass()))
                .map(f -> simpleName(f.getDeclaringClass()) + "." + f.getMethodName()));
    }

    private static boolean isTestCode(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        String location = source == null || source.getLocation() == null ? "" : source.getLocation().toString();
        return location.contains("test-classes") || location.endsWith("-tests.jar");
    }

    private static String simpleName(Class<?> type) {
        Class<?> outer = type;
        while (outer.getEnclosingClass() != null) {
            outer = outer.getEnclosingClass();
        }
        return outer.getSimpleName();
    }

    /** The filter with its values blanked, so one query written many times is one line of the inventory. */
    static String shape(BsonValue value) {
        if (value.isDocument()) {
            return value.asDocument().entrySet().stream()
                    .map(e -> e.getKey() + ":" + (e.getKey().startsWith("$") && !e.getValue().isDocument() && !e.getValue().isArray()
                            ? "?" : shape(e.getValue())))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value.isArray()) {
            BsonArray array = value.asArray();
            boolean operands = !array.isEmpty() && array.get(0).isDocument();
            return operands ? array.stream().map(IndexCoverage::shape).collect(Collectors.joining(", ", "[", "]")) : "[?]";
        }
        return "?";
    }

    /**
     * The index answering {@code filter}, or empty when the query reads the whole collection. An
     * {@code $or} whose every branch some index answers is answered too (MongoDB scans one index per
     * branch and merges); it is reported as the first branch's index.
     */
    Optional<Declared> coveringIndex(String collection, BsonDocument filter) {
        List<Declared> candidates = new ArrayList<>(declared.getOrDefault(collection, List.of()));
        candidates.add(0, new Declared(List.of("_id"), false));
        Optional<Declared> single = candidates.stream().filter(index -> constrains(filter, index.keys().get(0), index.sparse())).findFirst();
        return single.isPresent() ? single : orUnion(collection, filter);
    }

    private Optional<Declared> orUnion(String collection, BsonDocument filter) {
        for (Map.Entry<String, BsonValue> entry : filter.entrySet()) {
            if (entry.getKey().equals("$or") && !entry.getValue().asArray().isEmpty()) {
                List<Optional<Declared>> branches = entry.getValue().asArray().stream()
                        .map(branch -> coveringIndex(collection, branch.asDocument())).toList();
                if (branches.stream().allMatch(Optional::isPresent)) {
                    return branches.get(0);
                }
            }
            if (entry.getKey().equals("$and")) {
                for (BsonValue part : entry.getValue().asArray()) {
                    Optional<Declared> inner = orUnion(collection, part.asDocument());
                    if (inner.isPresent()) {
                        return inner;
                    }
                }
            }
        }
        return Optional.empty();
    }

    static boolean constrains(BsonDocument filter, String field, boolean sparse) {
        for (Map.Entry<String, BsonValue> entry : filter.entrySet()) {
            String key = entry.getKey();
            BsonValue value = entry.getValue();
            if (key.equals(field) && usable(value, sparse)) {
                return true;
            }
            if (key.equals("$and") && value.asArray().stream().anyMatch(c -> constrains(c.asDocument(), field, sparse))) {
                return true;
            }
            if (key.equals("$or") && !value.asArray().isEmpty()
                    && value.asArray().stream().allMatch(c -> constrains(c.asDocument(), field, sparse))) {
                return true;
            }
        }
        return false;
    }

    private static boolean usable(BsonValue condition, boolean sparse) {
        if (condition.isRegularExpression()) {
            return false;
        }
        if (!condition.isDocument()) {
            return true;
        }
        BsonDocument operators = condition.asDocument();
        if (operators.keySet().stream().noneMatch(k -> k.startsWith("$"))) {
            return true; // equality on an embedded document
        }
        for (String op : List.of("$eq", "$in", "$gt", "$gte", "$lt", "$lte")) {
            if (operators.containsKey(op)) {
                return true;
            }
        }
        return sparse && operators.containsKey("$exists") && isTrue(operators.get("$exists"));
    }

    private static boolean isTrue(BsonValue value) {
        return value.isBoolean() ? value.asBoolean().getValue() : value.isNumber() && value.asNumber().intValue() != 0;
    }

    /**
     * @throws AssertionError naming every query since the last check that no declared index answers
     *                        and no exemption allows
     */
    public void assertCovered() {
        List<Exemption> exemptions = Exemption.load();
        List<String> lines = new ArrayList<>();
        List<String> uncovered = new ArrayList<>();
        for (Issued query : issued.values()) {
            if (reported.putIfAbsent(query.key(), query) != null) {
                continue;
            }
            Optional<Declared> index = coveringIndex(query.collection(), query.filter());
            Optional<Exemption> exempt = exemptions.stream().filter(e -> e.allows(query)).findFirst();
            String verdict = index.map(i -> "index " + i.keys() + (i.sparse() ? " sparse" : ""))
                    .or(() -> exempt.map(e -> "EXEMPT: " + e.reason()))
                    .orElse("SCAN");
            lines.add(query.collection() + "\t" + query.command() + "\t" + query.shape() + "\t" + query.origin() + "\t" + verdict);
            if (index.isEmpty() && exempt.isEmpty()) {
                uncovered.add("%s %s %s from %s".formatted(query.collection(), query.command(), query.shape(), query.origin()));
            }
        }
        issued.clear();
        writeInventory(lines);
        if (!uncovered.isEmpty()) {
            throw new AssertionError("Queries that no declared index answers (each reads the whole collection):\n  "
                    + String.join("\n  ", new TreeSet<>(uncovered))
                    + "\nDeclare an index whose leading key the filter constrains, or list a deliberate scan with its reason"
                    + " in index-coverage-exemptions.txt.");
        }
    }

    private static void writeInventory(List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        try {
            Path target = Path.of("target");
            if (Files.isDirectory(target)) {
                StandardOpenOption mode = INVENTORY_STARTED.compareAndSet(false, true)
                        ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND;
                Files.write(target.resolve("index-coverage.txt"), new TreeSet<>(lines), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, mode);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Exemption(String collection, String origin, String reason) {

        boolean allows(Issued query) {
            return collection.equals(query.collection()) && (origin.equals("*") || origin.equals(query.origin()));
        }

        static List<Exemption> load() {
            List<Exemption> exemptions = new ArrayList<>();
            try {
                Enumeration<URL> files = IndexCoverage.class.getClassLoader().getResources("index-coverage-exemptions.txt");
                while (files.hasMoreElements()) {
                    try (var reader = new BufferedReader(new InputStreamReader(files.nextElement().openStream(), StandardCharsets.UTF_8))) {
                        reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(line -> {
                            int hash = line.indexOf('#');
                            String[] parts = (hash < 0 ? line : line.substring(0, hash)).strip().split("\\s+");
                            String reason = hash < 0 ? "" : line.substring(hash + 1).strip();
                            if (parts.length != 2 || reason.isEmpty()) {
                                throw new IllegalStateException("An exemption is 'collection origin # reason': " + line);
                            }
                            exemptions.add(new Exemption(parts[0], parts[1], reason));
                        });
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return exemptions;
        }
    }

    /** Checks, after each test class, the queries its tests made the service send. */
    public static final class Check extends AbstractTestExecutionListener {

        @Override
        public void afterTestClass(TestContext testContext) {
            if (!testContext.hasApplicationContext()) {
                return;
            }
            var context = testContext.getApplicationContext();
            // By name: a context without the in-memory store need not have the MongoDB driver to load this class.
            if (context.containsBean("indexCoverage")) {
                ((IndexCoverage) context.getBean("indexCoverage")).assertCovered();
            }
        }
    }

    /** Shapes seen so far, for tests of this class. */
    Map<String, Issued> issued() {
        return new LinkedHashMap<>(issued);
    }
}
