package cn.govdata.audit.chain;

import cn.govdata.audit.AuditProperties;
import cn.govdata.audit.StandaloneTrail;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.mock.env.MockEnvironment;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chain on its own store: positions, links, head recovery, whole-block tampering and signing keys. */
class ChainWriterTest {

    static final String CHAIN = "govdata.catalog.v1-0";

    final StandaloneTrail trail = new StandaloneTrail();

    @AfterEach
    void close() {
        trail.close();
    }

    VerificationReport.ChainReport report() {
        return trail.verifier.verify().chains().stream().filter(c -> c.chain().equals(CHAIN)).findFirst().orElseThrow();
    }

    @Test
    void eachBatchIsOneBlockOfConsecutivelyNumberedLinkedRecords() {
        trail.append(3);
        trail.append(2);

        Document first = trail.mongo.findById(Blocks.id(CHAIN, 1), Document.class, Blocks.COLLECTION);
        Document second = trail.mongo.findById(Blocks.id(CHAIN, 4), Document.class, Blocks.COLLECTION);
        assertThat(Blocks.records(first)).hasSize(3);
        assertThat(second.getString(Blocks.PREVIOUS_BLOCK)).isEqualTo(first.getString("_id"));
        var lastOfFirst = Blocks.records(first).get(2);
        var firstOfSecond = TrailRecord.position(Blocks.records(second).get(0), trail.json);
        assertThat(firstOfSecond.seq()).isEqualTo(4);
        assertThat(firstOfSecond.prev()).isEqualTo(TrailRecord.hashOf(lastOfFirst));
        assertThat(report().intact()).isTrue();
        assertThat(report().records()).isEqualTo(5);
    }

    @Test
    void anEventIdSeenBeforeOrARedeliveredOffsetIsNotStoredAgain() {
        var state = trail.writer.state("govdata.catalog.v1", 0);
        var batch = trail.batch(2);
        trail.writer.append(state, batch);

        var again = trail.writer.append(state, List.of(batch.get(0), trail.event(batch.get(1).id(), 99)));

        assertThat(again.chained()).isEmpty();
        assertThat(again.redelivered()).containsExactly(batch.get(0));
        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(report().records()).isEqualTo(2);
    }

    @Test
    void aBlockWrittenJustBeforeACrashIsAdoptedByTheNextWriterInsteadOfForked() {
        trail.append(2);
        trail.append(2);
        // the crash: the second block is stored but the head document still names the first
        trail.mongo.updateFirst(Query.query(Criteria.where("_id").is(CHAIN)), new Update().set("headSeq", 2L)
                .set("headBlock", Blocks.id(CHAIN, 1)).set("headHash", headHashAt(2)), Blocks.CHAINS);

        var restarted = trail.newWriter();
        restarted.append(restarted.state("govdata.catalog.v1", 0), trail.batch(1));

        assertThat(trail.mongo.findById(Blocks.id(CHAIN, 5), Document.class, Blocks.COLLECTION)).isNotNull();
        assertThat(report().intact()).isTrue();
        assertThat(report().records()).isEqualTo(5);
    }

    @Test
    void aWholeBlockDeletedFromTheMiddleIsReportedAsItsRemovedSequences() {
        trail.append(2);
        trail.append(3);
        trail.append(2);
        trail.mongo.remove(Query.query(Criteria.where("_id").is(Blocks.id(CHAIN, 3))), Blocks.COLLECTION);

        var chain = report();

        assertThat(chain.removed()).containsExactly(3L, 4L, 5L);
        assertThat(chain.altered()).isEmpty();
        assertThat(chain.inserted()).isEmpty();
        assertThat(chain.records()).isEqualTo(4);
    }

    @Test
    void theLastRecordsDeletedAreFoundMissingAgainstTheHead() {
        trail.append(2);
        trail.append(2);
        trail.mongo.remove(Query.query(Criteria.where("_id").is(Blocks.id(CHAIN, 3))), Blocks.COLLECTION);

        assertThat(report().removed()).containsExactly(3L, 4L);
    }

    @Test
    void aForgedBlockOffTheChainsPathIsReportedAsInserted() {
        trail.append(2);
        Document forged = trail.mongo.findById(Blocks.id(CHAIN, 1), Document.class, Blocks.COLLECTION);
        String canonical = TrailRecord.canonicalOf(Blocks.records(forged).get(0)).replace("\"id\":\"", "\"id\":\"forged-");
        forged.put("_id", CHAIN + ":forged");
        forged.put(Blocks.RECORDS, List.of(TrailRecord.entry(Hashing.sha256(canonical), canonical)));
        trail.mongo.insert(forged, Blocks.COLLECTION);

        var chain = report();

        assertThat(chain.inserted()).singleElement().asString().startsWith("forged-");
        assertThat(chain.altered()).isEmpty();
        assertThat(chain.removed()).isEmpty();
    }

    @Test
    void checkpointsAreSignedEveryNRecordsAndNumberedSoThatADeletedOneShows() {
        var every3 = new AuditProperties(StandaloneTrail.SIGNING, null, new AuditProperties.Checkpoints(3, Duration.ofHours(1)),
                null, null, null, null, null);
        try (StandaloneTrail t = new StandaloneTrail(every3)) {
            for (int i = 0; i < 4; i++) {
                t.append(2);
            }
            var checkpoints = t.checkpoints.of(CHAIN);
            assertThat(checkpoints).extracting(Checkpoints.Checkpoint::seq).containsExactly(4L, 8L);
            assertThat(checkpoints.get(1).previousSignature()).isEqualTo(checkpoints.get(0).signature());
            assertThat(t.verifier.verify().status()).isEqualTo(VerificationReport.Status.INTACT);

            t.mongo.remove(Query.query(Criteria.where("_id").is(Checkpoints.id(CHAIN, 1))), Checkpoints.COLLECTION);

            var chain = t.verifier.verify().chains().get(0);
            assertThat(chain.invalidCheckpoints()).containsExactly(Checkpoints.id(CHAIN, 1) + " (missing)");
        }
    }

    @Test
    void aCheckpointSignedWithAnotherKeyIsUnverifiableAndARotatedKeyStillVerifiesOldOnes() {
        trail.append(2);
        trail.writer.checkpointIdleChains();
        String otherKey = StandaloneTrail.newPrivateKey();
        String oldPublicKey = SigningKey.from(trail.properties, new MockEnvironment()).publicKeys().keys().get(0).pem();

        var rotated = new AuditProperties(new AuditProperties.Signing(otherKey, null, List.of(oldPublicKey)), null, null, null,
                null, null, null, null);
        var rotatedVerifier = new ChainVerifier(trail.mongo, trail.json,
                new Checkpoints(trail.mongo, SigningKey.from(rotated, new MockEnvironment())), trail.clock);
        assertThat(rotatedVerifier.verify().status()).isEqualTo(VerificationReport.Status.INTACT);

        var stranger = new AuditProperties(new AuditProperties.Signing(otherKey, null, null), null, null, null, null, null,
                null, null);
        var strangerVerifier = new ChainVerifier(trail.mongo, trail.json,
                new Checkpoints(trail.mongo, SigningKey.from(stranger, new MockEnvironment())), trail.clock);
        var report = strangerVerifier.verify();
        assertThat(report.status()).isEqualTo(VerificationReport.Status.BROKEN);
        assertThat(report.chains().get(0).unverifiableCheckpoints()).containsExactly(Checkpoints.id(CHAIN, 1));
    }

    @Test
    void withoutASigningKeyStartUpFailsUnderAProductionProfileAndADevInstanceUsesAThrowawayKey() {
        var none = new AuditProperties(null, null, null, null, null, null, null, null);
        var prod = new MockEnvironment();
        prod.setActiveProfiles("prod");

        assertThatThrownBy(() -> SigningKey.from(none, prod)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("govdata.audit.signing.private-key");
        assertThat(SigningKey.from(none, new MockEnvironment()).ephemeral()).isTrue();
        assertThatThrownBy(() -> SigningKey.from(new AuditProperties(new AuditProperties.Signing("c2hvcnQ=", null, null), null,
                null, null, null, null, null, null), prod)).hasMessageContaining("not a PKCS#8 Ed25519 private key");
    }

    private String headHashAt(long seq) {
        Document block = trail.mongo.findById(Blocks.id(CHAIN, 1), Document.class, Blocks.COLLECTION);
        return TrailRecord.hashOf(Blocks.records(block).get((int) seq - 1));
    }
}
