package cn.govdata.audit.web;

import cn.govdata.privacy.CsvWriter;

import java.io.OutputStream;
import java.util.List;

/**
 * An audit download as CSV, written by the platform's one CSV writer ({@link CsvWriter}): UTF-8 with
 * a byte-order mark, CRLF, RFC 4180 quoting and the formula guard, so an exported log cannot run
 * anything when opened in a spreadsheet.
 */
public final class Csv implements AutoCloseable {

    public static final String MEDIA_TYPE = CsvWriter.MEDIA_TYPE;

    private final CsvWriter out;

    public Csv(OutputStream stream, List<String> header) {
        this.out = new CsvWriter(stream);
        row(header);
    }

    public void row(List<?> cells) {
        out.row(cells);
    }

    static String cell(Object value) {
        return CsvWriter.cell(value);
    }

    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
