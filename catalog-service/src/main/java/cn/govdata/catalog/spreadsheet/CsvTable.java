package cn.govdata.catalog.spreadsheet;

import cn.govdata.domain.Refusal;
import cn.govdata.privacy.CsvWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The template as CSV (RFC 4180): comma-separated, fields with a comma, quote or line break in
 * double quotes, quotes doubled, CRLF between records. Written as UTF-8 with a byte-order mark so
 * Excel (zh-CN) opens it in the right encoding; read as UTF-8 with or without the mark. A GBK file
 * (Excel's plain "CSV (逗号分隔)" on Chinese Windows) is accepted when its header row proves the
 * encoding; any other encoding is refused rather than guessed.
 */
final class CsvTable {

    private static final Logger log = LoggerFactory.getLogger(CsvTable.class);
    private static final Charset GB18030 = Charset.forName("GB18030");
    /** Characters that make a spreadsheet treat a cell as a formula (CSV injection); such cells get a ' in front. */
    private static final String FORMULA_START = "=+-@\t\r";

    private CsvTable() {
    }

    /** Written by the platform's one CSV writer (BOM, RFC 4180, formula guard). */
    static void write(OutputStream out, List<String> header, Iterator<List<String>> rows) throws IOException {
        try (CsvWriter writer = new CsvWriter(out)) {
            writer.row(header);
            while (rows.hasNext()) {
                writer.row(rows.next());
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static String field(String value) {
        return CsvWriter.cell(value);
    }

    /** Reads every record (the header is record 1) into {@code visitor}; a quoted line break stays in its field. */
    static void read(byte[] bytes, RowVisitor visitor) {
        parse(decode(bytes), visitor);
    }

    static void parse(String text, RowVisitor visitor) {
        List<String> cells = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int record = 1;
        int recordStart = 0;
        boolean quoted = false;
        boolean fieldStarted = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"' && field.isEmpty() && !fieldStarted) {
                quoted = true;
                fieldStarted = true;
            } else if (c == ',') {
                cells.add(unguard(field.toString()));
                field.setLength(0);
                fieldStarted = false;
            } else if (c == '\r' || c == '\n') {
                cells.add(unguard(field.toString()));
                visitor.row(record++, cells);
                cells = new ArrayList<>();
                field.setLength(0);
                fieldStarted = false;
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                recordStart = i + 1;
            } else {
                // Lenient like Excel: a quote inside an unquoted field, or text after a closing quote, is kept.
                field.append(c);
                fieldStarted = true;
            }
            i++;
        }
        if (quoted) {
            throw Refusal.invalidField("file", "record " + record + " has a quoted field that is never closed"
                    + " (it starts near: " + excerpt(text, recordStart) + ")");
        }
        if (fieldStarted || !field.isEmpty() || !cells.isEmpty()) {
            cells.add(unguard(field.toString()));
            visitor.row(record, cells);
        }
    }

    private static String unguard(String value) {
        return value.length() > 1 && value.charAt(0) == '\'' && FORMULA_START.indexOf(value.charAt(1)) >= 0
                ? value.substring(1) : value;
    }

    private static String excerpt(String text, int from) {
        String s = text.substring(from, Math.min(text.length(), from + 40));
        return s.replace("\r", " ").replace("\n", " ");
    }

    static String decode(byte[] bytes) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE) || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            throw Refusal.invalidField("file", "is UTF-16 ('Unicode text'); save it as 'CSV UTF-8（逗号分隔）(*.csv)'");
        }
        for (byte b : bytes) {
            if (b == 0) {
                throw Refusal.invalidField("file", "is not a CSV text file (it contains NUL bytes)");
            }
        }
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
        Decoded utf8 = strict(bytes, start, StandardCharsets.UTF_8);
        if (utf8.text() != null) {
            return utf8.text();
        }
        if (start == 0) {
            Decoded gbk = strict(bytes, 0, GB18030);
            // Nearly any byte sequence decodes as GB18030, so only a header that reads as the template's Chinese proves it.
            if (gbk.text() != null && firstLine(gbk.text()).contains(TemplateColumn.NAME.header())) {
                log.info("CSV upload decoded as GBK/GB18030 (its header matched the template)");
                return gbk.text();
            }
        }
        throw Refusal.invalidField("file", "is not UTF-8 text (invalid byte at offset " + utf8.errorOffset()
                + "); in Excel use 另存为 → 'CSV UTF-8（逗号分隔）(*.csv)'");
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private record Decoded(String text, long errorOffset) {
    }

    private static Decoded strict(byte[] bytes, int start, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil((bytes.length - start) * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            return new Decoded(null, in.position());
        }
        return new Decoded(out.flip().toString(), -1);
    }
}
