package cn.govdata.catalog.spreadsheet;

import cn.govdata.domain.Refusal;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

/**
 * Looks inside an uploaded xlsx before the workbook reader does: an xlsx is a zip, and a few
 * kilobytes of zip can inflate to gigabytes (a zip bomb) or carry millions of shared strings that
 * a reader keeps in memory. Reads the same central directory as the reader (commons-compress, which
 * fastexcel uses), inflates each part once through a counter that stops at the limit, and keeps
 * nothing.
 */
final class XlsxLimits {

    private static final String SHARED_STRINGS = "xl/sharedStrings.xml";
    private static final byte[] SI = "<si".getBytes(StandardCharsets.US_ASCII);

    private XlsxLimits() {
    }

    static void check(byte[] xlsx, SpreadsheetProperties.Xlsx limits) {
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(xlsx)).get()) {
            long total = 0;
            int entries = 0;
            Enumeration<ZipArchiveEntry> all = zip.getEntries();
            while (all.hasMoreElements()) {
                ZipArchiveEntry entry = all.nextElement();
                if (++entries > limits.maxEntries()) {
                    throw refused("has more than " + limits.maxEntries() + " parts inside the xlsx zip", "xlsx-too-many-parts");
                }
                if (entry.isDirectory()) {
                    continue;
                }
                total += inflate(zip, entry, limits, limits.maxTotalSize().toBytes() - total);
            }
        } catch (Refusal e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw Refusal.invalidField("file", "is not a readable xlsx workbook (" + e.getClass().getSimpleName()
                    + "); open it in Excel and save it again as .xlsx");
        }
    }

    /** The inflated size of one part, stopping as soon as a limit is passed. */
    private static long inflate(ZipFile zip, ZipArchiveEntry entry, SpreadsheetProperties.Xlsx limits, long totalLeft)
            throws IOException {
        long compressed = Math.max(entry.getCompressedSize(), 1);
        long maxEntry = limits.maxEntrySize().toBytes();
        boolean sharedStrings = SHARED_STRINGS.equals(entry.getName());
        long strings = 0;
        int matched = 0;
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = zip.getInputStream(entry)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                size += n;
                if (size > maxEntry) {
                    throw refused("has a part (" + entry.getName() + ") that unpacks to more than "
                            + limits.maxEntrySize().toMegabytes() + " MB", "xlsx-too-large-unpacked");
                }
                if (size > totalLeft) {
                    throw refused("unpacks to more than " + limits.maxTotalSize().toMegabytes() + " MB",
                            "xlsx-too-large-unpacked");
                }
                if (size > 1024 * 1024 && size / compressed > limits.maxCompressionRatio()) {
                    throw refused("is compressed more than " + limits.maxCompressionRatio() + " to 1 ("
                            + entry.getName() + "), as zip bombs are", "xlsx-compression-ratio");
                }
                if (sharedStrings) {
                    for (int i = 0; i < n; i++) {
                        matched = buffer[i] == SI[matched] ? matched + 1 : (buffer[i] == SI[0] ? 1 : 0);
                        if (matched == SI.length) {
                            matched = 0;
                            if (++strings > limits.maxSharedStrings()) {
                                throw refused("holds more than " + limits.maxSharedStrings() + " shared strings",
                                        "xlsx-too-many-strings");
                            }
                        }
                    }
                }
            }
        }
        return size;
    }

    private static Refusal refused(String message, String slug) {
        return new Refusal(Refusal.Kind.INVALID, slug, "Workbook refused", "file: " + message,
                Map.of("errors", List.of(Map.of("field", "file", "message", message))));
    }
}
