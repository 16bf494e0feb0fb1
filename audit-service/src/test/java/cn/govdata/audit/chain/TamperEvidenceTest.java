package cn.govdata.audit.chain;

import cn.govdata.audit.TrailFixtures;
import cn.govdata.events.EventTypes;
import cn.govdata.events.Topics;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.test.TestTokens;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Edits, deletions and insertions made directly in the store — as someone with database access
 * but without the signing key could — are each found and told apart by verification.
 */
@PlatformIntegrationTest
class TamperEvidenceTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    ChainVerifier verifier;
    @Autowired
    ChainWriter writer;
    @Autowired
    JsonMapper json;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    String send(String code) {
        return send(code, code);
    }

    /** Events with the same key go to the same partition, so to the same chain, in order. */
    String send(String key, String code) {
        String id = UUID.randomUUID().toString();
        KafkaProbe.send(brokers, Topics.CATALOG, key, """
                {"code":"%s","name":"市场监督管理局","level":"CITY","region":"320100","parentCode":null,
                 "dataOfficer":{"realName":"李娜","phone":"025-1","email":null},
                 "registeredAt":"2026-11-20T02:00:00Z","registeredBy":"bureau"}""".formatted(code),
                TrailFixtures.headers(id, EventTypes.DEPARTMENT_REGISTERED.type(), code, code, Instant.now()));
        return id;
    }

    /** Three events in the chain, the middle one returned with its block. */
    Stored threeEvents() {
        send("T", "T1");
        String middle = send("T", "T2");
        String last = send("T", "T3");
        TrailFixtures.awaitBlockOf(mongo, last);
        Document block = TrailFixtures.awaitBlockOf(mongo, middle);
        List<String> records = Blocks.records(block);
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).contains("\"id\":\"" + middle + "\"")) {
                return new Stored(middle, block, i, records.get(i), TrailRecord.position(records.get(i), json).seq(),
                        block.getString(Blocks.CHAIN));
            }
        }
        throw new AssertionError("event " + middle + " not in its block");
    }

    static VerificationReport.ChainReport chain(VerificationReport report, String chain) {
        return report.chains().stream().filter(c -> c.chain().equals(chain)).findFirst().orElseThrow();
    }

    void restore(Document block) {
        mongo.getCollection(Blocks.COLLECTION).replaceOne(new Document("_id", block.get("_id")), block);
    }

    @Test
    void theChainIsIntactAfterIngestAndAnAuditorCanSeeSo() throws Exception {
        String last = send("I1");
        String chain = TrailFixtures.awaitBlockOf(mongo, last).getString(Blocks.CHAIN);

        mvc.perform(get("/api/audit/verification").with(TestTokens.user("auditor", "AUD", "320100", "auditor")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("INTACT"))
                .andExpect(jsonPath("$.chains[?(@.chain == '" + chain + "')].records").value(org.hamcrest.Matchers.everyItem(
                        org.hamcrest.Matchers.greaterThanOrEqualTo(1))))
                .andExpect(jsonPath("$.chains[?(@.chain == '" + chain + "')].altered[0]").doesNotExist());
        mvc.perform(get("/api/audit/verification").with(TestTokens.user("hrss", "HRSS", "320100", "dept-consumer")))
                .andExpect(status().isForbidden());
    }

    @Test
    void editingOneStoredRecordByHandMakesVerificationReportExactlyThatRecordAsAltered() {
        Stored s = threeEvents();
        String edited = s.entry().replace("市场监督管理局", "市公安局");
        assertThat(edited).isNotEqualTo(s.entry());
        mongo.updateFirst(Query.query(Criteria.where("_id").is(s.block().get("_id"))),
                new Update().set(Blocks.RECORDS + "." + s.index(), edited), Blocks.COLLECTION);
        try {
            VerificationReport report = verifier.verify();

            assertThat(report.status()).isEqualTo(VerificationReport.Status.BROKEN);
            var chain = chain(report, s.chain());
            assertThat(chain.altered()).containsExactly(s.id());
            assertThat(chain.removed()).isEmpty();
            assertThat(chain.inserted()).isEmpty();
            assertThat(chain.firstBrokenAt()).isEqualTo(s.seq());
        } finally {
            restore(s.block());
        }
        assertThat(verifier.verify().status()).isEqualTo(VerificationReport.Status.INTACT);
    }

    @Test
    void anEditWhoseHashWasRecomputedIsCaughtByTheNextRecordsLink() {
        Stored s = threeEvents();
        String canonical = TrailRecord.canonicalOf(s.entry()).replace("市场监督管理局", "市公安局");
        mongo.updateFirst(Query.query(Criteria.where("_id").is(s.block().get("_id"))),
                new Update().set(Blocks.RECORDS + "." + s.index(), TrailRecord.entry(Hashing.sha256(canonical), canonical)),
                Blocks.COLLECTION);
        try {
            var chain = chain(verifier.verify(), s.chain());

            assertThat(chain.altered()).containsExactly(s.id());
            assertThat(chain.removed()).isEmpty();
            assertThat(chain.inserted()).isEmpty();
        } finally {
            restore(s.block());
        }
    }

    @Test
    void deletingOneStoredRecordIsReportedAsRemoved() {
        Stored s = threeEvents();
        mongo.updateFirst(Query.query(Criteria.where("_id").is(s.block().get("_id"))),
                new Update().pull(Blocks.RECORDS, s.entry()), Blocks.COLLECTION);
        try {
            var chain = chain(verifier.verify(), s.chain());

            assertThat(chain.removed()).containsExactly(s.seq());
            assertThat(chain.altered()).isEmpty();
            assertThat(chain.inserted()).isEmpty();
        } finally {
            restore(s.block());
        }
    }

    @Test
    void aForgedRecordInsertedIntoTheChainIsReportedAsInserted() {
        Stored s = threeEvents();
        // A forger who knows the format: a plausible record at the same position, correctly hashed.
        ObjectNode forged = (ObjectNode) json.readTree(TrailRecord.canonicalOf(s.entry()));
        String forgedId = UUID.randomUUID().toString();
        forged.put("id", forgedId);
        forged.put("subject", "FORGED");
        String canonical = json.writeValueAsString(forged);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(s.block().get("_id"))),
                new Update().push(Blocks.RECORDS, TrailRecord.entry(Hashing.sha256(canonical), canonical)), Blocks.COLLECTION);
        try {
            var chain = chain(verifier.verify(), s.chain());

            assertThat(chain.inserted()).containsExactly(forgedId);
            assertThat(chain.altered()).isEmpty();
            assertThat(chain.removed()).isEmpty();
        } finally {
            restore(s.block());
        }
    }

    @Test
    void aRedeliveredEventIsStoredOnceAndDoesNotBreakTheChain() {
        String id = UUID.randomUUID().toString();
        var headers = TrailFixtures.headers(id, EventTypes.DEPARTMENT_REGISTERED.type(), "R1", "R1", Instant.now());
        KafkaProbe.send(brokers, Topics.CATALOG, "R1", "{\"code\":\"R1\"}", headers);
        KafkaProbe.send(brokers, Topics.CATALOG, "R1", "{\"code\":\"R1\"}", headers);
        String marker = send("R1", "R2");

        // The later event being stored proves both copies of the first were consumed before it.
        TrailFixtures.awaitBlockOf(mongo, marker);
        assertThat(TrailFixtures.copies(mongo, id)).isEqualTo(1);
        assertThat(verifier.verify().status()).isEqualTo(VerificationReport.Status.INTACT);
    }

    @Test
    void checkpointsAreSignedAndVerifiedAndATamperedCheckpointIsDetected() {
        String last = send("C1");
        String chainId = TrailFixtures.awaitBlockOf(mongo, last).getString(Blocks.CHAIN);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            writer.checkpointIdleChains();
            return !mongo.find(Query.query(Criteria.where("chain").is(chainId)), Document.class, Checkpoints.COLLECTION).isEmpty();
        });
        var before = chain(verifier.verify(), chainId);
        assertThat(before.lastCheckpoint()).isNotNull();
        assertThat(before.lastCheckpoint().verdict()).isEqualTo("VALID");
        assertThat(before.invalidCheckpoints()).isEmpty();

        String checkpointId = Checkpoints.id(chainId, before.lastCheckpoint().no());
        Document original = mongo.findById(checkpointId, Document.class, Checkpoints.COLLECTION);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(checkpointId)),
                new Update().set("headHash", TrailRecord.GENESIS), Checkpoints.COLLECTION);
        try {
            VerificationReport report = verifier.verify();

            assertThat(report.status()).isEqualTo(VerificationReport.Status.BROKEN);
            assertThat(chain(report, chainId).invalidCheckpoints()).containsExactly(checkpointId);
            assertThat(chain(report, chainId).altered()).isEmpty();
        } finally {
            mongo.getCollection(Checkpoints.COLLECTION).replaceOne(new Document("_id", checkpointId), original);
        }
        assertThat(verifier.verify().status()).isEqualTo(VerificationReport.Status.INTACT);
    }

    record Stored(String id, Document block, int index, String entry, long seq, String chain) {
    }
}
