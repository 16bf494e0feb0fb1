package cn.govdata.catalog.spreadsheet;

import cn.govdata.catalog.entry.EntryContent;
import cn.govdata.catalog.entry.EntryContent.BasicResourceKind;
import cn.govdata.catalog.entry.EntryContent.DataForm;
import cn.govdata.catalog.entry.EntryContent.DataFormat;
import cn.govdata.catalog.entry.EntryContent.DataGrade;
import cn.govdata.catalog.entry.EntryContent.OpenType;
import cn.govdata.catalog.entry.EntryContent.ResourceCategory;
import cn.govdata.catalog.entry.EntryContent.ShareMethod;
import cn.govdata.catalog.entry.EntryContent.ShareType;
import cn.govdata.catalog.entry.EntryContent.UpdateFrequency;
import cn.govdata.catalog.entry.EntryRequest;
import cn.govdata.catalog.entry.EntryRequest.DictionaryRequest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static cn.govdata.catalog.spreadsheet.TemplateColumn.*;

/**
 * One template row and one entry, both ways: an entry's content to cells (export), and cells to the
 * {@link EntryRequest} the JSON API would receive (import). Reading only converts text; the
 * constraints and statutory rules are checked afterwards, exactly as for a JSON body.
 */
final class EntryRows {

    private static final Pattern LIST_SPLIT = Pattern.compile("[;；]");
    private static final List<String> TRUE = List.of("TRUE", "YES", "Y", "1", "是");
    private static final List<String> FALSE = List.of("FALSE", "NO", "N", "0", "否");

    /** A row read from a file: its spreadsheet row number (the header is row 1), the request, conversion errors. */
    record ParsedRow(int row, EntryRequest request, List<RowError> errors) {
    }

    private EntryRows() {
    }

    static List<String> cells(EntryContent c) {
        String[] cells = new String[ALL.size()];
        for (TemplateColumn column : ALL) {
            cells[column.ordinal()] = switch (column) {
                case NAME -> c.name();
                case SUMMARY -> c.summary();
                case CATEGORY -> name(c.category());
                case CLASS_CODE -> c.classCode();
                case ITEM_CODE -> c.itemCode();
                case BASIC_KIND -> name(c.basicKind());
                case PROVIDER_DEPARTMENT -> c.providerDepartment();
                case SOURCE_SYSTEM -> c.sourceSystem();
                case COLLECTING_DEPARTMENT -> c.collectingDepartment();
                case APPROVING_DEPARTMENT -> c.approvingDepartment();
                case PROVIDING_DEPARTMENT -> c.providingDepartment();
                case FORMATS -> list(c.formats());
                case FORM -> name(c.form());
                case DATA_ITEMS -> DataItemsCell.format(c.dataItems());
                case DICTIONARY_NAME -> c.dictionary() == null ? null : c.dictionary().name();
                case DICTIONARY_URL -> c.dictionary() == null ? null : c.dictionary().url();
                case DICTIONARY_STANDARD -> c.dictionary() == null ? null : c.dictionary().standard();
                case SHARE_TYPE -> name(c.shareType());
                case SHARE_CONDITIONS -> c.shareConditions();
                case SHARE_SCOPE -> c.shareScope();
                case SHARE_REASON -> c.shareReason();
                case SHARE_LEGAL_BASIS -> c.shareLegalBasis();
                case SHARE_METHODS -> list(c.shareMethods());
                case OPEN_TYPE -> name(c.openType());
                case OPEN_CONDITIONS -> c.openConditions();
                case OPEN_REASON -> c.openReason();
                case OPEN_LEGAL_BASIS -> c.openLegalBasis();
                case OBTAINED_BY_SHARING -> c.obtainedBySharing() ? "TRUE" : "FALSE";
                case UPDATE_FREQUENCY -> name(c.updateFrequency());
                case TOPIC -> c.topic();
                case INDUSTRY -> c.industry();
                case REGION -> c.region();
                case GRADE -> name(c.grade());
                case PRIORITY_DOMAINS -> String.join(TemplateColumn.LIST_SEPARATOR, c.priorityDomains());
            };
        }
        return Arrays.stream(cells).map(s -> s == null ? "" : s).toList();
    }

    static ParsedRow read(int row, List<String> cells) {
        Reader r = new Reader(cells);
        EntryRequest request = new EntryRequest(
                r.text(NAME), r.text(SUMMARY), r.choice(CATEGORY, ResourceCategory.class), r.code(CLASS_CODE),
                r.code(ITEM_CODE), r.choice(BASIC_KIND, BasicResourceKind.class), r.department(PROVIDER_DEPARTMENT),
                r.text(SOURCE_SYSTEM), r.department(COLLECTING_DEPARTMENT), r.department(APPROVING_DEPARTMENT),
                r.department(PROVIDING_DEPARTMENT), r.choices(FORMATS, DataFormat.class), r.choice(FORM, DataForm.class),
                r.dataItems(), r.dictionary(), r.choice(SHARE_TYPE, ShareType.class), r.text(SHARE_CONDITIONS),
                r.text(SHARE_SCOPE), r.text(SHARE_REASON), r.text(SHARE_LEGAL_BASIS),
                r.choices(SHARE_METHODS, ShareMethod.class), r.choice(OPEN_TYPE, OpenType.class), r.text(OPEN_CONDITIONS),
                r.text(OPEN_REASON), r.text(OPEN_LEGAL_BASIS), r.flag(OBTAINED_BY_SHARING),
                r.choice(UPDATE_FREQUENCY, UpdateFrequency.class), r.text(TOPIC), r.text(INDUSTRY), r.code(REGION),
                r.choice(GRADE, DataGrade.class), r.priorityDomains(PRIORITY_DOMAINS));
        r.rejectCellsBeyondTemplate();
        return new ParsedRow(row, request, r.errors);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static String list(List<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).collect(Collectors.joining(TemplateColumn.LIST_SEPARATOR));
    }

    private static final class Reader {
        private final List<String> cells;
        private final List<RowError> errors = new ArrayList<>();

        Reader(List<String> cells) {
            this.cells = cells;
        }

        String text(TemplateColumn column) {
            String value = column.ordinal() < cells.size() ? cells.get(column.ordinal()) : null;
            return value == null || value.isBlank() ? null : value.strip();
        }

        /** Excel drops the leading zeros of a digit code typed as a number (01 → 1); the width puts them back. */
        String code(TemplateColumn column) {
            String value = text(column);
            if (value != null && column.zeroPadded() && value.length() < column.codeWidth()
                    && value.chars().allMatch(Character::isDigit)) {
                return "0".repeat(column.codeWidth() - value.length()) + value;
            }
            return value;
        }

        String department(TemplateColumn column) {
            String value = text(column);
            return value == null ? null : value.toUpperCase(Locale.ROOT);
        }

        <E extends Enum<E>> E choice(TemplateColumn column, Class<E> type) {
            String value = text(column);
            if (value == null) {
                return null;
            }
            E parsed = EnumLabels.parse(type, value).orElse(null);
            if (parsed == null) {
                errors.add(new RowError(column.field, "'" + value + "' is not one of " + EnumLabels.allowed(type)));
            }
            return parsed;
        }

        <E extends Enum<E>> List<E> choices(TemplateColumn column, Class<E> type) {
            String value = text(column);
            if (value == null) {
                return null;
            }
            List<E> parsed = new ArrayList<>();
            for (String part : LIST_SPLIT.split(value)) {
                if (part.isBlank()) {
                    continue;
                }
                EnumLabels.parse(type, part).ifPresentOrElse(parsed::add, () -> errors.add(new RowError(column.field,
                        "'" + part.strip() + "' is not one of " + EnumLabels.allowed(type))));
            }
            return parsed;
        }

        /** Keys of the controlled list (SY 36, QY 31); an unknown one is a row error naming the column. */
        List<String> priorityDomains(TemplateColumn column) {
            String value = text(column);
            if (value == null) {
                return List.of();
            }
            List<String> keys = new ArrayList<>();
            for (String part : LIST_SPLIT.split(value)) {
                String key = part.strip();
                if (key.isEmpty()) {
                    continue;
                }
                try {
                    String known = cn.govdata.policy.PriorityDomain.fromKey(key).key();
                    if (!keys.contains(known)) {
                        keys.add(known);
                    }
                } catch (IllegalArgumentException unknown) {
                    errors.add(new RowError(column.field, "「" + key + "」不在重点和优先开放领域目录中（SY 36、QY 31）"));
                }
            }
            return keys;
        }

        boolean flag(TemplateColumn column) {
            String value = text(column);
            if (value == null || FALSE.contains(value.toUpperCase(Locale.ROOT))) {
                return false;
            }
            if (TRUE.contains(value.toUpperCase(Locale.ROOT))) {
                return true;
            }
            errors.add(new RowError(column.field, "'" + value + "' is not TRUE or FALSE (是 or 否)"));
            return false;
        }

        List<EntryRequest.DataItemRequest> dataItems() {
            String value = text(DATA_ITEMS);
            if (value == null) {
                return null;
            }
            DataItemsCell.Parsed parsed = DataItemsCell.parse(value);
            errors.addAll(parsed.errors());
            return parsed.items();
        }

        DictionaryRequest dictionary() {
            String name = text(DICTIONARY_NAME);
            String url = text(DICTIONARY_URL);
            String standard = text(DICTIONARY_STANDARD);
            return name == null && url == null && standard == null ? null : new DictionaryRequest(name, url, standard);
        }

        void rejectCellsBeyondTemplate() {
            for (int i = ALL.size(); i < cells.size(); i++) {
                if (cells.get(i) != null && !cells.get(i).isBlank()) {
                    TemplateColumn last = ALL.get(ALL.size() - 1);
                    errors.add(new RowError("template", "column " + TemplateColumn.letter(i) + " has a value, but the template ends at column "
                            + last.letter() + " (" + last.header() + ")"));
                    return;
                }
            }
        }
    }
}
