package cn.govdata.privacy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The platform's one CSV writer for downloads opened in spreadsheet programs (RFC 4180):
 * <ul>
 *   <li>UTF-8 with a byte-order mark, so Excel in zh-CN opens Chinese text in the right encoding;</li>
 *   <li>CRLF between records; a field with a comma, quote, line break or surrounding whitespace in
 *       double quotes, quotes doubled;</li>
 *   <li>formula guard (CSV injection): a cell starting with {@code = + - @}, a tab or a carriage return
 *       gets an apostrophe in front, so {@code =HYPERLINK(...)} is shown as text, never run;</li>
 *   <li>an optional citation line {@code #_citation,<text>} before the header, which open data uses for
 *       the attribution data products must carry.</li>
 * </ul>
 * List values are joined with {@code ;}. Not thread-safe; one writer per download.
 */
public final class CsvWriter implements AutoCloseable {

    public static final String MEDIA_TYPE = "text/csv;charset=UTF-8";
    public static final String CITATION_LABEL = "#_citation";
    private static final String FORMULA_START = "=+-@\t\r";

    private final Writer out;

    /** Starts a CSV on {@code stream} by writing the byte-order mark. */
    public CsvWriter(OutputStream stream) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        write("\uFEFF");
    }

    /** The attribution line; write it before the header. */
    public CsvWriter citation(String citation) {
        return row(List.of(CITATION_LABEL, citation));
    }

    public CsvWriter row(List<?> cells) {
        write(line(cells));
        return this;
    }

    /** One record with its CRLF, formula-guarded and quoted. */
    public static String line(List<?> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells.get(i)));
        }
        return line.append("\r\n").toString();
    }

    /** One cell as written: guarded against formulas, then quoted if needed. */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof List<?> list ? String.join(";", list.stream().map(String::valueOf).toList()) : value.toString();
        if (text.isEmpty()) {
            return "";
        }
        if (FORMULA_START.indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0
                || Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(text.charAt(text.length() - 1));
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flushes; the stream itself belongs to the caller and stays open. */
    @Override
    public void close() {
        flush();
    }

    private void write(String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
