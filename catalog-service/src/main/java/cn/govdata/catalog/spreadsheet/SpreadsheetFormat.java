package cn.govdata.catalog.spreadsheet;

import cn.govdata.domain.Refusal;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.springframework.http.MediaType;

import java.util.Arrays;
import java.util.Locale;

/** The two template formats, and how an upload says which one it is. */
enum SpreadsheetFormat {
    XLSX("xlsx", MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")),
    CSV("csv", MediaType.parseMediaType("text/csv;charset=UTF-8"));

    final String extension;
    final MediaType mediaType;

    SpreadsheetFormat(String extension, MediaType mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    /** The {@code format} query parameter; absent means xlsx. */
    static SpreadsheetFormat ofParameter(String format) {
        if (format == null || format.isBlank()) {
            return XLSX;
        }
        return Arrays.stream(values()).filter(f -> f.extension.equalsIgnoreCase(format.strip())).findFirst()
                .orElseThrow(() -> Refusal.invalidField("format", "must be xlsx or csv"));
    }

    /**
     * The content decides where it can: an xlsx is a zip, whatever its name. Otherwise the name or
     * the declared type must say csv (browsers on Windows declare a .csv as application/vnd.ms-excel).
     */
    static SpreadsheetFormat detect(String filename, String contentType, byte[] head) {
        String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT).strip();
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (ReadableWorkbook.isOOXMLZipHeader(head)) {
            return XLSX;
        }
        if (ReadableWorkbook.isOLE2Header(head)) {
            throw Refusal.invalidField("file", "is an Excel 97-2003 (.xls) workbook; save it as .xlsx (Excel 工作簿) or CSV UTF-8");
        }
        if (name.endsWith(".xlsx") || type.contains("spreadsheetml")) {
            throw Refusal.invalidField("file", "is named or declared xlsx but is not an xlsx workbook (not a zip file)");
        }
        if (name.endsWith(".csv") || name.endsWith(".txt") || type.startsWith("text/csv") || type.startsWith("text/plain")
                || type.equals("application/vnd.ms-excel") || (name.isEmpty() && type.startsWith("application/octet-stream"))) {
            return CSV;
        }
        throw Refusal.invalidField("file", "must be an .xlsx workbook or a .csv file (got '"
                + (filename == null ? "" : filename) + "', " + (contentType == null ? "no content type" : contentType) + ")");
    }

    String filename(String base) {
        return base + "." + extension;
    }
}
