package cn.govdata.catalog.spreadsheet;

import cn.govdata.catalog.entry.EntryContent.DataItem;
import cn.govdata.catalog.entry.EntryContent.DataType;
import cn.govdata.catalog.entry.EntryRequest.DataItemRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The 信息项 cell: all data items of an entry in one cell, {@code name:TYPE[:length][:personal][:sensitive][:desc=…]}
 * separated by {@code ;}, e.g. {@code 公民身份号码:STRING:18:personal;姓名:STRING:50:personal;出生日期:DATE}.
 * A {@code ;}, {@code :} or {@code \} inside a name or description is written {@code \;}, {@code \:}, {@code \\}.
 */
final class DataItemsCell {

    static final String PERSONAL = "personal";
    static final String SENSITIVE = "sensitive";
    static final String DESCRIPTION = "desc=";

    /** The items read from a cell, and the problems found, each keyed by a validation-style path. */
    record Parsed(List<DataItemRequest> items, List<RowError> errors) {
    }

    private DataItemsCell() {
    }

    static String format(List<DataItem> items) {
        return items.stream().map(DataItemsCell::format).collect(Collectors.joining(";"));
    }

    private static String format(DataItem item) {
        StringBuilder s = new StringBuilder(escape(item.name())).append(':').append(item.type().name());
        if (item.length() != null) {
            s.append(':').append(item.length());
        }
        if (item.personal()) {
            s.append(':').append(PERSONAL);
        }
        if (item.sensitive()) {
            s.append(':').append(SENSITIVE);
        }
        if (item.description() != null && !item.description().isBlank()) {
            s.append(':').append(DESCRIPTION).append(escape(item.description()));
        }
        return s.toString();
    }

    static Parsed parse(String cell) {
        List<DataItemRequest> items = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        if (cell == null || cell.isBlank()) {
            return new Parsed(items, errors);
        }
        List<String> entries = split(cell, ';');
        for (String entry : entries) {
            if (entry.isBlank()) {
                continue; // a trailing or doubled separator
            }
            int index = items.size();
            String path = "dataItems[" + index + "]";
            List<String> parts = split(entry, ':');
            String name = unescape(parts.get(0)).strip();
            if (parts.size() < 2 || parts.get(1).isBlank()) {
                String hint = entry.contains("：") ? "; use the half-width colon ':' between name and type" : "";
                errors.add(new RowError(path + ".type", "item '" + unescape(entry).strip()
                        + "' has no type: write name:TYPE, TYPE one of " + EnumLabels.allowed(DataType.class) + hint));
                items.add(new DataItemRequest(name, null, null, null, false, false));
                continue;
            }
            DataType type = EnumLabels.parse(DataType.class, parts.get(1)).orElse(null);
            if (type == null) {
                errors.add(new RowError(path + ".type", "'" + parts.get(1).strip() + "' of item '" + name
                        + "' is not one of " + EnumLabels.allowed(DataType.class)));
            }
            Integer length = null;
            String description = null;
            boolean personal = false;
            boolean sensitive = false;
            for (String raw : parts.subList(2, parts.size())) {
                String part = raw.strip();
                String lower = part.toLowerCase(Locale.ROOT);
                if (part.isEmpty()) {
                    continue;
                } else if (lower.startsWith(DESCRIPTION) || part.startsWith("说明=")) {
                    description = unescape(part.substring(part.indexOf('=') + 1)).strip();
                } else if (lower.equals(PERSONAL) || part.equals("个人")) {
                    personal = true;
                } else if (lower.equals(SENSITIVE) || part.equals("敏感")) {
                    sensitive = true;
                } else if (part.chars().allMatch(Character::isDigit)) {
                    if (length != null || part.length() > 9) {
                        errors.add(new RowError(path + ".length", "'" + part + "' of item '" + name
                                + "' is not a single length between 1 and 1000000"));
                    } else {
                        length = Integer.valueOf(part);
                    }
                } else {
                    errors.add(new RowError(path, "'" + part + "' of item '" + name
                            + "' is not a length, 'personal', 'sensitive' or 'desc=…'"));
                }
            }
            items.add(new DataItemRequest(name, type, length, description, personal, sensitive));
        }
        return new Parsed(items, errors);
    }

    /** Splits on {@code separator} where it is not escaped by a backslash; the escapes stay for {@link #unescape}. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
            } else if (c == separator) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    static String escape(String text) {
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(":", "\\:");
    }

    static String unescape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && "\\;:".indexOf(text.charAt(i + 1)) >= 0) {
                s.append(text.charAt(++i));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }
}
