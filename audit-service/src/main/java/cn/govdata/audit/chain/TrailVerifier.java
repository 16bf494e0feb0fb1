package cn.govdata.audit.chain;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline verifier: checks an exported trail ({@link TrailExport}) with nothing but the audit
 * office's public key(s), outside the platform and without its database. Recomputes every record's
 * hash and link, checks every checkpoint's and every head's Ed25519 signature, that checkpoints are
 * numbered and linked, that the records at checkpoint positions are the ones signed, and that each
 * chain ends exactly at its signed head.
 *
 * <pre>audit-service/verify-trail.sh --key audit-keys.json trail.jsonl</pre>
 *
 * Exit 0 printing {@code INTACT <n> records}; exit 1 naming the first bad line and record; exit 2
 * for wrong usage or unreadable files.
 */
public final class TrailVerifier {

    private static final Pattern PEM = Pattern.compile("-----BEGIN PUBLIC KEY-----(.*?)-----END PUBLIC KEY-----", Pattern.DOTALL);
    private static final Set<String> HEAD_FIELDS = Set.of("kind", "chain", "seq", "headHash", "at", "keyId", "signature");
    private static final Set<String> CHECKPOINT_FIELDS = Set.of("kind", "chain", "no", "seq", "headHash", "at", "keyId",
            "previousSignature", "signature");
    private static final Set<String> RECORD_FIELDS = Set.of("kind", "entry");

    private final PublicKeys keys;
    private final JsonMapper json = JsonMapper.builder().build();

    public TrailVerifier(PublicKeys keys) {
        this.keys = keys;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<Path> keyFiles = new ArrayList<>();
        Path trail = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--key") && i + 1 < args.length) {
                keyFiles.add(Path.of(args[++i]));
            } else if (trail == null && !args[i].startsWith("--")) {
                trail = Path.of(args[i]);
            } else {
                trail = null;
                break;
            }
        }
        if (keyFiles.isEmpty() || trail == null) {
            err.println("usage: verify-trail.sh --key <public key: PEM or the JSON of GET /api/audit/keys> [--key ...] <trail.jsonl>");
            return 2;
        }
        try {
            List<PublicKeys.Key> loaded = new ArrayList<>();
            for (Path file : keyFiles) {
                loaded.addAll(readKeys(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
            }
            Result result;
            try (Reader reader = Files.newBufferedReader(trail, StandardCharsets.UTF_8)) {
                result = new TrailVerifier(new PublicKeys(loaded)).verify(reader);
            }
            (result.intact() ? out : err).println(result.message());
            return result.intact() ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("cannot verify: " + e.getMessage());
            return 2;
        }
    }

    /** PEM public keys (one or more), or a JWK set as {@code GET /api/audit/keys} returns it. */
    static List<PublicKeys.Key> readKeys(String text, String what) {
        List<PublicKeys.Key> keys = new ArrayList<>();
        if (text.strip().startsWith("{")) {
            JsonNode set = JsonMapper.builder().build().readTree(text);
            for (JsonNode jwk : set.path("keys")) {
                if ("OKP".equals(jwk.path("kty").asString()) && "Ed25519".equals(jwk.path("crv").asString())) {
                    keys.add(PublicKeys.Key.parse(jwk.path("x").asString(), what));
                }
            }
        } else {
            Matcher m = PEM.matcher(text);
            while (m.find()) {
                keys.add(PublicKeys.Key.parse(m.group(1), what));
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(what + " holds no Ed25519 public key");
        }
        return keys;
    }

    public Result verify(Reader trail) throws IOException {
        BufferedReader reader = trail instanceof BufferedReader b ? b : new BufferedReader(trail);
        Map<String, ChainCheck> chains = new LinkedHashMap<>();
        ChainCheck current = null;
        long records = 0;
        long lineNo = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            JsonNode node;
            try {
                node = json.readTree(line);
            } catch (RuntimeException e) {
                return Result.broken(lineNo, null, null, "not a JSON line");
            }
            if (node == null || !node.isObject()) {
                return Result.broken(lineNo, null, null, "not a JSON object");
            }
            String kind = PublicKeys.text(node, "kind");
            if ("head".equals(kind)) {
                if (!hasExactly(node, HEAD_FIELDS)) {
                    return Result.broken(lineNo, null, null, "head line with unexpected fields");
                }
                if (current != null) {
                    String unfinished = current.finish();
                    if (unfinished != null) {
                        return Result.broken(lineNo - 1, current.chain, null, unfinished);
                    }
                }
                var head = new Checkpoints.SignedHead(PublicKeys.text(node, "chain"), node.path("seq").asLong(-1),
                        PublicKeys.text(node, "headHash"), PublicKeys.text(node, "at"), PublicKeys.text(node, "keyId"),
                        false, PublicKeys.text(node, "signature"));
                String problem = signatureProblem(head.keyId(), head.message(), head.signature(), "head");
                if (problem != null) {
                    return Result.broken(lineNo, head.chain(), null, problem);
                }
                if (chains.containsKey(head.chain())) {
                    return Result.broken(lineNo, head.chain(), null, "chain appears twice");
                }
                current = new ChainCheck(head);
                chains.put(head.chain(), current);
            } else if ("checkpoint".equals(kind)) {
                if (current == null || !hasExactly(node, CHECKPOINT_FIELDS)) {
                    return Result.broken(lineNo, null, null, current == null ? "checkpoint before any head"
                            : "checkpoint line with unexpected fields");
                }
                var c = new Checkpoints.Checkpoint(null, PublicKeys.text(node, "chain"), node.path("no").asLong(-1),
                        node.path("seq").asLong(-1), PublicKeys.text(node, "headHash"), PublicKeys.text(node, "at"),
                        PublicKeys.text(node, "keyId"), false, PublicKeys.text(node, "previousSignature"),
                        PublicKeys.text(node, "signature"));
                String problem = signatureProblem(c.keyId(), c.message(), c.signature(), "checkpoint " + c.no());
                if (problem == null) {
                    problem = current.checkpoint(c);
                }
                if (problem != null) {
                    return Result.broken(lineNo, current.chain, null, problem);
                }
            } else if ("record".equals(kind)) {
                if (current == null || !hasExactly(node, RECORD_FIELDS) || !node.path("entry").isString()) {
                    return Result.broken(lineNo, null, null, current == null ? "record before any head"
                            : "record line with unexpected fields");
                }
                String entry = node.path("entry").asString();
                TrailRecord.Position p = TrailRecord.position(entry, json);
                String problem = current.record(entry, p);
                if (problem != null) {
                    return Result.broken(lineNo, current.chain, p == null ? null : p.seq() + " (" + p.id() + ")", problem);
                }
                records++;
            } else {
                return Result.broken(lineNo, null, null, "unknown line kind " + kind);
            }
        }
        if (current == null) {
            return Result.broken(lineNo, null, null, "the export holds no chain");
        }
        String unfinished = current.finish();
        if (unfinished != null) {
            return Result.broken(lineNo, current.chain, null, unfinished);
        }
        return new Result(true, "INTACT " + records + " records (" + chains.size() + " chains, "
                + chains.values().stream().mapToLong(c -> c.checkpoints.size()).sum() + " checkpoints)");
    }

    private String signatureProblem(String keyId, String message, String signature, String what) {
        return switch (keys.verify(keyId, message, signature)) {
            case VALID -> null;
            case INVALID -> what + ": signature does not verify with key " + keyId;
            case UNKNOWN_KEY -> what + ": signed with key " + keyId + ", which is not among the given public keys";
        };
    }

    private static boolean hasExactly(JsonNode node, Set<String> fields) {
        return node.size() == fields.size() && fields.stream().allMatch(node::has);
    }

    /** The record order check of one chain, in one pass. */
    private static final class ChainCheck {

        final String chain;
        final Checkpoints.SignedHead head;
        final Map<Long, String> checkpoints = new HashMap<>();
        long expectedNo = 1;
        String previousSignature;
        long expectedSeq = 1;
        String prevHash = TrailRecord.GENESIS;

        ChainCheck(Checkpoints.SignedHead head) {
            this.chain = head.chain();
            this.head = head;
        }

        String checkpoint(Checkpoints.Checkpoint c) {
            if (!chain.equals(c.chain())) {
                return "checkpoint " + c.no() + " of chain " + c.chain() + " among chain " + chain;
            }
            if (c.no() != expectedNo) {
                return "checkpoint " + expectedNo + " is missing (found " + c.no() + ")";
            }
            if (expectedNo > 1 && !Objects.equals(previousSignature, c.previousSignature())) {
                return "checkpoint " + c.no() + " does not follow checkpoint " + (c.no() - 1);
            }
            if (c.seq() > head.seq()) {
                return "checkpoint " + c.no() + " lies beyond the signed head";
            }
            expectedNo++;
            previousSignature = c.signature();
            checkpoints.put(c.seq(), c.headHash());
            return null;
        }

        String record(String entry, TrailRecord.Position p) {
            if (p == null) {
                return "record " + expectedSeq + " is unreadable";
            }
            if (!Hashing.contentMatches(entry)) {
                return "record content does not match its hash (altered)";
            }
            if (p.seq() < expectedSeq) {
                return "a second record at position " + p.seq() + " (inserted)";
            }
            if (p.seq() > expectedSeq) {
                return "records " + expectedSeq + " to " + (p.seq() - 1) + " are missing (removed)";
            }
            if (!prevHash.equals(p.prev())) {
                return "record does not link to record " + (p.seq() - 1);
            }
            if (p.seq() > head.seq()) {
                return "record lies beyond the signed head";
            }
            String hash = TrailRecord.hashOf(entry);
            String signed = checkpoints.get(p.seq());
            if (signed != null && !signed.equals(hash)) {
                return "record differs from the one checkpointed at this position";
            }
            prevHash = hash;
            expectedSeq++;
            return null;
        }

        String finish() {
            if (expectedSeq - 1 != head.seq()) {
                return "chain ends at record " + (expectedSeq - 1) + ", its signed head is at " + head.seq() + " (removed)";
            }
            if (!prevHash.equals(head.headHash())) {
                return "the last record is not the signed head";
            }
            return null;
        }
    }

    /** The verdict and what to print. */
    public record Result(boolean intact, String message) {

        static Result broken(long line, String chain, String record, String reason) {
            return new Result(false, "BROKEN at line " + line + (chain == null ? "" : ", chain " + chain)
                    + (record == null ? "" : ", record " + record) + ": " + reason);
        }
    }
}
