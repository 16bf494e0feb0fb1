package cn.govdata.privacy;

import java.text.Normalizer;

/**
 * Normalises a column header before it is matched against catalog items, so a header that only
 * looks like an item (full-width letters, a zero-width space pasted from a web page, a trailing
 * space) is matched as that item instead of slipping past its masking rule as an unknown column.
 */
public final class Headers {

    private Headers() {
    }

    /**
     * Zero-width characters (U+200B–U+200D, U+2060, U+FEFF) removed, then NFKC (full-width forms to
     * their ordinary ones), then surrounding whitespace trimmed; null stays null.
     */
    public static String normalise(String header) {
        if (header == null) {
            return null;
        }
        String visible = header.replaceAll("[\\u200B-\\u200D\\u2060\\uFEFF]", "");
        return Normalizer.normalize(visible, Normalizer.Form.NFKC).strip();
    }

    /** Whether the header changes under {@link #normalise}: it held invisible or compatibility characters or spaces. */
    public static boolean needsNormalising(String header) {
        return header != null && !header.equals(normalise(header));
    }
}
