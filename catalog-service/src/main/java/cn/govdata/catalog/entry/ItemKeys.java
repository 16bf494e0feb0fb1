package cn.govdata.catalog.entry;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The dictionary-free key of a data-item name: half-width, lower-case, letters and digits only,
 * with one trailing 号码/编码/代码/编号/号/码 dropped when at least two characters remain (身份证号码 =
 * 身份证号 = 身份证). Entries store the keys of their items ({@code itemKeys}, a multikey index), so
 * the one-datum-one-source checks read only the entries that may hold an item. The synonym
 * dictionary is applied on top when reading (a datum's names map to a few such keys), so changing
 * the dictionary needs no rewrite of the entries.
 */
public final class ItemKeys {

    private static final List<String> SUFFIXES = List.of("号码", "编码", "代码", "编号", "号", "码");

    private ItemKeys() {
    }

    /** The folded key of one item name. */
    public static String of(String itemName) {
        return fold(normalize(itemName));
    }

    /**
     * The keys of every item of the published version and of the working copy, whatever its
     * state: a superset of what the entry declares to the bureau, which readers narrow down.
     */
    static List<String> of(CatalogEntry entry) {
        TreeSet<String> keys = new TreeSet<>();
        for (EntryContent content : new EntryContent[] {entry.published(), entry.working() == null ? null : entry.working().content()}) {
            if (content != null && content.dataItems() != null) {
                content.dataItems().forEach(item -> keys.add(of(item.name())));
            }
        }
        return List.copyOf(keys);
    }

    /** Half-width, lower-case, letters and digits only. */
    public static String normalize(String name) {
        String nfkc = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder kept = new StringBuilder(nfkc.length());
        nfkc.codePoints().filter(Character::isLetterOrDigit).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    /** Drops one trailing identifier suffix, keeping at least two characters. */
    public static String fold(String normalized) {
        for (String suffix : SUFFIXES) {
            if (normalized.endsWith(suffix)) {
                String stem = normalized.substring(0, normalized.length() - suffix.length());
                if (stem.codePointCount(0, stem.length()) >= 2) {
                    return stem;
                }
            }
        }
        return normalized;
    }
}
