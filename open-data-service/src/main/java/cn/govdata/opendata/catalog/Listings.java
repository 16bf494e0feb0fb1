package cn.govdata.opendata.catalog;

import cn.govdata.domain.Refusal;
import cn.govdata.events.catalog.CatalogEntrySnapshot;
import cn.govdata.platform.outbox.OutboxMessage;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The open catalog read model. Search is a case-insensitive regex over a {@code searchText} field this
 * service maintains, because the embedded wire store has no {@code $text}.
 */
@Component
public class Listings {

    private final MongoTemplate mongo;

    Listings(MongoTemplate mongo) {
        this.mongo = mongo;
        // The public lists always name the open types they show; a keyword then narrows within them.
        mongo.indexOps(Listing.COLLECTION).createIndex(new Index().on("openType", Sort.Direction.ASC).on("department", Sort.Direction.ASC));
    }

    public Optional<Listing> find(String entryId) {
        return Optional.ofNullable(mongo.findById(entryId, Listing.class, Listing.COLLECTION));
    }

    /** Publishes or refreshes a listing from the catalog, keeping the dataset state it already has. */
    void upsert(CatalogEntrySnapshot s, Instant at) {
        OpenType openType = OpenType.of(s.openType());
        List<Listing.Item> items = s.dataItems() == null ? List.of() : s.dataItems().stream()
                .map(i -> new Listing.Item(i.name(), i.type(), i.description(), i.personal(), i.sensitive())).toList();
        Update update = new Update()
                .set("catalogVersion", s.version())
                .set("name", s.name())
                .set("summary", s.summary())
                .set("department", s.providerDepartment())
                .set("region", s.region())
                .set("openType", openType.name())
                .set("openConditions", s.openConditions())
                .set("openReason", s.openReason())
                .set("openLegalBasis", s.openLegalBasis())
                .set("topic", s.topic())
                .set("industry", s.industry())
                .set("updateFrequency", s.updateFrequency())
                .set("formats", s.formats() == null ? List.of() : s.formats())
                .set("dataItems", items)
                .set("withdrawn", false)
                .set("updatedAt", at)
                .set("searchText", searchText(s, items));
        var known = find(s.entryId());
        if (known.isPresent() && known.get().catalogVersion() != null && known.get().catalogVersion() > s.version()) {
            return; // a late, older version of the entry
        }
        mongo.upsert(Query.query(Criteria.where("_id").is(s.entryId())), update, Listing.COLLECTION);
    }

    void withdraw(String entryId, Instant at) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(entryId)),
                new Update().set("withdrawn", true).set("updatedAt", at), Listing.COLLECTION);
    }

    /** Data obtained through sharing must never be listed (QY 37). */
    void remove(String entryId) {
        mongo.remove(Query.query(Criteria.where("_id").is(entryId)), Listing.COLLECTION);
    }

    /** Listed, not withdrawn datasets (unconditional and conditional), optionally filtered. */
    /**
     * The listing the public may see: not withdrawn and opened. A not-open entry is answered with
     * why it is closed (SY 34, NJ 24), not with a bare "does not exist".
     */
    public Listing open(String entryId) {
        Listing listing = find(entryId).filter(l -> !l.isWithdrawn())
                .orElseThrow(() -> Refusal.notFound("Open dataset", entryId));
        if (listing.isNotOpen()) {
            Map<String, Object> why = new LinkedHashMap<>();
            why.put("entryId", entryId);
            why.put("reason", listing.openReason());
            why.put("legalBasis", listing.openLegalBasis());
            why.put("notOpenList", "/api/open-data/public/not-open");
            throw new Refusal(Refusal.Kind.NOT_FOUND, "dataset-not-open", "Dataset not open",
                    "Catalog entry " + entryId + " (" + listing.name() + ") is not opened to the public"
                            + (listing.openReason() == null ? "" : ": " + listing.openReason())
                            + (listing.openLegalBasis() == null ? "" : " (" + listing.openLegalBasis() + ")"), why);
        }
        return listing;
    }

    public SearchResult search(String q, String topic, String department, String openType, int page, int size) {
        Criteria criteria = Criteria.where("withdrawn").ne(true);
        if (openType != null && !openType.isBlank()) {
            criteria = criteria.and("openType").is(OpenType.of(openType).name());
        } else {
            criteria = criteria.and("openType").in(OpenType.UNCONDITIONAL.name(), OpenType.CONDITIONAL.name());
        }
        if (topic != null && !topic.isBlank()) {
            criteria = criteria.and("topic").is(topic);
        }
        if (department != null && !department.isBlank()) {
            criteria = criteria.and("department").is(department);
        }
        return page(criteria, q, page, size);
    }

    /** Not-open entries (不予开放), optionally narrowed by keyword and department, in entry id order. */
    public SearchResult notOpen(String q, String department, int page, int size) {
        Criteria criteria = Criteria.where("withdrawn").ne(true).and("openType").is(OpenType.NOT_OPEN.name());
        if (department != null && !department.isBlank()) {
            criteria = criteria.and("department").is(department);
        }
        return page(criteria, q, page, size);
    }

    private SearchResult page(Criteria criteria, String q, int page, int size) {
        if (q != null && !q.isBlank()) {
            criteria = criteria.and("searchText").regex(Pattern.quote(q.strip().toLowerCase(Locale.ROOT)));
        }
        Query query = Query.query(criteria);
        long total = mongo.count(query, Listing.COLLECTION);
        List<Listing> items = mongo.find(query.with(Sort.by("_id")).skip((long) page * size).limit(size), Listing.class,
                Listing.COLLECTION);
        return new SearchResult(items, total);
    }

    public void setMasking(String entryId, Map<String, String> rules) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(entryId)), new Update().set("masking", rules), Listing.COLLECTION);
    }

    /** Reserves the next dataset version number; nothing is visible until {@link #commitVersion}. */
    public int reserveVersion(String entryId) {
        var reserved = mongo.findAndModify(Query.query(Criteria.where("_id").is(entryId)), new Update().inc("nextVersion", 1),
                FindAndModifyOptions.options().returnNew(true), org.bson.Document.class, Listing.COLLECTION);
        if (reserved == null) {
            throw new IllegalStateException("listing " + entryId + " vanished");
        }
        return ((Number) reserved.get("nextVersion")).intValue();
    }

    /**
     * Makes an uploaded version the one served, together with its event: one document write, so the
     * version and DatasetVersionPublished are both there or neither (no transactions in the store).
     *
     * @return false when a newer version was committed meanwhile
     */
    public boolean commitVersion(String entryId, int version, long recordCount, List<String> fields, List<String> maskedFields,
                                 Instant at, OutboxMessage event) {
        var result = mongo.updateFirst(Query.query(Criteria.where("_id").is(entryId)
                        .orOperator(Criteria.where("currentVersion").exists(false), Criteria.where("currentVersion").lt(version))),
                new Update().set("currentVersion", version).set("recordCount", recordCount).set("fields", fields)
                        .set("maskedFields", maskedFields).set("datasetPublishedAt", at).push("outbox", event),
                Listing.COLLECTION);
        return result.getModifiedCount() == 1;
    }

    public void countDownload(String entryId) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(entryId)), new Update().inc("downloads", 1), Listing.COLLECTION);
    }

    private static String searchText(CatalogEntrySnapshot s, List<Listing.Item> items) {
        List<String> parts = new ArrayList<>(List.of(nz(s.entryId()), nz(s.name()), nz(s.summary()), nz(s.topic()),
                nz(s.industry()), nz(s.providerDepartment())));
        items.forEach(i -> parts.add(nz(i.name())));
        return parts.stream().filter(p -> !p.isBlank()).collect(Collectors.joining(" ")).toLowerCase(Locale.ROOT);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    public record SearchResult(List<Listing> items, long total) {
    }
}
