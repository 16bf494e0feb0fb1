package cn.govdata.wirestore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * What a query filter says about single fields, in the forms an index can answer. Each constraint is a
 * necessary condition for a document to match (the filter is a conjunction of its top-level fields and
 * of {@code $and} clauses), so candidates drawn from any one of them are a superset of the matches.
 * Everything else in the filter ({@code $or}, which the planner answers branch by branch, {@code $ne}, {@code $regex}, {@code null}, embedded
 * documents, arrays) is left to the matcher.
 */
final class QueryConstraints {

    enum Kind { POINTS, RANGE, EXISTS }

    /**
     * One usable condition on a field: POINTS (equality or {@code $in}: {@code points}), RANGE
     * ({@code low} and/or {@code high}, inclusive), or EXISTS ({@code $exists: true}).
     */
    record Constraint(Kind kind, List<Object> points, Object low, boolean lowInclusive, Object high, boolean highInclusive) {

        static Constraint points(List<Object> points) {
            return new Constraint(Kind.POINTS, points, null, false, null, false);
        }
    }

    private final Map<String, List<Constraint>> byField = new LinkedHashMap<>();

    private QueryConstraints() {
    }

    static QueryConstraints of(Document query) {
        QueryConstraints constraints = new QueryConstraints();
        constraints.collect(query);
        return constraints;
    }

    /** The most selective usable condition on the field: points, then a range, then existence; null if none. */
    Constraint best(String field) {
        List<Constraint> list = byField.get(field);
        if (list == null) {
            return null;
        }
        Constraint best = null;
        for (Constraint constraint : list) {
            if (best == null || constraint.kind().ordinal() < best.kind().ordinal()
                    || (constraint.kind() == Kind.POINTS && constraint.points().size() < best.points().size())) {
                best = constraint;
            }
        }
        return best;
    }

    private void collect(Document query) {
        for (Map.Entry<String, Object> entry : query.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (key.equals("$and") && value instanceof Collection<?> clauses) {
                for (Object clause : clauses) {
                    if (clause instanceof Document document) {
                        collect(document);
                    }
                }
            } else if (!key.startsWith("$")) {
                Constraint constraint = constraintOf(value);
                if (constraint != null) {
                    byField.computeIfAbsent(key, k -> new ArrayList<>(1)).add(constraint);
                }
            }
        }
    }

    private static Constraint constraintOf(Object value) {
        if (isPointValue(value)) {
            return Constraint.points(List.of(SecondaryIndex.normalize(value)));
        }
        if (!(value instanceof Document operators) || BsonRegularExpression.isRegularExpression(value)
                || operators.isEmpty() || !operators.keySet().stream().allMatch(k -> k.startsWith("$"))) {
            return null;
        }
        Object eq = operators.get("$eq");
        if (operators.containsKey("$eq") && isPointValue(eq)) {
            return Constraint.points(List.of(SecondaryIndex.normalize(eq)));
        }
        if (operators.get("$in") instanceof Collection<?> in && in.stream().allMatch(QueryConstraints::isPointValue)) {
            return Constraint.points(in.stream().map(SecondaryIndex::normalize).distinct().toList());
        }
        String lowOperator = rangeOperator(operators, "$gt", "$gte");
        String highOperator = rangeOperator(operators, "$lt", "$lte");
        Object low = lowOperator == null ? null : SecondaryIndex.normalize(operators.get(lowOperator));
        Object high = highOperator == null ? null : SecondaryIndex.normalize(operators.get(highOperator));
        if (low != null && high != null && KeyOrder.group(low) != KeyOrder.group(high)) {
            // No value can satisfy both; either bound alone is still a correct (generous) range.
            high = null;
        }
        if (low != null || high != null) {
            return new Constraint(Kind.RANGE, null, low, "$gte".equals(lowOperator), high, "$lte".equals(highOperator));
        }
        if (operators.containsKey("$exists") && isTrue(operators.get("$exists"))) {
            return new Constraint(Kind.EXISTS, null, null, false, null, false);
        }
        return null;
    }

    private static String rangeOperator(Document operators, String exclusive, String inclusive) {
        for (String operator : new String[] {exclusive, inclusive}) {
            if (isRangeValue(operators.get(operator))) {
                return operator;
            }
        }
        return null;
    }

    private static boolean isTrue(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return value instanceof Number n && n.doubleValue() != 0.0;
    }

    /** Values whose equality the index answers exactly as the matcher does. */
    private static boolean isPointValue(Object value) {
        return isRangeValue(value) || value instanceof Boolean || value instanceof UUID;
    }

    /** Values whose ordering within their type the index shares with the matcher. */
    private static boolean isRangeValue(Object value) {
        if (value instanceof Double d && d.isNaN() || value instanceof Float f && f.isNaN()) {
            return false;
        }
        return value instanceof Number || value instanceof String || value instanceof Instant || value instanceof ObjectId;
    }
}
