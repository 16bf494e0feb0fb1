package cn.govdata.opendata.dispute;

import cn.govdata.privacy.Pseudonyms;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The open cases of one resource, as a response needs them: the dataset-level summary (never the
 * record keys, which may be ID numbers) and the per-record flag. Cases name their record only by its
 * keyed pseudonym, so a record is disputed when the pseudonym of the value of any of its unmasked
 * fields equals a case's; masked values never match, by design.
 */
public final class OpenDisputes {

    public static final OpenDisputes NONE = new OpenDisputes(Map.of());

    /** One open case: the disputed record and its fields (empty = the record as a whole). */
    record Case(String recordPseudonym, List<String> fields) {
    }

    private final Map<String, Set<String>> fieldsByRecordKey;
    private final UnaryOperator<String> pseudonymOf;

    private OpenDisputes(Map<String, Set<String>> fieldsByPseudonym, UnaryOperator<String> pseudonymOf) {
        this.fieldsByRecordKey = fieldsByPseudonym;
        this.pseudonymOf = pseudonymOf;
    }

    private OpenDisputes(Map<String, Set<String>> none) {
        this(none, v -> v);
    }

    static OpenDisputes of(String resourceId, Pseudonyms pseudonyms, Collection<Case> cases) {
        Map<String, Set<String>> byPseudonym = new HashMap<>();
        for (Case c : cases) {
            if (c.recordPseudonym() != null) {
                byPseudonym.computeIfAbsent(c.recordPseudonym(), k -> new LinkedHashSet<>()).addAll(c.fields());
            }
        }
        return byPseudonym.isEmpty() ? NONE : new OpenDisputes(byPseudonym, value -> pseudonyms.of(resourceId, value));
    }

    public boolean any() {
        return !fieldsByRecordKey.isEmpty();
    }

    /** Distinct records under open cases. */
    public long recordCount() {
        return fieldsByRecordKey.size();
    }

    /** The union of the disputed fields of all open cases, sorted so responses are stable. */
    public List<String> fields() {
        Set<String> fields = new TreeSet<>();
        fieldsByRecordKey.values().forEach(fields::addAll);
        return List.copyOf(fields);
    }

    /**
     * The disputed fields of a record, or null when the record is under no open case.
     *
     * @param masked fields whose stored values are masked; they are not compared
     */
    public Set<String> of(Map<String, ?> values, Collection<String> masked) {
        if (!any()) {
            return null;
        }
        Set<String> disputed = null;
        for (Map.Entry<String, ?> value : values.entrySet()) {
            if (value.getValue() == null || masked.contains(value.getKey())) {
                continue;
            }
            Set<String> fields = fieldsByRecordKey.get(pseudonymOf.apply(String.valueOf(value.getValue())));
            if (fields != null) {
                disputed = disputed == null ? new LinkedHashSet<>() : disputed;
                disputed.addAll(fields);
            }
        }
        return disputed;
    }

    /** The record with {@code _disputed} and {@code _disputedFields} added when it is under an open case; as it is otherwise. */
    public Map<String, Object> flag(Map<String, Object> values, Collection<String> masked) {
        Set<String> fields = of(values, masked);
        if (fields == null) {
            return values;
        }
        Map<String, Object> flagged = new LinkedHashMap<>(values);
        flagged.put("_disputed", true);
        flagged.put("_disputedFields", List.copyOf(fields));
        return flagged;
    }
}
