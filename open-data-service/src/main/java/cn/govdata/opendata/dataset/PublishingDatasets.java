package cn.govdata.opendata.dataset;

import cn.govdata.events.OpenDataEventTypes;
import cn.govdata.events.opendata.OpenDataEvents;
import cn.govdata.opendata.catalog.Listing;
import cn.govdata.opendata.catalog.Listings;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.problem.PlatformException;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;
import cn.govdata.privacy.Headers;
import cn.govdata.privacy.Identifiers;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A department publishes a new version of an open dataset from a CSV or JSON upload. Its masking
 * rules are applied row by row while reading, so unmasked personal data is never stored. Publishing
 * refuses what it cannot vouch for: headers are normalised (NFKC, zero-width characters and
 * surrounding spaces removed) before they are matched with the catalog's data items; a column that
 * is no data item, a personal or sensitive item without a masking rule, or an ID or mobile number in
 * a column without a rule stops the upload, and nothing of it stays stored.
 */
@Component
class PublishingDatasets {

    private static final int BATCH = 500;

    private final Listings listings;
    private final DatasetRecords records;
    private final Events events;
    private final JsonMapper json;
    private final Clock clock;

    PublishingDatasets(Listings listings, DatasetRecords records, Events events, JsonMapper json, Clock clock) {
        this.listings = listings;
        this.records = records;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    Map<String, String> setMasking(String entryId, Map<String, MaskRule> rules, Caller caller) {
        Listing listing = ownListing(entryId, caller);
        Map<String, String> stored = new LinkedHashMap<>();
        rules.forEach((field, rule) -> stored.put(Headers.normalise(field), rule.name()));
        listings.setMasking(listing.entryId(), stored);
        return stored;
    }

    VersionView publish(String entryId, String format, InputStream upload, Caller caller) throws IOException {
        Listing listing = ownListing(entryId, caller);
        if (listing.isNotOpen()) {
            throw PlatformException.conflict("not-open", "Entry " + entryId + " is not open (不予开放); it cannot be published");
        }
        Map<String, MaskRule> masking = new LinkedHashMap<>();
        if (listing.masking() != null) {
            listing.masking().forEach((f, r) -> masking.put(Headers.normalise(f), MaskRule.valueOf(r)));
        }
        Rows rows = "json".equalsIgnoreCase(format) ? jsonRows(upload) : csvRows(upload);
        requireCatalogItems(listing, rows.fields());
        requireMaskingOfPersonalItems(listing, rows.fields(), masking);
        int version = listings.reserveVersion(entryId);
        List<String> fields = new ArrayList<>();
        for (String f : rows.fields()) {
            if (masking.get(f) != MaskRule.DROP) {
                fields.add(f);
            }
        }
        long count;
        try {
            count = storeRows(entryId, version, rows, fields, masking);
        } catch (RuntimeException refused) {
            // Nothing half-published: rows of a refused upload are removed again (they were never visible,
            // as currentVersion still points at the previous version).
            records.deleteVersion(entryId, version);
            throw refused;
        }
        List<String> masked = rows.fields().stream().filter(masking::containsKey).toList();
        var at = clock.instant();
        var event = events.create(OpenDataEventTypes.DATASET_VERSION_PUBLISHED, entryId, listing.department(), listing.region(),
                new OpenDataEvents.DatasetVersionPublished(entryId, version, listing.department(), listing.name(),
                        listing.openType(), count, masked, caller.actor(), at));
        if (!listings.commitVersion(entryId, version, count, fields, masked, at, event)) {
            records.deleteVersion(entryId, version);
            throw PlatformException.conflict("newer-version", "A newer version of " + entryId + " was published meanwhile");
        }
        return new VersionView(entryId, version, count, fields, masked, at);
    }

    /**
     * Masks and stores the rows; a value in a column without a masking rule that holds a resident ID
     * number or a mobile number stops the publication (422 naming column and row): the department
     * declared the column non-personal, so the platform cannot vouch for what it would publish.
     */
    private long storeRows(String entryId, int version, Rows rows, List<String> fields, Map<String, MaskRule> masking) {
        List<Document> batch = new ArrayList<>(BATCH);
        long count = 0;
        for (Iterator<Map<String, String>> it = rows.iterator(); it.hasNext(); ) {
            Map<String, String> raw = it.next();
            count++;
            Document values = new Document();
            for (String f : fields) {
                String v = raw.get(f);
                MaskRule rule = masking.get(f);
                if (rule == null) {
                    refuseIdentifiers(f, count, v);
                }
                values.append(f, rule == null ? v : rule.apply(v));
            }
            batch.add(DatasetRecords.row(entryId, version, count, values));
            if (batch.size() == BATCH) {
                records.insert(batch);
                batch = new ArrayList<>(BATCH);
            }
        }
        records.insert(batch);
        return count;
    }

    private static void refuseIdentifiers(String field, long row, String value) {
        Identifiers.find(value).ifPresent(kind -> {
            String what = kind == Identifiers.Kind.RESIDENT_ID_NUMBER ? "a resident ID number (公民身份号码)" : "a mobile number (手机号码)";
            throw new PlatformException(HttpStatus.valueOf(422), "personal-data-in-unmasked-column", "Personal data in a column without masking",
                    "Column '" + field + "' has no masking rule but data row " + row + " holds " + what
                            + "; mask the column or remove the value. Nothing was published.",
                    Map.of("errors", List.of(Map.of("field", field, "message", "data row " + row + " holds " + what)),
                            "column", field, "row", row, "kind", kind.name()));
        });
    }

    /** Every uploaded column must be a data item of the catalog entry: an unknown column has no masking decision. */
    private static void requireCatalogItems(Listing listing, List<String> uploaded) {
        Set<String> items = new LinkedHashSet<>();
        if (listing.dataItems() != null) {
            listing.dataItems().forEach(i -> items.add(Headers.normalise(i.name())));
        }
        List<Map<String, String>> unknown = new ArrayList<>();
        for (String field : uploaded) {
            if (field.isEmpty()) {
                unknown.add(Map.of("field", field, "message", "a column has no name"));
            } else if (!items.contains(field)) {
                unknown.add(Map.of("field", field, "message", "is not a data item of catalog entry " + listing.entryId()));
            }
        }
        if (!unknown.isEmpty()) {
            throw new PlatformException(HttpStatus.valueOf(422), "unknown-column", "Column not in the catalog entry",
                    "Columns " + unknown.stream().map(e -> "'" + e.get("field") + "'").toList() + " are not data items of "
                            + listing.entryId() + " (items: " + items + "); nothing was published",
                    Map.of("errors", unknown, "fields", unknown.stream().map(e -> e.get("field")).toList()));
        }
    }

    /** A catalog data item flagged personal or sensitive that appears in the upload must have a masking rule. */
    private static void requireMaskingOfPersonalItems(Listing listing, List<String> uploaded, Map<String, MaskRule> masking) {
        if (listing.dataItems() == null) {
            return;
        }
        Set<String> unmasked = new LinkedHashSet<>();
        for (Listing.Item item : listing.dataItems()) {
            String name = Headers.normalise(item.name());
            if ((item.personal() || item.sensitive()) && uploaded.contains(name) && !masking.containsKey(name)) {
                unmasked.add(name);
            }
        }
        if (!unmasked.isEmpty()) {
            throw new PlatformException(HttpStatus.valueOf(422), "unmasked-personal-data", "Personal data without masking",
                    "Fields " + unmasked + " hold personal or sensitive information; set a masking rule before publishing",
                    Map.of("fields", List.copyOf(unmasked), "errors", unmasked.stream()
                            .map(f -> Map.of("field", f, "message", "personal or sensitive item without a masking rule")).toList()));
        }
    }

    private Listing ownListing(String entryId, Caller caller) {
        Listing listing = listings.find(entryId).filter(l -> !l.isWithdrawn())
                .orElseThrow(() -> PlatformException.notFound("Open catalog entry", entryId));
        if (!caller.hasRole(Roles.DEPT_DATA_OFFICER) || !caller.departmentCode().map(listing.department()::equals).orElse(false)) {
            throw PlatformException.forbidden("Only a data officer of " + listing.department() + " publishes its datasets");
        }
        return listing;
    }

    private Rows csvRows(InputStream upload) throws IOException {
        CsvReader csv = new CsvReader(new BufferedReader(new InputStreamReader(upload, StandardCharsets.UTF_8)));
        List<String> header = csv.next();
        if (header == null || header.isEmpty()) {
            throw PlatformException.invalidField("file", "the CSV is empty; its first line must name the fields");
        }
        List<String> fields = header.stream().map(Headers::normalise).toList();
        requireDistinct(fields);
        return new Rows(fields, () -> new Iterator<>() {
            List<String> next = read();

            private List<String> read() {
                try {
                    return csv.next();
                } catch (IOException e) {
                    throw PlatformException.invalidField("file", "unreadable CSV: " + e.getMessage());
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Map<String, String> next() {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < fields.size(); i++) {
                    row.put(fields.get(i), i < next.size() ? next.get(i) : null);
                }
                next = read();
                return row;
            }
        });
    }

    /**
     * JSON uploads are an array of flat objects; the fields are those of the first object. Read
     * element by element so a large upload is never held whole.
     */
    private Rows jsonRows(InputStream upload) {
        Iterator<JsonNode> nodes = json.readerFor(JsonNode.class).readValues(upload);
        if (!nodes.hasNext()) {
            throw PlatformException.invalidField("file", "the JSON array is empty");
        }
        JsonNode first = nodes.next();
        if (!first.isObject()) {
            throw PlatformException.invalidField("file", "expected an array of objects");
        }
        List<String> names = new ArrayList<>(first.propertyNames());
        List<String> fields = names.stream().map(Headers::normalise).toList();
        requireDistinct(fields);
        return new Rows(fields, () -> new Iterator<>() {
            JsonNode pending = first;

            @Override
            public boolean hasNext() {
                return pending != null || nodes.hasNext();
            }

            @Override
            public Map<String, String> next() {
                JsonNode node = pending != null ? pending : nodes.next();
                pending = null;
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < fields.size(); i++) {
                    JsonNode v = node.get(names.get(i));
                    row.put(fields.get(i), v == null || v.isNull() ? null : v.isValueNode() ? v.asString() : v.toString());
                }
                return row;
            }
        });
    }

    /** Two columns that normalise to the same name would let one of them bypass its rule. */
    private static void requireDistinct(List<String> fields) {
        Set<String> seen = new LinkedHashSet<>();
        for (String f : fields) {
            if (!seen.add(f)) {
                throw PlatformException.invalidField(f, "the column appears twice (after removing invisible characters and spaces)");
            }
        }
    }

    private record Rows(List<String> fields, Iterable<Map<String, String>> rows) {
        Iterator<Map<String, String>> iterator() {
            return rows.iterator();
        }
    }

    record VersionView(String entryId, int version, long recordCount, List<String> fields, List<String> maskedFields,
                       java.time.Instant publishedAt) {
    }
}
