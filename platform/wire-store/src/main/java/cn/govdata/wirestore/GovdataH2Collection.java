package cn.govdata.wirestore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.h2.mvstore.MVMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.Assert;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.IndexBuildFailedException;
import de.bwaldvogel.mongo.exception.MongoServerError;

/**
 * The H2 collection with a query planner that uses every index the filter allows, rather than
 * mongo-java-server's rule (the first index whose key set equals the filter's key set exactly).
 *
 * <p>Plan, in order:
 * <ol>
 *   <li>a unique index (including {@code _id}) whose every key the filter fixes by equality or
 *       {@code $in}, whatever else the filter says: at most one document per value;</li>
 *   <li>else the {@link SecondaryIndex} yielding the fewest candidates (counted, stopping as soon as an
 *       index exceeds the best so far);</li>
 *   <li>else, or if the best index still yields more than half the collection, a full scan.</li>
 * </ol>
 * Candidates are then matched against the whole filter, sorted, skipped and limited in memory exactly as
 * a scan's documents are, so a plan can change speed but never results.
 */
final class GovdataH2Collection extends H2Collection {

    private static final Logger log = LoggerFactory.getLogger(GovdataH2Collection.class);
    private static final int MAX_POINT_COMBINATIONS = 1024;

    // The document map holds StoredDocuments, not the Documents H2Collection's map is declared with: every
    // H2Collection method that touches it is overridden below, so the superclass never reads or writes it.
    private final MVMap<Object, StoredDocument> dataMap;

    @SuppressWarnings({"unchecked", "rawtypes"})
    GovdataH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                        MVMap<Object, StoredDocument> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
        super(database, collectionName, options, (MVMap) dataMap, metaMap, cursorRegistry);
        this.dataMap = dataMap;
    }

    @Override
    protected Object addDocumentInternal(Document document) {
        Object key = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField()) : UUID.randomUUID();
        StoredDocument previous = dataMap.put(Missing.ofNullable(key), StoredDocument.of(document));
        Assert.isNull(previous, () -> "Document with key '" + key + "' already existed in " + this);
        return key;
    }

    @Override
    public int count() {
        return dataMap.size();
    }

    @Override
    public boolean isEmpty() {
        return dataMap.isEmpty();
    }

    /** A private copy: the caller may change it (updates do) without touching the stored document. */
    @Override
    protected Document getDocument(Object position) {
        StoredDocument stored = dataMap.get(position);
        return stored == null ? null : stored.document();
    }

    @Override
    protected void removeDocument(Object position) {
        if (dataMap.remove(position) == null) {
            throw new NoSuchElementException("No document with key " + position);
        }
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return dataMap.entrySet().stream()
                .map(entry -> new DocumentWithPosition<>(entry.getValue().document(), entry.getKey()));
    }

    /**
     * The document as the update left it is stored once, in its encoded form. mongo-java-server has
     * already changed the instance {@link #getDocument} returned, which is a private copy.
     */
    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        dataMap.put(Missing.ofNullable(position), StoredDocument.of(newDocument));
    }

    /**
     * Fills a new secondary index in one pass over the documents (mongo-java-server makes two: a check,
     * then the additions). While the file is being opened, indexes are only collected here and filled
     * together by {@link #fillDeferredIndexes()}: one pass for all of them, and one position object per
     * document shared by all, instead of a copy per index.
     */
    @Override
    public void addIndex(Index<Object> index) {
        boolean known = getIndexes().stream().anyMatch(existing -> existing.getName().equals(index.getName()));
        if (!known && index instanceof SecondaryIndex secondary && secondary.isEmpty() && !isEmpty()) {
            if (database().isOpening()) {
                secondary.defer();
                deferred().add(secondary);
            } else {
                fill(List.of(secondary));
            }
        }
        super.addIndex(index);
    }

    void fillDeferredIndexes() {
        List<SecondaryIndex> pending = deferred();
        if (pending.isEmpty()) {
            return;
        }
        pending.forEach(SecondaryIndex::undefer);
        long start = System.nanoTime();
        fill(pending);
        log.info("filled {} secondary indexes of {} from {} documents in {} ms", pending.size(), getFullName(), count(),
                (System.nanoTime() - start) / 1_000_000);
        pending.clear();
    }

    private void fill(List<SecondaryIndex> indexes) {
        try {
            streamAllDocumentsWithPosition().forEach(entry -> {
                for (SecondaryIndex index : indexes) {
                    index.add(entry.getDocument(), entry.getPosition(), this);
                }
            });
        } catch (MongoServerError e) {
            indexes.forEach(SecondaryIndex::drop);
            throw new IndexBuildFailedException(e, this);
        }
    }

    private GovdataH2Database database() {
        return (GovdataH2Database) getDatabase();
    }

    // No initializer: addIndex runs while the superclass constructors of the database are still
    // running, and an initializer would run after them and drop what they collected.
    private List<SecondaryIndex> deferredIndexes;

    private List<SecondaryIndex> deferred() {
        if (deferredIndexes == null) {
            deferredIndexes = new ArrayList<>();
        }
        return deferredIndexes;
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        Collection<Object> candidates = isNaturalOrder(orderBy) ? null : plan(query);
        if (candidates == null) {
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        return matchDocuments(query, candidates, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /** The scan: H2Collection's, over decoded documents (in storage order, or reversed for {$natural: -1}). */
    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        Stream<Document> documents;
        if (isNaturalDescending(orderBy)) {
            documents = dataMap.entrySet().stream()
                    .sorted((a, b) -> ValueComparator.desc().compare(a.getKey(), b.getKey()))
                    .map(entry -> entry.getValue().document());
        } else {
            documents = dataMap.values().stream().map(StoredDocument::document);
        }
        return matchDocumentsFromStream(documents, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    @Override
    protected QueryResult matchDocuments(Document query, Iterable<Object> positions, Document orderBy, int numberToSkip,
                                         int limit, int batchSize, Document fieldSelector) {
        Stream<Document> documents = StreamSupport.stream(positions.spliterator(), false)
                .map(this::getDocument)
                .filter(Objects::nonNull);
        return matchDocumentsFromStream(documents, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    private static boolean isNaturalOrder(Document orderBy) {
        // Natural order is storage order, which only a scan yields.
        return orderBy != null && orderBy.containsKey("$natural");
    }

    /** The candidate positions of the chosen plan, or null for a full scan. */
    Collection<Object> plan(Document query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        QueryConstraints constraints = QueryConstraints.of(query);
        Collection<Object> best = null;
        for (Index<Object> index : getIndexes()) {
            if (index instanceof AbstractUniqueIndex<Object> unique) {
                Collection<Object> found = viaUniqueIndex(unique, constraints);
                if (found != null && (best == null || found.size() < best.size())) {
                    best = found;
                }
            }
        }
        if (best != null) {
            return best;
        }
        Collection<Object> eitherBranch = viaEveryBranch(query.get("$or"));
        if (eitherBranch != null) {
            return eitherBranch;
        }
        int cap = Math.max(count() / 2, 16);
        for (Index<Object> index : getIndexes()) {
            if (index instanceof SecondaryIndex secondary) {
                List<Object[]> ranges = ranges(secondary, constraints);
                if (ranges != null) {
                    Collection<Object> found = secondary.collect(ranges, best == null ? cap : best.size() - 1);
                    if (found != null) {
                        best = found;
                    }
                }
            }
        }
        return best;
    }

    /**
     * A top-level {@code $or} is answered from indexes only when every branch has a plan of its own
     * (as real MongoDB does): the union of the branches' candidates, each document once, since the
     * candidates are matched against the whole filter afterwards. One unplannable branch means a scan.
     */
    private Collection<Object> viaEveryBranch(Object or) {
        if (!(or instanceof List<?> branches) || branches.isEmpty()) {
            return null;
        }
        Set<Object> union = new LinkedHashSet<>();
        for (Object branch : branches) {
            if (!(branch instanceof Document filter)) {
                return null;
            }
            Collection<Object> found = plan(filter);
            if (found == null) {
                return null;
            }
            union.addAll(found);
        }
        return union;
    }

    private static Collection<Object> viaUniqueIndex(AbstractUniqueIndex<Object> index, QueryConstraints constraints) {
        Document keyQuery = new Document();
        for (IndexKey key : index.getKeys()) {
            QueryConstraints.Constraint constraint = constraints.best(key.getKey());
            if (constraint == null || constraint.kind() != QueryConstraints.Kind.POINTS) {
                return null;
            }
            List<Object> points = constraint.points();
            if (points.size() == 1) {
                keyQuery.put(key.getKey(), points.get(0));
            } else if (index.getKeys().size() == 1) {
                keyQuery.put(key.getKey(), new Document("$in", points));
            } else {
                return null; // mongo-java-server's compound unique index takes single values only
            }
        }
        if (!index.canHandle(keyQuery)) {
            return null;
        }
        List<Object> positions = new ArrayList<>();
        index.getPositions(keyQuery).forEach(positions::add);
        return positions;
    }

    /**
     * The key ranges of the index that hold every document satisfying the constraints, or null if the
     * leading field is unconstrained. Fields fixed to points extend the prefix; the first field that is a
     * range (or merely exists) ends it. Each range is {from, to, fromInclusive, toInclusive}.
     */
    static List<Object[]> ranges(SecondaryIndex index, QueryConstraints constraints) {
        List<String> fields = index.fields();
        int width = fields.size();
        List<Object[]> prefixes = new ArrayList<>();
        prefixes.add(new Object[width]);
        int depth = 0;
        QueryConstraints.Constraint tail = null;
        while (depth < width) {
            QueryConstraints.Constraint constraint = constraints.best(fields.get(depth));
            if (constraint == null) {
                break;
            }
            if (constraint.kind() != QueryConstraints.Kind.POINTS
                    || (depth > 0 && prefixes.size() * constraint.points().size() > MAX_POINT_COMBINATIONS)) {
                tail = constraint.kind() == QueryConstraints.Kind.POINTS ? null : constraint;
                break;
            }
            List<Object[]> extended = new ArrayList<>();
            for (Object[] prefix : prefixes) {
                for (Object point : constraint.points()) {
                    Object[] next = prefix.clone();
                    next[depth] = point;
                    extended.add(next);
                }
            }
            prefixes = extended;
            depth++;
        }
        if (depth == 0 && tail == null) {
            return null;
        }
        List<Object[]> ranges = new ArrayList<>(prefixes.size());
        for (Object[] prefix : prefixes) {
            Object[] from = prefix.clone();
            Object[] to = prefix.clone();
            boolean fromInclusive = true;
            boolean toInclusive = true;
            int rest = depth;
            if (tail != null) {
                TailBounds bounds = tailBounds(tail, index.isMultikey(depth));
                from[depth] = bounds.from;
                to[depth] = bounds.to;
                fromInclusive = bounds.fromInclusive;
                toInclusive = bounds.toInclusive;
                rest++;
            }
            // Past the constrained fields a compound key is open; an exclusive bound on the last
            // constrained field is had by opening the rest the other way round ({@code $gt: 5} starts
            // after (5, HIGH), {@code $lt: 9} ends before (9, LOW)).
            for (int i = rest; i < width; i++) {
                from[i] = fromInclusive ? KeyOrder.LOW : KeyOrder.HIGH;
                to[i] = toInclusive ? KeyOrder.HIGH : KeyOrder.LOW;
            }
            ranges.add(width == 1 ? new Object[] {from[0], to[0], fromInclusive, toInclusive}
                    : new Object[] {new KeyOrder.Tuple(from), new KeyOrder.Tuple(to), fromInclusive, toInclusive});
        }
        return ranges;
    }

    private record TailBounds(Object from, boolean fromInclusive, Object to, boolean toInclusive) {
    }

    private static TailBounds tailBounds(QueryConstraints.Constraint constraint, boolean multikey) {
        if (constraint.kind() == QueryConstraints.Kind.EXISTS) {
            // Present means any key but MISSING: an empty array, a null, any value.
            return new TailBounds(KeyOrder.EMPTY_ARRAY, true, KeyOrder.HIGH, true);
        }
        Object low = constraint.low();
        Object high = constraint.high();
        if (multikey && low != null && high != null) {
            // One array may satisfy each bound with a different element; keep one bound only.
            high = null;
        }
        // Comparisons are type-bracketed: {$gt: 5} never matches a string, so one bound closes the range
        // at the end of its own type.
        if (low == null) {
            return new TailBounds(KeyOrder.floorOfTypeOf(high), true, high, constraint.highInclusive());
        }
        if (high == null) {
            return new TailBounds(low, constraint.lowInclusive(), KeyOrder.ceilingOfTypeOf(low), true);
        }
        return new TailBounds(low, constraint.lowInclusive(), high, constraint.highInclusive());
    }
}
