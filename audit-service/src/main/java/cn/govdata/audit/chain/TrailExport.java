package cn.govdata.audit.chain;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.TreeSet;

/**
 * The auditor's export of a trail, as JSON lines, for checking outside the platform with
 * nothing but the public key ({@link TrailVerifier}). Per chain, in this order:
 * <ol>
 *   <li>{@code {"kind":"head",...}}: the chain's head as recorded when the export began, signed now;</li>
 *   <li>{@code {"kind":"checkpoint",...}}: every checkpoint up to that head, numbered and linked;</li>
 *   <li>{@code {"kind":"record","entry":"<hash> <canonical JSON>"}}: every record from sequence 1
 *       (archived part first) through the head, exactly as stored.</li>
 * </ol>
 * Head and checkpoints come first so that a verifier can check the records in one pass without
 * holding them. Each line carries only what its signature or hash covers, so a changed byte
 * anywhere either breaks a signature or a hash, or makes the line unreadable.
 */
public final class TrailExport {

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final Checkpoints checkpoints;
    private final Clock clock;

    public TrailExport(MongoTemplate mongo, JsonMapper json, Checkpoints checkpoints, Clock clock) {
        this.mongo = mongo;
        this.json = json;
        this.checkpoints = checkpoints;
        this.clock = clock;
    }

    public List<String> chains() {
        TreeSet<String> chains = new TreeSet<>();
        mongo.find(new Query(), Document.class, Blocks.CHAINS).forEach(d -> chains.add(d.getString("_id")));
        return List.copyOf(chains);
    }

    /** The head of a chain as its head document records it, signed now; null for an unknown chain. */
    public Checkpoints.SignedHead head(String chain) {
        Document head = mongo.findById(chain, Document.class, Blocks.CHAINS);
        if (head == null) {
            return null;
        }
        String hash = head.getString("headHash") == null ? TrailRecord.GENESIS : head.getString("headHash");
        return checkpoints.signHead(chain, Blocks.number(head, "headSeq", 0), hash, clock.instant());
    }

    public void write(List<String> chains, OutputStream out) {
        try {
            for (String chain : chains) {
                Checkpoints.SignedHead head = head(chain);
                if (head == null) {
                    continue;
                }
                ObjectNode h = json.createObjectNode().put("kind", "head").put("chain", head.chain()).put("seq", head.seq())
                        .put("headHash", head.headHash()).put("at", head.at()).put("keyId", head.keyId())
                        .put("signature", head.signature());
                line(out, h);
                for (Checkpoints.Checkpoint c : checkpoints.of(chain)) {
                    if (c.seq() > head.seq()) {
                        continue;
                    }
                    ObjectNode n = json.createObjectNode().put("kind", "checkpoint").put("chain", c.chain()).put("no", c.no())
                            .put("seq", c.seq()).put("headHash", c.headHash()).put("at", c.at()).put("keyId", c.keyId())
                            .put("previousSignature", c.previousSignature()).put("signature", c.signature());
                    line(out, n);
                }
                records(chain, head.seq(), out);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void records(String chain, long through, OutputStream out) throws IOException {
        long next = 1;
        while (next <= through) {
            Document block = Blocks.find(mongo, Blocks.ARCHIVE, Blocks.id(chain, next));
            if (block == null) {
                block = Blocks.find(mongo, Blocks.COLLECTION, Blocks.id(chain, next));
            }
            if (block == null) {
                // A hole: export what follows it, the verifier names the missing records.
                long resume = resumeAfter(chain, next - 1);
                block = resume < 0 ? null : Blocks.find(mongo, Blocks.ARCHIVE, Blocks.id(chain, resume));
                if (block == null && resume >= 0) {
                    block = Blocks.find(mongo, Blocks.COLLECTION, Blocks.id(chain, resume));
                }
                if (block == null) {
                    return;
                }
            }
            long last = Blocks.number(block, Blocks.LAST, -1);
            for (String entry : Blocks.records(block)) {
                TrailRecord.Position p = TrailRecord.position(entry, json);
                if (p != null && p.seq() > through) {
                    return;
                }
                line(out, json.createObjectNode().put("kind", "record").put("entry", entry));
            }
            next = Math.max(last, Blocks.number(block, Blocks.FIRST, 0)) + 1;
        }
    }

    private long resumeAfter(String chain, long afterSeq) {
        long best = -1;
        for (String collection : List.of(Blocks.ARCHIVE, Blocks.COLLECTION)) {
            for (Document d : Blocks.spansAfter(mongo, collection, chain, afterSeq)) {
                long first = Blocks.number(d, Blocks.FIRST, Long.MAX_VALUE);
                best = best < 0 ? first : Math.min(best, first);
            }
        }
        return best;
    }

    private void line(OutputStream out, ObjectNode node) throws IOException {
        out.write(json.writeValueAsString(node).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }
}
