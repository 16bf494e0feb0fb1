package cn.govdata.wirestore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

/**
 * Which filter shapes are answered from an index: the plan's candidates are counted rather than timed.
 * A null plan is a full scan. 1,000 documents, each status shared by 250 of them, each owner by 10.
 */
class QueryPlanTest {

    private static final int SIZE = 1000;

    @TempDir
    Path dir;

    private WireStore store;
    private MongoClient client;
    private GovdataH2Collection collection;

    @BeforeEach
    void load() throws Exception {
        store = WireStore.start(dir.resolve("plan.mv.db"), "127.0.0.1", 0);
        client = MongoClients.create(store.connectionString());
        MongoCollection<org.bson.Document> resources = client.getDatabase("catalog").getCollection("resources");
        resources.createIndex(Indexes.ascending("status"));
        resources.createIndex(Indexes.compoundIndex(Indexes.ascending("owner"), Indexes.descending("updatedAt")));
        resources.createIndex(Indexes.ascending("outbox.eventId"), new IndexOptions().sparse(true));
        resources.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true));
        List<org.bson.Document> documents = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            org.bson.Document document = new org.bson.Document("_id", "R-" + i)
                    .append("version", 1)
                    .append("code", "C-" + i)
                    .append("status", List.of("DRAFT", "PUBLISHED", "RETIRED", "REVIEW").get(i % 4))
                    .append("owner", "dept-" + (i % 100))
                    .append("updatedAt", Date.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)))
                    .append("outbox", i % 100 == 0 ? List.of(new org.bson.Document("eventId", "E-" + i)) : List.of());
            documents.add(document);
        }
        resources.insertMany(documents);
        collection = store.collection("catalog", "resources");
    }

    @AfterEach
    void close() {
        client.close();
        store.close();
    }

    private Integer candidates(String filterJson) {
        var plan = collection.plan(parse(filterJson));
        return plan == null ? null : plan.size();
    }

    // The server's own Document type, as the wire decoder produces it (dates as Instant).
    private static de.bwaldvogel.mongo.bson.Document parse(String json) {
        org.bson.Document driver = org.bson.Document.parse(json);
        return convert(driver);
    }

    private static de.bwaldvogel.mongo.bson.Document convert(org.bson.Document driver) {
        de.bwaldvogel.mongo.bson.Document server = new de.bwaldvogel.mongo.bson.Document();
        driver.forEach((key, value) -> server.put(key, convertValue(value)));
        return server;
    }

    private static Object convertValue(Object value) {
        if (value instanceof org.bson.Document document) {
            return convert(document);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(QueryPlanTest::convertValue).toList();
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        return value;
    }

    @Test
    void an_optimistic_lock_filter_is_answered_from_the_id_index() {
        assertThat(candidates("{_id: 'R-7', version: 3}")).isEqualTo(1);
        assertThat(candidates("{_id: {$in: ['R-7', 'R-8']}, status: 'DRAFT'}")).isEqualTo(2);
    }

    @Test
    void a_unique_key_fixed_by_equality_serves_a_filter_on_more_fields() {
        assertThat(candidates("{code: 'C-5', status: 'PUBLISHED'}")).isEqualTo(1);
    }

    @Test
    void equality_in_and_ranges_on_a_leading_key_use_the_index() {
        assertThat(candidates("{status: 'DRAFT'}")).isEqualTo(250);
        assertThat(candidates("{status: {$eq: 'DRAFT'}}")).isEqualTo(250);
        assertThat(candidates("{owner: 'dept-3'}")).isEqualTo(10);
        assertThat(candidates("{owner: {$in: ['dept-3', 'dept-4']}}")).isEqualTo(20);
        assertThat(candidates("{owner: {$gte: 'dept-10', $lte: 'dept-12'}}")).isEqualTo(30);
        assertThat(candidates("{owner: {$gt: 'dept-10', $lt: 'dept-12'}}")).isEqualTo(10);
        assertThat(candidates("{owner: {$gt: 'dept-98'}}")).as("dept-99 only: a one-sided range ends with its type").isEqualTo(10);
    }

    @Test
    void a_compound_prefix_narrows_by_its_second_key() {
        assertThat(candidates("{owner: 'dept-3', updatedAt: {$gte: {$date: '2026-01-01T00:10:00Z'}}}"))
                .as("owner dept-3 holds seconds 3, 103, ..., 903; from second 600 on: 603, 703, 803, 903").isEqualTo(4);
        assertThat(candidates("{owner: {$in: ['dept-3', 'dept-4']}, updatedAt: {$lt: {$date: '2026-01-01T00:01:44Z'}}}"))
                .as("seconds 3, 4, 103 (104 is excluded)").isEqualTo(3);
        assertThat(candidates("{owner: {$gt: 'dept-98'}}")).as("an exclusive bound on a compound index's leading key").isEqualTo(10);
    }

    @Test
    void a_pending_event_is_found_without_scanning() {
        assertThat(candidates("{'outbox.eventId': {$exists: true}}")).isEqualTo(10);
        assertThat(candidates("{'outbox.eventId': 'E-300'}")).isEqualTo(1);
        assertThat(candidates("{'outbox.eventId': {$exists: true}, status: 'DRAFT'}")).isEqualTo(10);
    }

    @Test
    void the_most_selective_index_wins_and_top_level_and_clauses_count() {
        assertThat(candidates("{status: 'DRAFT', owner: 'dept-4'}")).isEqualTo(10);
        assertThat(candidates("{$and: [{status: 'DRAFT'}, {owner: 'dept-4'}]}")).isEqualTo(10);
    }

    @Test
    void an_or_whose_every_branch_has_an_index_reads_the_union_of_their_candidates() {
        assertThat(candidates("{$or: [{status: 'DRAFT'}, {owner: 'dept-5'}]}"))
                .as("250 drafts and the 10 documents of dept-5, none of them a draft").isEqualTo(260);
        assertThat(candidates("{$or: [{status: 'DRAFT'}, {owner: 'dept-4'}]}"))
                .as("dept-4's 10 documents are all drafts: each document once").isEqualTo(250);
    }

    @Test
    void filters_an_index_cannot_answer_scan() {
        assertThat(candidates("{status: {$ne: 'DRAFT'}}")).isNull();
        assertThat(candidates("{status: null}")).isNull();
        assertThat(candidates("{status: {$exists: false}}")).isNull();
        assertThat(candidates("{$or: [{status: 'DRAFT'}, {status: {$ne: 'RETIRED'}}]}"))
                .as("one branch without an index of its own").isNull();
        assertThat(candidates("{status: {$regex: '^DR'}}")).isNull();
        assertThat(candidates("{updatedAt: {$gt: {$date: '2026-01-01T00:00:00Z'}}}"))
                .as("a non-leading key of a compound index").isNull();
        assertThat(candidates("{status: {$in: ['DRAFT', 'PUBLISHED', 'RETIRED']}}"))
                .as("750 of 1,000 candidates: more than half the collection, a scan is cheaper").isNull();
    }
}
