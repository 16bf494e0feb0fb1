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
 */
@ConfigurationProperties("govdata.catalog.spreadsheet")
record SpreadsheetProperties(@DefaultValue("5000") int maxRows, @DefaultValue("10MB") DataSize maxFileSize,
                             @DefaultValue("10m") Duration importLease) {

    /** The file limit as people write it, e.g. "10 MB". */
    String maxFileSizeText() {
        long bytes = maxFileSize.toBytes();
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }
}
