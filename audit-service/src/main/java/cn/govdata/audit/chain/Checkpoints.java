package cn.govdata.audit.chain;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Signed checkpoints: every so often the writer of a chain signs (chain, number, sequence, head
 * hash, time, key id, previous checkpoint's signature) with the audit office's Ed25519 key, whose
 * public half anyone can fetch from {@code GET /api/audit/keys}. Checkpoints are numbered and linked per chain, so
 * dropping one from the middle shows; they can be handed to outside witnesses through the API.
 */
public final class Checkpoints {

    public static final String COLLECTION = "audit_checkpoints";

    private final MongoTemplate mongo;
    private final SigningKey key;

    public Checkpoints(MongoTemplate mongo, SigningKey key) {
        this.mongo = mongo;
        this.key = key;
    }

    public static String id(String chain, long no) {
        return chain + ":" + String.format("%012d", no);
    }

    Checkpoint sign(String chain, long no, long seq, String headHash, Instant at, String previousSignature) {
        var unsigned = new Checkpoint(id(chain, no), chain, no, seq, headHash, at.toString(), key.keyId(), key.ephemeral(),
                previousSignature, null);
        var signed = unsigned.withSignature(key.sign(unsigned.message()));
        mongo.insert(new Document("_id", signed.id()).append("chain", chain).append("no", no).append("seq", seq)
                .append("headHash", headHash).append("at", signed.at()).append("keyId", signed.keyId())
                .append("ephemeralKey", signed.ephemeralKey()).append("previousSignature", previousSignature)
                .append("signature", signed.signature()), COLLECTION);
        return signed;
    }

    public List<Checkpoint> of(String chain) {
        return mongo.find(Query.query(Criteria.where("chain").is(chain)), Document.class, COLLECTION).stream()
                .map(Checkpoints::read).sorted(Comparator.comparingLong(Checkpoint::no)).toList();
    }

    SigningKey.Verdict verify(Checkpoint c) {
        return key.verify(c.keyId(), c.message(), c.signature());
    }

    /** Whether checkpoints signed by a key this instance does not know are expected: a dev instance with a throwaway key. */
    boolean tolerateUnknownEphemeral(Checkpoint c) {
        return tolerateUnknownEphemeral(c.ephemeralKey());
    }

    boolean tolerateUnknownEphemeral(boolean signedWithEphemeralKey) {
        return key.ephemeral() && signedWithEphemeralKey;
    }

    /**
     * Seals the end of a chain's archived part: what the live part's first record must link to.
     * Stored in the chain's segment document, not among the numbered checkpoints, so that it never
     * competes with the chain's writer for a checkpoint number.
     */
    public Document sealArchive(String chain, long throughSeq, String headHash, Instant at) {
        String message = archiveMessage(chain, throughSeq, headHash, at.toString(), key.keyId());
        return new Document("throughSeq", throughSeq).append("headHash", headHash).append("at", at.toString())
                .append("keyId", key.keyId()).append("ephemeralKey", key.ephemeral()).append("signature", key.sign(message));
    }

    SigningKey.Verdict verifyArchiveSeal(Document segment) {
        String message = archiveMessage(segment.getString("_id"), number(segment.get("throughSeq")), segment.getString("headHash"),
                segment.getString("at"), segment.getString("keyId"));
        return key.verify(segment.getString("keyId"), message, segment.getString("signature"));
    }

    private static String archiveMessage(String chain, long throughSeq, String headHash, String at, String keyId) {
        return String.join("\n", "govdata-audit-archive-boundary/v1", chain, Long.toString(throughSeq),
                String.valueOf(headHash), String.valueOf(at), String.valueOf(keyId));
    }

    public String keyId() {
        return key.keyId();
    }

    public PublicKeys publicKeys() {
        return key.publicKeys();
    }

    /**
     * Signs a chain's head as it is now, so that a witness holding the signature can later show the
     * trail was cut or rewritten behind it even between two checkpoints.
     */
    public SignedHead signHead(String chain, long seq, String headHash, Instant at) {
        String atText = at.toString();
        String message = SignedHead.message(chain, seq, headHash, atText, key.keyId());
        return new SignedHead(chain, seq, headHash, atText, key.keyId(), key.ephemeral(), key.sign(message));
    }

    /** A chain head as signed: what the signature covers is {@link #message()}. */
    public record SignedHead(String chain, long seq, String headHash, String at, String keyId, boolean ephemeralKey,
                             String signature) {

        public String message() {
            return message(chain, seq, headHash, at, keyId);
        }

        static String message(String chain, long seq, String headHash, String at, String keyId) {
            return String.join("\n", "govdata-audit-head/v1", chain, Long.toString(seq), String.valueOf(headHash),
                    String.valueOf(at), String.valueOf(keyId));
        }
    }

    private static Checkpoint read(Document d) {
        return new Checkpoint(d.getString("_id"), d.getString("chain"), number(d.get("no")), number(d.get("seq")),
                d.getString("headHash"), d.getString("at"), d.getString("keyId"), Boolean.TRUE.equals(d.get("ephemeralKey")),
                d.getString("previousSignature"), d.getString("signature"));
    }

    static long number(Object value) {
        return value instanceof Number n ? n.longValue() : -1;
    }

    /** One signed checkpoint as stored and as handed to witnesses. */
    public record Checkpoint(String id, String chain, long no, long seq, String headHash, String at, String keyId,
                             boolean ephemeralKey, String previousSignature, String signature) {

        /** Exactly what the signature covers. */
        public String message() {
            return String.join("\n", "govdata-audit-checkpoint/v1", chain, Long.toString(no), Long.toString(seq),
                    String.valueOf(headHash), String.valueOf(at), String.valueOf(keyId), String.valueOf(previousSignature));
        }

        Checkpoint withSignature(String signature) {
            return new Checkpoint(id, chain, no, seq, headHash, at, keyId, ephemeralKey, previousSignature, signature);
        }
    }
}
