package cn.govdata.opendata.dataset;

import cn.govdata.domain.Refusal;
import cn.govdata.opendata.catalog.Listing;
import cn.govdata.opendata.catalog.Listings;
import cn.govdata.opendata.dispute.DisputedRecords;
import cn.govdata.opendata.dispute.OpenDisputes;
import cn.govdata.platform.directory.DepartmentDirectory;
import cn.govdata.platform.directory.DirectoryEntry;
import cn.govdata.policy.JurisdictionProfile;
import cn.govdata.privacy.CsvWriter;
import org.bson.Document;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams a published version as CSV or JSON, row by row from a cursor, with the attribution data
 * products must carry (NJ 27, QZ 6.7): the source department, the acquisition time and a citation.
 * Header values are percent-encoded UTF-8 (HTTP header values are Latin-1); the body carries the
 * same citation in plain text. Records under an open objection case carry {@code _disputed} and
 * {@code _disputedFields} in JSON; CSV keeps its shape, and both formats say {@code X-Data-Disputed: true}
 * while any case on the dataset is open.
 */
@Component
public class Downloads {

    public static final String DATA_SOURCE = "X-Data-Source";
    public static final String DATA_SOURCE_CODE = "X-Data-Source-Code";
    public static final String ACQUIRED_AT = "X-Acquired-At";
    public static final String CITATION = "X-Citation";
    public static final String DATASET_VERSION = "X-Dataset-Version";
    public static final String DATA_DISPUTED = "X-Data-Disputed";

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final Listings listings;
    private final DatasetRecords records;
    private final DisputedRecords disputes;
    private final DepartmentDirectory directory;
    private final JurisdictionProfile profile;
    private final JsonMapper json;
    private final Clock clock;

    Downloads(Listings listings, DatasetRecords records, DisputedRecords disputes, DepartmentDirectory directory,
              JurisdictionProfile profile, JsonMapper json, Clock clock) {
        this.listings = listings;
        this.records = records;
        this.disputes = disputes;
        this.directory = directory;
        this.profile = profile;
        this.json = json;
        this.clock = clock;
    }

    /** The listing whose current version anyone may download: unconditional, listed, published. */
    public Listing openDataset(String entryId) {
        Listing listing = publishedListing(entryId);
        if (!listing.isUnconditional()) {
            throw Refusal.forbidden("Entry " + entryId + " is conditionally open (有条件开放): apply for a licence "
                    + "and download with its API key");
        }
        return listing;
    }

    public Listing publishedListing(String entryId) {
        Listing listing = listings.open(entryId);
        if (!listing.hasDataset()) {
            throw Refusal.notFound("Published version of open dataset", entryId);
        }
        return listing;
    }

    public String departmentName(String code) {
        return directory.find(code).map(DirectoryEntry::name).orElse(code);
    }

    public String citation(Listing listing, Instant acquiredAt) {
        return "数据来源：%s；《%s》（目录%s，第%d版）；%s公共数据开放平台；获取日期：%s".formatted(
                departmentName(listing.department()), listing.name(), listing.entryId(), listing.currentVersion(),
                profile.nameZh(), DateTimeFormatter.ISO_LOCAL_DATE.format(acquiredAt.atZone(CHINA)));
    }

    /** @param format csv or json */
    public ResponseEntity<StreamingResponseBody> download(Listing listing, String format) {
        boolean asJson = "json".equalsIgnoreCase(format);
        if (!asJson && format != null && !"csv".equalsIgnoreCase(format)) {
            throw Refusal.invalidField("format", "csv or json");
        }
        Instant acquiredAt = clock.instant();
        String citation = citation(listing, acquiredAt);
        int version = listing.currentVersion();
        List<String> fields = listing.fields() == null ? List.of() : listing.fields();
        List<String> masked = masked(listing);
        OpenDisputes disputed = disputes.of(listing.entryId());
        listings.countDownload(listing.entryId());
        StreamingResponseBody body = out -> {
            if (asJson) {
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                Map<String, Object> envelope = new LinkedHashMap<>();
                envelope.put("_citation", citation);
                envelope.put("dataSource", departmentName(listing.department()));
                envelope.put("dataSourceCode", listing.department());
                envelope.put("acquiredAt", acquiredAt.toString());
                envelope.put("entryId", listing.entryId());
                envelope.put("version", version);
                envelope.put("fields", fields);
                String head = json.writeValueAsString(envelope);
                writer.write(head, 0, head.length() - 1);
                writer.write(",\"records\":[");
                boolean[] first = {true};
                records.forEach(listing.entryId(), version, values -> {
                    write(writer, (first[0] ? "" : ",") + json.writeValueAsString(disputed.flag(values, masked)));
                    first[0] = false;
                });
                writer.write("]}");
                writer.flush();
            } else {
                // The platform's one CSV writer: BOM for Excel zh-CN, formula guard, the citation line first.
                CsvWriter csv = new CsvWriter(out);
                csv.citation(citation).row(fields);
                records.forEach(listing.entryId(), version, values -> {
                    List<Object> line = new ArrayList<>(fields.size());
                    fields.forEach(f -> line.add(values.get(f)));
                    csv.row(line);
                });
                csv.flush();
            }
        };
        String filename = listing.entryId() + "-v" + version + (asJson ? ".json" : ".csv");
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (disputed.any()) {
            response.header(DATA_DISPUTED, "true");
        }
        return response
                .contentType(asJson ? MediaType.APPLICATION_JSON : new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
                .header(DATA_SOURCE, encode(departmentName(listing.department())))
                .header(DATA_SOURCE_CODE, listing.department())
                .header(ACQUIRED_AT, acquiredAt.toString())
                .header(CITATION, encode(citation))
                .header(DATASET_VERSION, String.valueOf(version))
                .header(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, String.join(", ", DATA_SOURCE, DATA_SOURCE_CODE, ACQUIRED_AT,
                        CITATION, DATASET_VERSION, DATA_DISPUTED))
                .body(body);
    }

    public RecordsPage page(Listing listing, int page, int size) {
        int version = listing.currentVersion();
        long total = listing.recordCount() == null ? 0 : listing.recordCount();
        List<Document> rows = records.page(listing.entryId(), version, page, size);
        List<String> masked = masked(listing);
        OpenDisputes disputed = disputes.of(listing.entryId());
        return new RecordsPage(listing.entryId(), version, citation(listing, clock.instant()), listing.fields(),
                rows.stream().map(d -> disputed.flag(new LinkedHashMap<String, Object>(d), masked)).toList(), page, size, total,
                (int) ((total + size - 1) / size));
    }

    private static List<String> masked(Listing listing) {
        return listing.maskedFields() == null ? List.of() : listing.maskedFields();
    }

    private static void write(Writer writer, String text) {
        try {
            writer.write(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public record RecordsPage(String entryId, int version, String _citation, List<String> fields,
                              List<Map<String, Object>> items, int page, int size, long totalItems, int totalPages) {
    }
}
