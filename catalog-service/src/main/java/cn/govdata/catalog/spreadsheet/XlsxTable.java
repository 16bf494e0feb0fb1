package cn.govdata.catalog.spreadsheet;

import cn.govdata.catalog.entry.EntryContent;
import cn.govdata.domain.Refusal;
import org.dhatim.fastexcel.DataValidationErrorStyle;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ExcelReaderException;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The template as an xlsx workbook: sheet {@value #DATA_SHEET} holds the header and one entry per
 * row, sheet {@value #INSTRUCTIONS_SHEET} documents every column and shows an example row. Written
 * and read as a stream (fastexcel), so an export of thousands of entries never sits in memory.
 */
final class XlsxTable {

    static final String DATA_SHEET = "目录 entries";
    static final String INSTRUCTIONS_SHEET = "说明 instructions";

    private static final Logger log = LoggerFactory.getLogger(XlsxTable.class);
    private static final int FLUSH_EVERY = 500;
    private static final String HEADER_FILL = "DDEBF7";
    private static final String REQUIRED_FONT = "C00000";

    private XlsxTable() {
    }

    /** Reads the data sheet (by name, else the first sheet) into {@code visitor}, header first. */
    static void read(InputStream in, RowVisitor visitor) {
        try (ReadableWorkbook workbook = new ReadableWorkbook(in)) {
            Sheet sheet = workbook.findSheet(DATA_SHEET).orElseGet(workbook::getFirstSheet);
            try (Stream<Row> rows = sheet.openStream()) {
                rows.forEach(row -> visitor.row(row.getRowNum(), cells(row)));
            }
        } catch (Refusal e) {
            throw e;
        } catch (IOException | ExcelReaderException | IllegalStateException e) {
            log.info("Unreadable xlsx upload: {}", e.toString());
            throw Refusal.invalidField("file", "is not a readable xlsx workbook (" + e.getClass().getSimpleName()
                    + "); open it in Excel and save it again as .xlsx");
        }
    }

    private static List<String> cells(Row row) {
        List<String> cells = new ArrayList<>(row.getCellCount());
        for (int i = 0; i < row.getCellCount(); i++) {
            cells.add(text(row.getCell(i)));
        }
        return cells;
    }

    /** A cell as the text the officer sees; numbers without a spurious ".0", booleans as TRUE/FALSE. */
    static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        return switch (cell.getType()) {
            case STRING -> cell.asString();
            case NUMBER -> {
                BigDecimal number = cell.asNumber();
                yield number == null ? "" : number.stripTrailingZeros().toPlainString();
            }
            case BOOLEAN -> Boolean.TRUE.equals(cell.asBoolean()) ? "TRUE" : "FALSE";
            case EMPTY -> "";
            default -> cell.getRawValue() == null ? "" : cell.getRawValue(); // a formula's cached result, or #N/A
        };
    }

    /** The template (no {@code rows}) or an export; both with the instructions sheet. */
    static void write(OutputStream out, Iterator<List<String>> rows, int maxRows, String limits) throws IOException {
        Workbook workbook = new Workbook(out, "govdata-catalog", "1.0");
        Worksheet data = workbook.newWorksheet(DATA_SHEET);
        List<TemplateColumn> columns = TemplateColumn.ALL;
        for (TemplateColumn column : columns) {
            int c = column.ordinal();
            data.width(c, column.width);
            // Text format: Excel keeps what is typed, e.g. the leading zero of item code 001.
            data.style(c).format("@").set();
            data.value(0, c, column.header());
            var style = data.style(0, c).bold().fillColor(HEADER_FILL).wrapText(true).verticalAlignment("center").format("@");
            if (column.required) {
                style.fontColor(REQUIRED_FONT);
            }
            style.set();
            if (column.kind == TemplateColumn.Kind.ENUM || column.kind == TemplateColumn.Kind.BOOLEAN) {
                String list = column.kind == TemplateColumn.Kind.BOOLEAN ? "TRUE,FALSE"
                        : Arrays.stream(column.values.getEnumConstants()).map(Enum::name).collect(Collectors.joining(","));
                // A warning, not a stop: the Chinese names (有条件共享 …) are valid input too.
                String message = "可选值 allowed: " + column.allowedValues();
                data.range(1, c, maxRows, c).validateWithListByFormula("\"" + list + "\"")
                        .allowBlank(true).showErrorMessage(true).errorStyle(DataValidationErrorStyle.WARNING)
                        .errorTitle(column.chinese) // Excel refuses a workbook whose validation message exceeds 225 characters
                        .error(message.length() > 225 ? message.substring(0, 224) + "…" : message);
            }
        }
        data.rowHeight(0, 32);
        data.freezePane(0, 1);
        int r = 1;
        while (rows.hasNext()) {
            List<String> cells = rows.next();
            for (int c = 0; c < cells.size(); c++) {
                String value = cells.get(c);
                if (value != null && !value.isEmpty()) {
                    data.value(r, c, value);
                }
            }
            if (r++ % FLUSH_EVERY == 0) {
                data.flush();
            }
        }
        data.finish();
        writeInstructions(workbook.newWorksheet(INSTRUCTIONS_SHEET), maxRows, limits);
        workbook.finish();
    }

    private static void writeInstructions(Worksheet ws, int maxRows, String limits) {
        ws.width(0, 8);
        ws.width(1, 26);
        ws.width(2, 22);
        ws.width(3, 10);
        ws.width(4, 60);
        ws.width(5, 70);
        int r = 0;
        ws.value(r, 0, "政务数据资源目录批量编目模板 — 说明 / Catalog bulk-import template — instructions");
        ws.style(r, 0).bold().fontSize(14).set();
        r += 2;
        for (String line : TemplateInstructions.rules(maxRows, limits)) {
            ws.value(r++, 0, line);
        }
        r++;
        String[] head = {"列 column", "表头 header", "字段 field", "必填 required", "可选值 / 格式 allowed values / format", "说明 description"};
        for (int c = 0; c < head.length; c++) {
            ws.value(r, c, head[c]);
            ws.style(r, c).bold().fillColor(HEADER_FILL).set();
        }
        r++;
        for (TemplateColumn column : TemplateColumn.ALL) {
            ws.value(r, 0, column.letter());
            ws.value(r, 1, column.header());
            ws.value(r, 2, column.field);
            ws.value(r, 3, TemplateInstructions.required(column));
            ws.value(r, 4, column.allowedValues());
            ws.value(r, 5, column.hint);
            if (column.required) {
                ws.style(r, 3).fontColor(REQUIRED_FONT).bold().set();
            }
            r++;
        }
        r++;
        ws.value(r, 0, "示例 example（复制到“" + DATA_SHEET + "”表第 2 行起使用 / copy into the data sheet from row 2）");
        ws.style(r, 0).bold().set();
        r++;
        EntryContent example = TemplateInstructions.example();
        List<String> cells = EntryRows.cells(example);
        for (TemplateColumn column : TemplateColumn.ALL) {
            ws.value(r, column.ordinal(), column.header());
            ws.style(r, column.ordinal()).bold().fillColor(HEADER_FILL).set();
            ws.value(r + 1, column.ordinal(), cells.get(column.ordinal()));
        }
    }
}
