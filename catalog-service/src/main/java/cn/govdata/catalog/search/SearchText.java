package cn.govdata.catalog.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How catalog text becomes index keys. Chinese is written without spaces, so a CJK run is cut into
 * overlapping character bigrams (and single characters, for one-character queries); Latin letters
 * and digits form words, indexed with every prefix so that "gb" finds "GB/T". Candidates found by
 * keys are always verified by a substring match on the normalized text, so bigrams that happen to
 * occur apart (营业…执照) never produce a hit for 营业执照.
 */
final class SearchText {

    /** Longer Latin/digit query words are looked up by this prefix; verification checks the rest. */
    static final int MAX_PREFIX = 20;

    private static final char UNIGRAM = 'u';
    private static final char BIGRAM = 'b';
    private static final char WORD = 'w';

    private SearchText() {
    }

    /**
     * Full-width forms to half-width (ＡＢＣ１２３ → abc123, ideographic space → space), lower case,
     * control characters to spaces. Returns the same instance when nothing changes, which is the
     * usual case for Chinese text, so the index does not store the text twice.
     */
    static String normalize(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char n = normalize(c);
            if (n != c && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(n);
            }
        }
        return out == null ? text : out.toString();
    }

    private static char normalize(char c) {
        if (c >= '\uFF01' && c <= '\uFF5E') {
            c = (char) (c - 0xFEE0);
        } else if (c == '\u3000' || Character.isISOControl(c)) {
            return ' ';
        }
        return Character.isUpperCase(c) ? Character.toLowerCase(c) : c;
    }

    /** Whitespace-separated query terms, normalized and deduplicated; every term must match. */
    static List<String> terms(String query) {
        Set<String> terms = new LinkedHashSet<>();
        for (String term : normalize(query).split("\\s+")) {
            if (!term.isEmpty()) {
                terms.add(term);
            }
        }
        return List.copyOf(terms);
    }

    /** Every key a stored text is indexed under. */
    static void indexKeys(String normalized, Consumer<String> keys) {
        scan(normalized, true, keys);
    }

    /** The keys a document must carry to possibly contain {@code term}; empty when none can be derived. */
    static List<String> queryKeys(String term) {
        List<String> keys = new ArrayList<>();
        scan(term, false, keys::add);
        return keys;
    }

    private static void scan(String text, boolean indexing, Consumer<String> keys) {
        int i = 0;
        int length = text.length();
        while (i < length) {
            int cp = text.codePointAt(i);
            if (isCjk(cp)) {
                int end = runEnd(text, i, true);
                cjkKeys(text, i, end, indexing, keys);
                i = end;
            } else if (Character.isLetterOrDigit(cp)) {
                int end = runEnd(text, i, false);
                String word = text.substring(i, end);
                if (indexing) {
                    int max = Math.min(word.length(), MAX_PREFIX);
                    for (int p = 1; p <= max; p++) {
                        if (!Character.isHighSurrogate(word.charAt(p - 1))) {
                            keys.accept(WORD + word.substring(0, p));
                        }
                    }
                } else {
                    keys.accept(WORD + word.substring(0, Math.min(word.length(), MAX_PREFIX)));
                }
                i = end;
            } else {
                i += Character.charCount(cp);
            }
        }
    }

    private static void cjkKeys(String text, int start, int end, boolean indexing, Consumer<String> keys) {
        int previous = -1;
        int count = 0;
        for (int i = start; i < end; ) {
            int cp = text.codePointAt(i);
            if (indexing) {
                keys.accept(UNIGRAM + Character.toString(cp));
            }
            if (previous >= 0) {
                keys.accept(BIGRAM + Character.toString(previous) + Character.toString(cp));
            }
            previous = cp;
            count++;
            i += Character.charCount(cp);
        }
        if (!indexing && count == 1) {
            keys.accept(UNIGRAM + Character.toString(previous));
        }
    }

    private static int runEnd(String text, int start, boolean cjk) {
        int i = start;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            boolean same = cjk ? isCjk(cp) : !isCjk(cp) && Character.isLetterOrDigit(cp);
            if (!same) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    static boolean isCjk(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }
}
