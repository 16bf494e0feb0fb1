package cn.govdata.catalog.sourcing;

import cn.govdata.catalog.entry.EntryContent.DataType;
import cn.govdata.catalog.sourcing.HeldItems.Holding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Groups holdings into data items that more than one department collects. Two holdings are the
 * same item when their names map to the same datum ({@link ItemNames}) and their types are
 * compatible:
 * <ul>
 *   <li>INTEGER and DECIMAL are one family (numbers), DATE and DATETIME another (time);
 *       BOOLEAN and BINARY are families of their own;</li>
 *   <li>STRING is compatible with every family but BINARY: codes, numbers and dates are often
 *       catalogued as text (a phone number as STRING in one department, INTEGER in another);</li>
 *   <li>holdings of one datum in several incompatible families are split, one group per family;
 *       STRING holdings join the family when there is exactly one (BINARY aside), else form their own.</li>
 * </ul>
 * A group is an overlap only when at least two departments hold it.
 */
final class Overlaps {

    private enum Family {
        TEXT, NUMBER, TIME, BOOLEAN, BINARY;

        static Family of(DataType type) {
            return switch (type) {
                case STRING -> TEXT;
                case INTEGER, DECIMAL -> NUMBER;
                case DATE, DATETIME -> TIME;
                case BOOLEAN -> BOOLEAN;
                case BINARY -> BINARY;
            };
        }
    }

    /**
     * @param key          the datum's key; designations are made per key
     * @param itemName     the dictionary's canonical name, else the name most departments use
     * @param aliases      the other names the holdings use, sorted
     * @param types        the data types the holdings declare
     * @param departments  the departments holding it, sorted
     */
    record Group(String key, String itemName, List<String> aliases, List<DataType> types, List<String> departments,
                 List<Holding> holdings) {
    }

    private Overlaps() {
    }

    static List<Group> find(List<Holding> holdings) {
        Map<String, List<Holding>> byDatum = holdings.stream()
                .collect(Collectors.groupingBy(h -> h.datum().key(), TreeMap::new, Collectors.toList()));
        List<Group> groups = new ArrayList<>();
        byDatum.forEach((key, ofDatum) -> {
            for (List<Holding> compatible : splitByType(ofDatum)) {
                Group group = group(key, compatible);
                if (group.departments().size() >= 2) {
                    groups.add(group);
                }
            }
        });
        groups.sort(Comparator.comparingInt((Group g) -> -g.departments().size()).thenComparing(Group::itemName));
        return groups;
    }

    /** Every holding of the datum {@code key}, whatever the types: who holds the item at all. */
    static Group of(String key, List<Holding> holdings) {
        return group(key, holdings.stream().filter(h -> h.datum().key().equals(key)).toList());
    }

    private static List<List<Holding>> splitByType(List<Holding> holdings) {
        Map<Family, List<Holding>> byFamily = new TreeMap<>(holdings.stream()
                .collect(Collectors.groupingBy(h -> Family.of(h.type()))));
        List<Holding> text = byFamily.remove(Family.TEXT);
        if (text == null) {
            return List.copyOf(byFamily.values());
        }
        List<Family> textCompatible = byFamily.keySet().stream().filter(f -> f != Family.BINARY).toList();
        if (textCompatible.size() == 1) {
            byFamily.get(textCompatible.get(0)).addAll(text);
        } else {
            byFamily.put(Family.TEXT, text);
        }
        return List.copyOf(byFamily.values());
    }

    private static Group group(String key, List<Holding> holdings) {
        List<Holding> sorted = holdings.stream()
                .sorted(Comparator.comparing(Holding::department).thenComparing(Holding::entryId).thenComparing(Holding::itemName))
                .toList();
        String itemName = canonicalName(sorted);
        List<String> aliases = sorted.stream().map(Holding::itemName).filter(n -> !n.equals(itemName)).distinct().sorted().toList();
        List<DataType> types = sorted.stream().map(Holding::type).distinct().sorted().toList();
        List<String> departments = sorted.stream().map(Holding::department).collect(Collectors.toCollection(TreeSet::new))
                .stream().toList();
        return new Group(key, itemName, aliases, types, departments, sorted);
    }

    private static String canonicalName(List<Holding> holdings) {
        if (holdings.isEmpty()) {
            return "";
        }
        ItemNames.Datum datum = holdings.get(0).datum();
        if (datum.inDictionary()) {
            return datum.canonicalName();
        }
        // The name the most departments use; ties go to the alphabetically first.
        Map<String, Long> departmentsPerName = holdings.stream().collect(Collectors.groupingBy(Holding::itemName,
                LinkedHashMap::new, Collectors.mapping(Holding::department, Collectors.collectingAndThen(
                        Collectors.toSet(), s -> (long) s.size()))));
        return departmentsPerName.entrySet().stream()
                .max(Comparator.comparing(Map.Entry<String, Long>::getValue).thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(Map.Entry::getKey).orElseThrow();
    }
}
