package cn.govdata.catalog.search;

import cn.govdata.catalog.entry.CatalogEntry;
import cn.govdata.catalog.entry.EntryDocument;
import cn.govdata.catalog.entry.StoredEntries;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static cn.govdata.catalog.search.CatalogFixtures.consumer;
import static cn.govdata.catalog.search.CatalogFixtures.content;
import static cn.govdata.catalog.search.CatalogFixtures.published;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The feeder against the wire store itself: with its oplog (change stream) and without (polling). */
class SearchIndexFeederTest {

    final SearchIndex index = new SearchIndex();
    MongoServer server;
    MongoClient client;
    MongoTemplate mongo;
    SearchIndexFeeder feeder;

    void store(boolean oplog) {
        server = new MongoServer(new MemoryBackend());
        if (oplog) {
            server.enableOplog();
        }
        var address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        mongo = new MongoTemplate(client, "catalog");
    }

    void startFeeder(SearchProperties properties) {
        feeder = new SearchIndexFeeder(index, mongo, new StoredEntries(mongo), properties);
        feeder.start();
    }

    @AfterEach
    void stop() {
        if (feeder != null) {
            feeder.stop();
        }
        client.close();
        server.shutdownNow();
    }

    static EntryDocument document(CatalogEntry entry, Long version) {
        return new EntryDocument(entry.id(), entry.status(), entry.providerDepartment(), entry.current().region(),
                Instant.now(), entry, version, List.of());
    }

    List<String> found(String q) {
        return index.search(SearchRequest.parse(SearchIndexTest.params("q=" + q)), consumer("HRSS")).items().stream()
                .map(SearchResponse.Item::id).toList();
    }

    void rename(String id, String name) {
        EntryDocument loaded = mongo.findById(id, EntryDocument.class);
        mongo.save(document(published(id, content("AMR", name)), loaded.version()));
    }

    @Test
    void withTheOplogTheIndexIsBuiltAtStartAndThenFollowsInsertsChangesAndDeletionsByChangeStream() {
        store(true);
        mongo.insert(document(published("AMR-1", content("AMR", "企业营业执照信息")), null));

        startFeeder(SearchProperties.defaults());

        assertThat(feeder.mode()).isEqualTo(SearchIndexFeeder.Mode.CHANGE_STREAM);
        assertThat(found("营业执照")).containsExactly("AMR-1");

        mongo.insert(document(published("AMR-2", content("AMR", "食品经营许可证")), null));
        await().atMost(Duration.ofSeconds(5)).until(() -> found("食品").equals(List.of("AMR-2")));

        rename("AMR-2", "药品经营许可证");
        await().atMost(Duration.ofSeconds(5)).until(() -> found("药品").equals(List.of("AMR-2")));
        assertThat(found("食品")).isEmpty();

        mongo.remove(Query.query(Criteria.where("_id").is("AMR-1")), EntryDocument.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> found("营业执照").isEmpty());
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void withoutAnOplogTheFeederFallsBackToPollingAndStillSeesChangesAndDeletions() {
        store(false);
        mongo.insert(document(published("AMR-1", content("AMR", "企业营业执照信息")), null));

        startFeeder(new SearchProperties(true, Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofMillis(300)));

        assertThat(feeder.mode()).isEqualTo(SearchIndexFeeder.Mode.POLLING);
        assertThat(found("营业执照")).containsExactly("AMR-1");

        mongo.insert(document(published("AMR-2", content("AMR", "食品经营许可证")), null));
        await().atMost(Duration.ofSeconds(5)).until(() -> found("食品").equals(List.of("AMR-2")));

        rename("AMR-2", "药品经营许可证");
        await().atMost(Duration.ofSeconds(5)).until(() -> found("药品").equals(List.of("AMR-2")));

        mongo.remove(Query.query(Criteria.where("_id").is("AMR-1")), EntryDocument.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> found("营业执照").isEmpty());
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void aChangeStreamSwitchedOffByConfigurationMeansPolling() {
        store(true);
        startFeeder(new SearchProperties(false, Duration.ofMillis(100), null, null));

        assertThat(feeder.mode()).isEqualTo(SearchIndexFeeder.Mode.POLLING);
        mongo.insert(document(published("AMR-3", content("AMR", "特种设备登记")), null));
        await().atMost(Duration.ofSeconds(5)).until(() -> found("特种设备").equals(List.of("AMR-3")));
    }
}
