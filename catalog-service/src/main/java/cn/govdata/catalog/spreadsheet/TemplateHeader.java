package cn.govdata.catalog.spreadsheet;

import cn.govdata.domain.Refusal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The header row of an uploaded file must be the template's, in order. A header cell may be the
 * bilingual label, or just its Chinese or field name; spacing and a leading {@code *} are ignored.
 */
final class TemplateHeader {

    private TemplateHeader() {
    }

    static List<String> labels() {
        return TemplateColumn.ALL.stream().map(TemplateColumn::header).toList();
    }

    /** @throws Refusal 400 {@code invalid-header} naming the first missing or unexpected column */
    static void check(List<String> header) {
        int width = header.size();
        while (width > 0 && normalize(header.get(width - 1)).isEmpty()) {
            width--;
        }
        List<TemplateColumn> columns = TemplateColumn.ALL;
        for (int i = 0; i < Math.max(width, columns.size()); i++) {
            String letter = TemplateColumn.letter(i);
            if (i >= columns.size()) {
                if (normalize(header.get(i)).isEmpty()) {
                    continue;
                }
                throw unexpected(header.get(i), letter, "the template ends at column "
                        + columns.get(columns.size() - 1).letter());
            }
            TemplateColumn expected = columns.get(i);
            if (i >= width && expected == TemplateColumn.PRIORITY_DOMAINS) {
                // The optional last column (SY 36, QY 31) may be missing from an older sheet.
                continue;
            }
            String found = i < width ? normalize(header.get(i)) : "";
            if (matches(expected, found)) {
                continue;
            }
            if (found.isEmpty()) {
                throw missing(expected, letter, "column " + letter + " should be '" + expected.header() + "' but is "
                        + (i < width ? "empty" : "missing"));
            }
            Optional<TemplateColumn> other = columns.stream().filter(c -> matches(c, found)).findFirst();
            if (other.isPresent()) {
                throw missing(expected, letter, "column " + letter + " should be '" + expected.header() + "' but is '"
                        + header.get(i).strip() + "': a column is missing or out of order; start from the template");
            }
            throw unexpected(header.get(i), letter, "column " + letter + " should be '" + expected.header() + "'");
        }
    }

    private static boolean matches(TemplateColumn column, String found) {
        return found.equals(column.header()) || found.equalsIgnoreCase(column.field) || found.equals(column.chinese);
    }

    private static String normalize(String cell) {
        String s = cell == null ? "" : cell.replaceAll("\\s+", " ").strip();
        return s.startsWith("*") ? s.substring(1).strip() : s;
    }

    private static Refusal missing(TemplateColumn expected, String letter, String detail) {
        return new Refusal(Refusal.Kind.INVALID, "invalid-header", "The file does not follow the template",
                "Missing column '" + expected.header() + "': " + detail,
                Map.of("column", expected.header(), "position", letter, "problem", "missing"));
    }

    private static Refusal unexpected(String found, String letter, String why) {
        String name = found == null ? "" : found.strip();
        return new Refusal(Refusal.Kind.INVALID, "invalid-header", "The file does not follow the template",
                "Unexpected column '" + name + "' at " + letter + ": " + why,
                Map.of("column", name, "position", letter, "problem", "unexpected"));
    }
}
