package cn.govdata.catalog.sourcing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import cn.govdata.catalog.entry.ItemKeys;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides which data-item names denote the same datum. Departments name the same field
 * differently (身份证号, 公民身份号码, ＩＤ号 typed full-width), so a name is reduced to a key:
 * <ol>
 *   <li>NFKC normalisation turns full-width letters, digits and spaces into half-width ones;</li>
 *   <li>Latin letters are lower-cased; everything that is not a letter or digit (spaces,
 *       punctuation, brackets) is dropped;</li>
 *   <li>one trailing 号码/编码/代码/编号/号/码 is dropped when at least two characters remain
 *       (身份证号码 = 身份证号 = 身份证), the "folded" form;</li>
 *   <li>the synonym dictionary ({@value #RESOURCE}), shipped as data so the bureau can extend it
 *       without a code change, maps every listed name to its line's first name.</li>
 * </ol>
 * A name found in the dictionary (exactly, or by its folded form) gets the dictionary line's key
 * and canonical name; any other name is keyed by its folded form.
 */
final class ItemNames {

    static final String RESOURCE = "cn/govdata/catalog/sourcing/synonyms.txt";

    /** The datum a name stands for: {@code key} groups names; {@code canonicalName} is shown; {@code synonyms} from the dictionary. */
    record Datum(String key, String canonicalName, List<String> synonyms) {
        boolean inDictionary() {
            return !synonyms.isEmpty();
        }
    }

    private final Map<String, Datum> byNormalized;
    private final Map<String, Datum> byFolded;

    private ItemNames(Map<String, Datum> byNormalized, Map<String, Datum> byFolded) {
        this.byNormalized = Map.copyOf(byNormalized);
        this.byFolded = Map.copyOf(byFolded);
    }

    static ItemNames shipped() {
        try (InputStream in = ItemNames.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Synonym dictionary " + RESOURCE + " is missing from the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @throws IllegalArgumentException when two lines share a name after normalisation: the
     *                                  dictionary would then depend on line order
     */
    static ItemNames parse(List<String> lines) {
        Map<String, Datum> byNormalized = new HashMap<>();
        Map<String, Datum> byFolded = new HashMap<>();
        int lineNumber = 0;
        for (String line : lines) {
            lineNumber++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            List<String> names = new ArrayList<>();
            for (String part : text.split("=")) {
                if (!part.isBlank() && !normalize(part).isEmpty()) {
                    names.add(part.strip());
                }
            }
            if (names.size() < 2) {
                throw new IllegalArgumentException("synonyms line " + lineNumber + " names fewer than two items: " + line);
            }
            Datum datum = new Datum(fold(normalize(names.get(0))), names.get(0), List.copyOf(names));
            for (String name : names) {
                put(byNormalized, normalize(name), datum, lineNumber);
                put(byFolded, fold(normalize(name)), datum, lineNumber);
            }
        }
        return new ItemNames(byNormalized, byFolded);
    }

    private static void put(Map<String, Datum> map, String key, Datum datum, int lineNumber) {
        Datum previous = map.putIfAbsent(key, datum);
        if (previous != null && !previous.equals(datum)) {
            throw new IllegalArgumentException("synonyms line " + lineNumber + " (" + datum.canonicalName()
                    + ") meets the line of " + previous.canonicalName() + " at '" + key + "'");
        }
    }

    Datum datum(String name) {
        String normalized = normalize(name);
        String folded = fold(normalized);
        return Optional.ofNullable(byNormalized.get(normalized))
                .or(() -> Optional.ofNullable(byFolded.get(folded)))
                .orElseGet(() -> new Datum(folded, name.strip(), List.of()));
    }

    /**
     * Every dictionary-free key ({@link ItemKeys}) of a name that {@link #datum} maps to {@code key}:
     * the keys of the dictionary line's names when {@code key} is a line's key, else {@code key}
     * itself. Entries are found by these keys, then narrowed by {@link #datum}.
     */
    Set<String> itemKeys(String key) {
        Datum line = byFolded.get(key);
        if (line == null || !line.key().equals(key)) {
            return Set.of(key);
        }
        return line.synonyms().stream().map(ItemKeys::of).collect(Collectors.toSet());
    }

    /** Half-width, lower-case, letters and digits only. */
    static String normalize(String name) {
        return ItemKeys.normalize(name);
    }

    /** Drops one trailing identifier suffix, keeping at least two characters. */
    static String fold(String normalized) {
        return ItemKeys.fold(normalized);
    }
}
