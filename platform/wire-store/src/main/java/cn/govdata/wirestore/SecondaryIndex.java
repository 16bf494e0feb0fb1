package cn.govdata.wirestore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.CannotIndexParallelArraysError;

/**
 * A non-unique index held in memory: a sorted map from key to the positions (in the H2 backend, the
 * {@code _id} values) of the documents carrying it. It is not stored: mongo-java-server rebuilds an empty
 * index from the documents when the store opens the file again, from the index descriptions it keeps in
 * {@code system.indexes}.
 *
 * <p>The index only ever narrows a query to candidates: {@link GovdataH2Collection} re-applies the whole
 * query to each candidate document. So a key set may be generous (array elements flattened at every
 * depth, numbers of every Java type in one key) as long as no document that matches a usable
 * constraint is left out.
 */
final class SecondaryIndex extends Index<Object> {

    private static final String ID_FIELD = "_id";

    // Single-field indexes key by the value itself; compound ones by a Tuple. Values are a single
    // position, or a Positions set once a second document shares the key (most keys are near-unique,
    // and a set per key would triple the memory of those).
    private final TreeMap<Object, Object> entries = new TreeMap<>(KeyOrder.INSTANCE);
    private final List<String> fields;
    private final String[][] paths;
    private final boolean[] multikey;
    private long entryCount;
    // Set while the index waits to be filled together with its siblings (see GovdataH2Database).
    private boolean deferred;

    SecondaryIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.fields = keys.stream().map(IndexKey::getKey).toList();
        this.paths = fields.stream().map(field -> field.split("\\.")).toArray(String[][]::new);
        this.multikey = new boolean[fields.size()];
    }

    List<String> fields() {
        return fields;
    }

    boolean isSparseIndex() {
        return isSparse();
    }

    synchronized boolean isMultikey(int fieldIndex) {
        return multikey[fieldIndex];
    }

    @Override
    public Object getPosition(Document document) {
        // The _id index answers this; a null here is skipped by the collection.
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        keysOf(document);
    }

    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        for (Object key : keysOf(document)) {
            put(key, position);
        }
    }

    @Override
    public synchronized Object remove(Document document) {
        Object position = document.get(ID_FIELD);
        for (Object key : keysOf(document)) {
            delete(key, position);
        }
        // The collection insists on a position from every non-sparse index, and checks that all agree.
        return position;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        keysOf(newDocument);
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, Object position,
                                           MongoCollection<Object> collection) {
        Set<Object> oldKeys = keysOf(oldDocument);
        Set<Object> newKeys = keysOf(newDocument);
        if (sameKeys(oldKeys, newKeys)) {
            return;
        }
        for (Object key : oldKeys) {
            delete(key, position);
        }
        for (Object key : newKeys) {
            put(key, position);
        }
    }

    private static boolean sameKeys(Set<Object> a, Set<Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        TreeMap<Object, Boolean> sorted = new TreeMap<>(KeyOrder.INSTANCE);
        a.forEach(key -> sorted.put(key, Boolean.TRUE));
        return b.stream().allMatch(sorted::containsKey);
    }

    /** The index never serves the generic planner; {@link GovdataH2Collection} asks it through {@link #collect}. */
    @Override
    public boolean canHandle(Document query) {
        return false;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        throw new UnsupportedOperationException("planned by GovdataH2Collection");
    }

    /**
     * The positions under keys in each range ({@code from, to, fromInclusive, toInclusive}), or null as
     * soon as there are more than {@code cap} of them, so that a worse plan stops early.
     */
    synchronized Set<Object> collect(List<Object[]> ranges, int cap) {
        Set<Object> positions = new LinkedHashSet<>();
        for (Object[] range : ranges) {
            boolean fromInclusive = (Boolean) range[2];
            boolean toInclusive = (Boolean) range[3];
            int order = KeyOrder.INSTANCE.compare(range[0], range[1]);
            if (order > 0 || (order == 0 && !(fromInclusive && toInclusive))) {
                continue; // {$gte: 5, $lte: 3} or {$gt: 5, $lt: 5}: nothing can match
            }
            NavigableMap<Object, Object> slice = entries.subMap(range[0], fromInclusive, range[1], toInclusive);
            for (Object value : slice.values()) {
                if (value instanceof Positions many) {
                    positions.addAll(many);
                } else {
                    positions.add(value);
                }
                if (positions.size() > cap) {
                    return null;
                }
            }
        }
        return positions;
    }

    private void put(Object key, Object position) {
        Object existing = entries.get(key);
        if (existing == null) {
            entries.put(key, position);
        } else if (existing instanceof Positions many) {
            if (!many.add(position)) {
                return;
            }
        } else if (existing.equals(position)) {
            return;
        } else {
            Positions many = new Positions();
            many.add(existing);
            many.add(position);
            entries.put(key, many);
        }
        entryCount++;
    }

    private void delete(Object key, Object position) {
        Object existing = entries.get(key);
        if (existing == null) {
            return;
        }
        if (existing instanceof Positions many) {
            if (many.remove(position)) {
                entryCount--;
                if (many.size() == 1) {
                    entries.put(key, many.iterator().next());
                }
            }
        } else if (existing.equals(position)) {
            entries.remove(key);
            entryCount--;
        }
    }

    /**
     * The keys of a document: per field, the values its path reaches (through arrays of sub-documents and
     * nested arrays, more generously than MongoDB: mongo-java-server's matcher also looks through nested
     * arrays), {@link KeyOrder#MISSING} where the path ends early, and {@link KeyOrder#EMPTY_ARRAY} where
     * it ends at an empty array, which {@code $exists: true} matches. Compound keys are the cross product,
     * which MongoDB bounds by refusing two array fields in one document. A sparse index skips documents
     * that have none of its fields.
     */
    Set<Object> keysOf(Document document) {
        List<List<Object>> perField = new ArrayList<>(fields.size());
        String arrayField = null;
        boolean anyPresent = false;
        for (int i = 0; i < fields.size(); i++) {
            List<Object> values = new ArrayList<>(1);
            boolean crossedArray = collect(document, paths[i], 0, values);
            if (crossedArray) {
                if (arrayField != null && fields.size() > 1) {
                    throw new CannotIndexParallelArraysError(List.of(arrayField, fields.get(i)));
                }
                arrayField = fields.get(i);
                markMultikey(i);
            }
            if (values.isEmpty()) {
                values.add(KeyOrder.MISSING);
            }
            if (values.size() != 1 || values.get(0) != KeyOrder.MISSING) {
                anyPresent = true;
            }
            perField.add(values);
        }
        if (isSparse() && !anyPresent) {
            return Set.of();
        }
        if (fields.size() == 1) {
            return new HashSet<>(perField.get(0));
        }
        Set<Object> keys = new HashSet<>();
        crossProduct(perField, 0, new Object[fields.size()], keys);
        return keys;
    }

    /** Adds the values the path reaches from {@code node}; returns whether it crossed an array. */
    private static boolean collect(Object node, String[] path, int depth, List<Object> out) {
        if (node instanceof Collection<?> array) {
            if (depth == path.length && array.isEmpty()) {
                out.add(KeyOrder.EMPTY_ARRAY);
                return true;
            }
            for (Object element : array) {
                collect(element, path, depth, out);
            }
            if (depth < path.length && isArrayIndex(path[depth]) && array instanceof List<?> list) {
                int index = Integer.parseInt(path[depth]);
                if (index < list.size()) {
                    collect(list.get(index), path, depth + 1, out);
                }
            }
            return true;
        }
        if (depth == path.length) {
            out.add(normalize(node));
            return false;
        }
        if (node instanceof Document subDocument) {
            Object child = subDocument.containsKey(path[depth]) ? subDocument.get(path[depth]) : Missing.getInstance();
            return collect(child, path, depth + 1, out);
        }
        out.add(KeyOrder.MISSING);
        return false;
    }

    private static boolean isArrayIndex(String fragment) {
        return !fragment.isEmpty() && fragment.length() < 10 && fragment.chars().allMatch(Character::isDigit);
    }

    private synchronized void markMultikey(int fieldIndex) {
        multikey[fieldIndex] = true;
    }

    private static void crossProduct(List<List<Object>> perField, int depth, Object[] current, Set<Object> out) {
        if (depth == perField.size()) {
            out.add(new KeyOrder.Tuple(current.clone()));
            return;
        }
        for (Object value : perField.get(depth)) {
            current[depth] = value;
            crossProduct(perField, depth + 1, current, out);
        }
    }

    /** Numbers as the matcher compares them (mongo-java-server's normaliser is package-private). */
    static Object normalize(Object value) {
        if (value instanceof Missing) {
            return KeyOrder.MISSING;
        }
        if (value instanceof Number number && !(value instanceof Double)) {
            if (value instanceof Long l && l != (long) l.doubleValue()) {
                return value;
            }
            value = number.doubleValue();
        }
        if (value instanceof Double d && d == 0.0) {
            return 0.0; // -0.0 equals 0.0 for the matcher
        }
        if (value != null && KeyOrder.group(value) < 0 && !(value instanceof de.bwaldvogel.mongo.bson.MinKey)) {
            return KeyOrder.UNORDERED;
        }
        return value;
    }

    synchronized void defer() {
        deferred = true;
    }

    synchronized void undefer() {
        deferred = false;
    }

    /** A deferred index claims to be filled, so that mongo-java-server does not fill it on its own. */
    @Override
    public synchronized boolean isEmpty() {
        return !deferred && entryCount == 0;
    }

    @Override
    public synchronized long getCount() {
        return entryCount;
    }

    @Override
    public synchronized long getDataSize() {
        return entryCount;
    }

    @Override
    public synchronized void drop() {
        entries.clear();
        entryCount = 0;
    }

    /** Several documents under one key. A distinct type so it cannot be mistaken for a position. */
    private static final class Positions extends HashSet<Object> {
        private static final long serialVersionUID = 1L;
    }

    @Override
    public String toString() {
        return "SecondaryIndex[" + getName() + " " + fields + (isSparse() ? " sparse" : "") + ", " + entryCount + " entries]";
    }
}
