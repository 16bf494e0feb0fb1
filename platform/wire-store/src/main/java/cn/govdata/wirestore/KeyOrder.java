package cn.govdata.wirestore;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * The order of index keys: mongo-java-server's {@link ValueComparator} (so that numbers of different
 * Java types, strings, dates compare as the query matcher compares them), extended by sentinels that
 * no document value can equal. The sentinels let one sorted map answer "field missing", "empty array"
 * and "every value of this BSON type" without a second structure.
 */
final class KeyOrder implements Comparator<Object> {

    static final KeyOrder INSTANCE = new KeyOrder();

    /** Below every key; the lower end of an open range. */
    static final Sentinel LOW = new Sentinel("LOW", 0);
    /** The field is absent. Distinct from an explicit null, which {@code $exists: true} matches. */
    static final Sentinel MISSING = new Sentinel("MISSING", 1);
    /** The field is an empty array: present for {@code $exists}, but no element to index. */
    static final Sentinel EMPTY_ARRAY = new Sentinel("EMPTY_ARRAY", 2);
    /** A value of a type the comparator cannot order (JavaScript code, ...): kept so {@code $exists} finds it. */
    static final Sentinel UNORDERED = new Sentinel("UNORDERED", 3);
    private static final int VALUE_RANK = 4;
    /** Above every key; the upper end of an open range. */
    static final Sentinel HIGH = new Sentinel("HIGH", 5);

    // Mirrors ValueComparator's SORT_PRIORITY (which is private), so that a type floor or ceiling falls
    // exactly between the groups the comparator forms; null sorts right above MinKey there.
    private static final List<Class<?>> TYPE_ORDER = List.of(MinKey.class, Number.class, String.class, Document.class,
            List.class, BinData.class, LegacyUUID.class, UUID.class, ObjectId.class, Boolean.class, Instant.class,
            BsonTimestamp.class, BsonRegularExpression.class, MaxKey.class);
    private static final int NULL_GROUP = 0;

    private KeyOrder() {
    }

    /** The type group of a value, -1 if the comparator cannot order it. */
    static int group(Object value) {
        if (value == null) {
            return NULL_GROUP;
        }
        if (value instanceof TypeBound bound) {
            return bound.group;
        }
        for (int i = 0; i < TYPE_ORDER.size(); i++) {
            if (TYPE_ORDER.get(i).isAssignableFrom(value.getClass())) {
                // MinKey sorts below null: group 0 would collide, so shift every real type by one.
                return i == 0 ? -2 : i + 1;
            }
        }
        return -1;
    }

    /** Sorts below every value of the given value's BSON type and above every value of a lower type. */
    static Object floorOfTypeOf(Object value) {
        return new TypeBound(group(value), false);
    }

    /** Sorts above every value of the given value's BSON type and below every value of a higher type. */
    static Object ceilingOfTypeOf(Object value) {
        return new TypeBound(group(value), true);
    }

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof Tuple ta && b instanceof Tuple tb) {
            return compareTuples(ta, tb);
        }
        int rankA = rank(a);
        int rankB = rank(b);
        if (rankA != rankB) {
            return Integer.compare(rankA, rankB);
        }
        if (rankA != VALUE_RANK) {
            return 0;
        }
        boolean boundA = a instanceof TypeBound;
        boolean boundB = b instanceof TypeBound;
        if (boundA || boundB) {
            int groupComparison = Integer.compare(group(a), group(b));
            if (groupComparison != 0) {
                return groupComparison;
            }
            return Integer.compare(boundSide(a), boundSide(b));
        }
        return ValueComparator.asc().compare(a, b);
    }

    private static int boundSide(Object value) {
        if (value instanceof TypeBound bound) {
            return bound.ceiling ? 1 : -1;
        }
        return 0;
    }

    private int compareTuples(Tuple a, Tuple b) {
        for (int i = 0; i < a.values.length; i++) {
            int c = compare(a.values[i], b.values[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int rank(Object value) {
        if (value instanceof Sentinel sentinel) {
            return sentinel.rank;
        }
        return VALUE_RANK;
    }

    static final class Sentinel {
        private final String name;
        private final int rank;

        private Sentinel(String name, int rank) {
            this.name = name;
            this.rank = rank;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private record TypeBound(int group, boolean ceiling) {
    }

    /** The key of a compound index: one element per indexed field, in index order. */
    static final class Tuple {
        final Object[] values;

        Tuple(Object[] values) {
            this.values = values;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tuple other && INSTANCE.compareTuples(this, other) == 0;
        }

        @Override
        public int hashCode() {
            // Keys live only in sorted maps; equality there is the comparator's.
            return values.length;
        }

        @Override
        public String toString() {
            return java.util.Arrays.toString(values);
        }
    }
}
