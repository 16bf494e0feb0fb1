package cn.govdata.opendata.dataset;

import cn.govdata.domain.Refusal;
import cn.govdata.events.OpenDataEventTypes;
import cn.govdata.events.opendata.OpenDataEvents;
import cn.govdata.opendata.catalog.Listing;
import cn.govdata.opendata.catalog.Listings;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;
import cn.govdata.privacy.Headers;
import org.bson.Document;
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
import java.util.List;
import java.util.Map;

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
            throw Refusal.conflict("not-open", "Entry " + entryId + " is not open (不予开放); it cannot be published");
        }
        Map<String, MaskRule> masking = new LinkedHashMap<>();
        if (listing.masking() != null) {
            listing.masking().forEach((f, r) -> masking.put(Headers.normalise(f), MaskRule.valueOf(r)));
        }
        Rows rows = "json".equalsIgnoreCase(format) ? jsonRows(upload) : csvRows(upload);
        PublicationRules.requireCatalogItems(listing, rows.fields());
        PublicationRules.requireMaskingOfPersonalItems(listing, rows.fields(), masking);
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
            throw Refusal.conflict("newer-version", "A newer version of " + entryId + " was published meanwhile");
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
                    PublicationRules.refuseIdentifiers(f, count, v);
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

    private Listing ownListing(String entryId, Caller caller) {
        Listing listing = listings.find(entryId).filter(l -> !l.isWithdrawn())
                .orElseThrow(() -> Refusal.notFound("Open catalog entry", entryId));
        if (!caller.hasRole(Roles.DEPT_DATA_OFFICER) || !caller.departmentCode().map(listing.department()::equals).orElse(false)) {
            throw Refusal.forbidden("Only a data officer of " + listing.department() + " publishes its datasets");
        }
        return listing;
    }

    private Rows csvRows(InputStream upload) throws IOException {
        CsvReader csv = new CsvReader(new BufferedReader(new InputStreamReader(upload, StandardCharsets.UTF_8)));
        List<String> header = csv.next();
        if (header == null || header.isEmpty()) {
            throw Refusal.invalidField("file", "the CSV is empty; its first line must name the fields");
        }
        List<String> fields = header.stream().map(Headers::normalise).toList();
        PublicationRules.requireDistinct(fields);
        return new Rows(fields, () -> new Iterator<>() {
            List<String> next = read();

            private List<String> read() {
                try {
                    return csv.next();
                } catch (IOException e) {
                    throw Refusal.invalidField("file", "unreadable CSV: " + e.getMessage());
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
            throw Refusal.invalidField("file", "the JSON array is empty");
        }
        JsonNode first = nodes.next();
        if (!first.isObject()) {
            throw Refusal.invalidField("file", "expected an array of objects");
        }
        List<String> names = new ArrayList<>(first.propertyNames());
        List<String> fields = names.stream().map(Headers::normalise).toList();
        PublicationRules.requireDistinct(fields);
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

    private record Rows(List<String> fields, Iterable<Map<String, String>> rows) {
        Iterator<Map<String, String>> iterator() {
            return rows.iterator();
        }
    }

    record VersionView(String entryId, int version, long recordCount, List<String> fields, List<String> maskedFields,
                       java.time.Instant publishedAt) {
    }
}
