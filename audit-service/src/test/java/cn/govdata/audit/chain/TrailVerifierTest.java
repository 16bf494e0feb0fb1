package cn.govdata.audit.chain;

import cn.govdata.audit.AuditProperties;
import cn.govdata.audit.StandaloneTrail;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.mock.env.MockEnvironment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An exported trail checked outside the platform with nothing but the public key. */
class TrailVerifierTest {

    static final String CHAIN = "govdata.catalog.v1-0";

    final StandaloneTrail trail = new StandaloneTrail(new AuditProperties(StandaloneTrail.SIGNING, null,
            new AuditProperties.Checkpoints(4, Duration.ofHours(1)), null, null, null, null, null));
    final SigningKey key = SigningKey.from(trail.properties, new MockEnvironment());
    final TrailExport export = new TrailExport(trail.mongo, trail.json, trail.checkpoints, trail.clock);

    @AfterEach
    void close() {
        trail.close();
    }

    byte[] exported() {
        var out = new ByteArrayOutputStream();
        export.write(export.chains(), out);
        return out.toByteArray();
    }

    TrailVerifier.Result verify(byte[] export, PublicKeys keys) throws IOException {
        return new TrailVerifier(keys).verify(new StringReader(new String(export, StandardCharsets.UTF_8)));
    }

    @Test
    void anExportedTrailIsConfirmedIntactWithOnlyThePublicKeyFromTheCommandLine(@TempDir Path dir) throws IOException {
        for (int i = 0; i < 3; i++) {
            trail.append(3);
        }
        Path file = Files.write(dir.resolve("trail.jsonl"), exported());
        Path pem = Files.writeString(dir.resolve("audit.pem"), key.publicKeys().keys().get(0).pem());
        var out = new ByteArrayOutputStream();

        int exit = TrailVerifier.run(new String[] {"--key", pem.toString(), file.toString()}, new PrintStream(out), System.err);

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("INTACT 9 records (1 chains, 1 checkpoints)");
    }

    @Test
    void everySingleChangedByteOfAnExportIsRejected() throws IOException {
        trail.append(3);
        trail.append(2);
        byte[] original = exported();
        assertThat(verify(original, key.publicKeys()).intact()).isTrue();

        List<Integer> unnoticed = new ArrayList<>();
        for (int i = 0; i < original.length; i++) {
            byte[] changed = original.clone();
            changed[i] = (byte) (changed[i] ^ 0x01);
            if (verify(changed, key.publicKeys()).intact()) {
                unnoticed.add(i);
            }
        }

        assertThat(unnoticed).as("positions whose change went unnoticed").isEmpty();
    }

    @Test
    void aRecordChangedInTheStoreIsNamedAsTheFirstBadRecord() throws IOException {
        trail.append(4);
        Document block = trail.mongo.findById(Blocks.id(CHAIN, 1), Document.class, Blocks.COLLECTION);
        List<String> records = new ArrayList<>(Blocks.records(block));
        records.set(2, records.get(2).replace("\"offset\":2", "\"offset\":7"));
        trail.mongo.updateFirst(Query.query(Criteria.where("_id").is(Blocks.id(CHAIN, 1))), Update.update(Blocks.RECORDS, records),
                Blocks.COLLECTION);

        var result = verify(exported(), key.publicKeys());

        assertThat(result.intact()).isFalse();
        assertThat(result.message()).contains("record 3 (").contains("does not match its hash");
    }

    @Test
    void aTrailSignedByAnotherKeyOrCutBehindItsHeadIsRefused() throws IOException {
        trail.append(5);
        byte[] original = exported();
        var stranger = SigningKey.from(new AuditProperties(new AuditProperties.Signing(StandaloneTrail.newPrivateKey(), null, null),
                null, null, null, null, null, null, null), new MockEnvironment());

        assertThat(verify(original, stranger.publicKeys()).message()).contains("not among the given public keys");

        String text = new String(original, StandardCharsets.UTF_8);
        String withoutLastRecord = text.substring(0, text.lastIndexOf("{\"kind\":\"record\""));
        assertThat(verify(withoutLastRecord.getBytes(StandardCharsets.UTF_8), key.publicKeys()).message())
                .contains("chain ends at record 4, its signed head is at 5");
    }

    @Test
    void theKeyIdIsTheJwkThumbprintAndRotatedKeysStayKnown() {
        var rotated = SigningKey.from(new AuditProperties(new AuditProperties.Signing(StandaloneTrail.newPrivateKey(), null,
                List.of(key.publicKeys().keys().get(0).pem())), null, null, null, null, null, null, null), new MockEnvironment());

        assertThat(rotated.publicKeys().keys()).extracting(PublicKeys.Key::keyId).containsExactly(rotated.keyId(), key.keyId());
        assertThat(key.keyId()).matches("[A-Za-z0-9_-]{43}");
        String message = "govdata-audit-checkpoint/v1\nx";
        assertThat(rotated.publicKeys().verify(key.keyId(), message, key.sign(message))).isEqualTo(SigningKey.Verdict.VALID);
        assertThat(rotated.publicKeys().verify(key.keyId(), message, rotated.sign(message))).isEqualTo(SigningKey.Verdict.INVALID);
    }

    @Test
    void aPemPrivateKeyFileAsOpensslWritesItYieldsItsPublicKey(@TempDir Path dir) throws IOException {
        // RFC 8032 section 7.1, test 1: the secret key and the public key it must yield.
        String seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
        byte[] pkcs8 = java.util.HexFormat.of().parseHex("302e020100300506032b657004220420" + seed);
        Path pem = Files.writeString(dir.resolve("audit.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getEncoder().encodeToString(pkcs8) + "\n-----END PRIVATE KEY-----\n");

        var fromFile = SigningKey.from(new AuditProperties(new AuditProperties.Signing(null, pem, null), null, null, null, null,
                null, null, null), new MockEnvironment());

        assertThat(java.util.HexFormat.of().formatHex(fromFile.publicKeys().keys().get(0).raw()))
                .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assertThat(fromFile.ephemeral()).isFalse();
    }
}
