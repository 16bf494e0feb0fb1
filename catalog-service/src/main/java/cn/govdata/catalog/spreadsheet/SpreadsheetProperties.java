package cn.govdata.catalog.spreadsheet;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Limits of the spreadsheet import.
 *
 * @param maxRows     data rows per file (the header not counted)
 * @param maxFileSize bytes per uploaded file
 * @param importLease how long a running import holds its record before a retry may take it over;
 *                    far longer than the slowest import (5000 rows store and submit in seconds)
 * @param maxColumns  cells per row; the template has about thirty columns
 * @param xlsx        what an xlsx (a zip of XML parts) may unpack to before it is read
 */
@ConfigurationProperties("govdata.catalog.spreadsheet")
record SpreadsheetProperties(@DefaultValue("5000") int maxRows, @DefaultValue("10MB") DataSize maxFileSize,
                             @DefaultValue("10m") Duration importLease, @DefaultValue("64") int maxColumns,
                             @DefaultValue Xlsx xlsx) {

    /**
     * Zip-bomb limits, checked on the central directory and by inflating every part once (nothing
     * kept) before the workbook is parsed.
     *
     * @param maxEntries          parts in the zip; Excel and WPS write about fifteen
     * @param maxEntrySize        inflated bytes of any one part
     * @param maxTotalSize        inflated bytes of all parts together
     * @param maxCompressionRatio inflated/compressed bytes of a part (Apache POI refuses above 100 too)
     * @param maxSharedStrings    entries of the shared-strings table, which a reader holds in memory
     */
    record Xlsx(@DefaultValue("256") int maxEntries, @DefaultValue("100MB") DataSize maxEntrySize,
                @DefaultValue("200MB") DataSize maxTotalSize, @DefaultValue("100") int maxCompressionRatio,
                @DefaultValue("500000") int maxSharedStrings) {
    }

    /** The file limit as people write it, e.g. "10 MB". */
    String maxFileSizeText() {
        long bytes = maxFileSize.toBytes();
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }
}
