package cn.govdata.audit.chain;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

// Longer than the house's ~350 lines on purpose: the walk, the checkpoint comparison and the search
// for stray blocks share one visited set and one pass over the store (memory stays one block per
// chain); the evidence auditors rely on is checked by this one file, read top to bottom.
/**
 * Walks every chain from its first record (archived part first) to its head by block-id lookups,
 * checks each record's hash and link, compares the walk with the chain's head document and its
 * signed checkpoints, and looks for blocks that are on no chain's path. Memory stays at one block
 * per chain plus the checkpoint positions, so a million-record trail needs no more heap than a
 * small one.
 */
public final class ChainVerifier {

    private static final Logger log = LoggerFactory.getLogger(ChainVerifier.class);

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final Checkpoints checkpoints;
    private final Clock clock;

    public ChainVerifier(MongoTemplate mongo, JsonMapper json, Checkpoints checkpoints, Clock clock) {
        this.mongo = mongo;
        this.json = json;
        this.checkpoints = checkpoints;
        this.clock = clock;
    }

    public VerificationReport verify() {
        long started = System.nanoTime();
        Instant at = clock.instant();
        long liveBlocks = mongo.getCollection(Blocks.COLLECTION).estimatedDocumentCount();
        long archivedBlocks = mongo.getCollection(Blocks.ARCHIVE).estimatedDocumentCount();

        Set<String> chains = new TreeSet<>();
        mongo.find(new Query(), Document.class, Blocks.CHAINS).forEach(d -> chains.add(d.getString("_id")));
        mongo.find(new Query(), Document.class, Blocks.SEGMENTS).forEach(d -> chains.add(d.getString("_id")));

        Map<String, Walk> walks = new LinkedHashMap<>();
        Set<String> visited = new HashSet<>();
        for (String chain : chains) {
            walks.put(chain, walk(chain, visited));
        }
        long visitedLive = visited.stream().filter(v -> v.startsWith("L|")).count();
        long visitedArchived = visited.size() - visitedLive;
        if (liveBlocks > visitedLive || archivedBlocks > visitedArchived) {
            findStrayBlocks(walks, visited);
        }

        List<VerificationReport.ChainReport> reports = walks.values().stream().map(Walk::report).toList();
        boolean intact = reports.stream().allMatch(VerificationReport.ChainReport::intact);
        long records = reports.stream().mapToLong(r -> r.records() + r.archived()).sum();
        var report = new VerificationReport(intact ? VerificationReport.Status.INTACT : VerificationReport.Status.BROKEN,
                at, Duration.ofNanos(System.nanoTime() - started), records, reports);
        if (!intact) {
            reports.stream().filter(r -> !r.intact()).forEach(r -> log.error(
                    "Audit chain {} is BROKEN from seq {}: {} altered, {} removed, {} inserted, checkpoints invalid {} unverifiable {}",
                    r.chain(), r.firstBrokenAt(), r.alteredCount(), r.removedCount(), r.insertedCount(),
                    r.invalidCheckpoints(), r.unverifiableCheckpoints()));
        }
        return report;
    }

    private Walk walk(String chain, Set<String> visited) {
        Document head = mongo.findById(chain, Document.class, Blocks.CHAINS);
        Document segment = mongo.findById(chain, Document.class, Blocks.SEGMENTS);
        List<Checkpoints.Checkpoint> signed = checkpoints.of(chain);
        List<Long> positions = new ArrayList<>(signed.stream().map(Checkpoints.Checkpoint::seq).toList());
        long archiveThrough = segment == null ? 0 : Blocks.number(segment, "throughSeq", 0);
        if (segment != null) {
            positions.add(archiveThrough);
        }
        Walk walk = new Walk(chain, positions);
        if (segment != null) {
            walk.archived = follow(walk, Blocks.ARCHIVE, chain, archiveThrough, visited, "A|", archiveThrough);
        }
        long knownHead = Math.max(archiveThrough, head == null ? 0 : Blocks.number(head, "headSeq", 0));
        for (var c : signed) {
            knownHead = Math.max(knownHead, c.seq());
        }
        walk.live = follow(walk, Blocks.COLLECTION, chain, knownHead, visited, "L|", Long.MAX_VALUE);
        walk.finish(head == null ? null : Blocks.number(head, "headSeq", 0), head == null ? null : head.getString("headHash"),
                knownHead);
        if (head == null) {
            walk.note("no head document");
        }
        if (segment != null) {
            walk.archiveBoundary(archiveThrough, segment.getString("headHash"), checkpoints.verifyArchiveSeal(segment),
                    checkpoints.tolerateUnknownEphemeral(Boolean.TRUE.equals(segment.get("ephemeralKey"))));
        }
        walk.checkpoints(signed, this);
        return walk;
    }

    /**
     * Follows a chain's blocks by id and returns how many entries it read. When the next id is
     * missing although the head or a checkpoint says the chain goes further (blocks were deleted),
     * scans the chain's block ids once to resume after the hole.
     */
    private long follow(Walk walk, String collection, String chain, long knownHead, Set<String> visited, String tag,
                        long stopAfter) {
        long entries = 0;
        long next = walk.highestSeqSeen + 1;
        while (next <= stopAfter) {
            Document block = Blocks.find(mongo, collection, Blocks.id(chain, next));
            if (block == null) {
                if (knownHead < next) {
                    return entries;
                }
                long resume = nextBlockAfter(collection, chain, next - 1);
                block = resume < 0 ? null : Blocks.find(mongo, collection, Blocks.id(chain, resume));
                if (block == null) {
                    return entries;
                }
            }
            if (!visited.add(tag + block.getString("_id"))) {
                walk.note("block " + block.getString("_id") + " reached twice");
                return entries;
            }
            List<String> records = Blocks.records(block);
            entries += records.size();
            walk.block(block.getString("_id"), records, json);
            long last = Math.max(Blocks.number(block, Blocks.LAST, -1), walk.highestSeqSeen);
            next = Math.max(last + 1, Blocks.number(block, Blocks.FIRST, 0) + 1);
        }
        return entries;
    }

    private long nextBlockAfter(String collection, String chain, long afterSeq) {
        return Blocks.spansAfter(mongo, collection, chain, afterSeq).stream()
                .mapToLong(d -> Blocks.number(d, Blocks.FIRST, Long.MAX_VALUE)).min().orElse(-1);
    }

    /** Blocks on no chain's path: forged or copied in by hand. Every record in them is inserted. */
    private void findStrayBlocks(Map<String, Walk> walks, Set<String> visited) {
        for (String collection : List.of(Blocks.COLLECTION, Blocks.ARCHIVE)) {
            String tag = collection.equals(Blocks.COLLECTION) ? "L|" : "A|";
            Query all = new Query();
            all.fields().include("_id", Blocks.CHAIN);
            for (Document span : mongo.find(all, Document.class, collection)) {
                String id = span.getString("_id");
                if (visited.contains(tag + id)) {
                    continue;
                }
                String chain = Objects.requireNonNullElse(span.getString(Blocks.CHAIN), "(none)");
                String other = collection.equals(Blocks.COLLECTION) ? Blocks.ARCHIVE : Blocks.COLLECTION;
                Document block = Blocks.find(mongo, collection, id);
                Document copy = Blocks.find(mongo, other, id);
                if (block != null && copy != null && Blocks.records(block).equals(Blocks.records(copy))) {
                    // Archiving copied it and has not yet removed the other copy; running the archive again completes it.
                    continue;
                }
                Walk walk = walks.computeIfAbsent(chain, c -> {
                    Walk w = new Walk(c, List.of());
                    w.note("chain has blocks but no head document");
                    return w;
                });
                walk.note("block " + id + " is on no chain path");
                for (String entry : block == null ? List.<String>of() : Blocks.records(block)) {
                    TrailRecord.Position p = TrailRecord.position(entry, json);
                    walk.inserted(p == null ? id + "#?" : p.id(), p == null ? null : p.seq());
                }
            }
        }
    }

    /** One chain's walk: the record order check with one record of lookahead. */
    static final class Walk {

        final String chain;
        final Set<Long> checkpointSeqs;
        final Map<Long, String[]> atCheckpoint = new HashMap<>();
        long expectedSeq = 1;
        String prevHash = TrailRecord.GENESIS;
        String prevId;
        long prevSeq;
        long accepted;
        long archived;
        long live;
        long highestSeqSeen;
        Long firstBrokenAt;
        final Set<String> altered = new LinkedHashSet<>();
        final List<Long> removed = new ArrayList<>();
        final Set<String> inserted = new LinkedHashSet<>();
        long alteredCount;
        long removedCount;
        long insertedCount;
        final List<String> invalidCheckpoints = new ArrayList<>();
        final List<String> unverifiableCheckpoints = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        VerificationReport.CheckpointView lastCheckpoint;
        int checkpointCount;
        /** Recently accepted records by hash, to recognise a record that links back past an inserted run. */
        private final LinkedHashMap<String, long[]> recent = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
                return size() > 1024;
            }
        };
        private final Map<Long, String> recentIds = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
                return size() > 1024;
            }
        };
        private Entry pending;

        Walk(String chain, List<Long> checkpointSeqs) {
            this.chain = chain;
            this.checkpointSeqs = new HashSet<>(checkpointSeqs);
        }

        long lastSeq() {
            return expectedSeq - 1;
        }

        void note(String note) {
            if (notes.size() < 50) {
                notes.add(note);
            }
        }

        void block(String blockId, List<String> entries, JsonMapper json) {
            List<Entry> sorted = new ArrayList<>(entries.size());
            for (int i = 0; i < entries.size(); i++) {
                String raw = entries.get(i);
                sorted.add(new Entry(blockId + "#" + i, raw, TrailRecord.position(raw, json)));
            }
            sorted.sort(Comparator.comparingLong(e -> e.position == null ? Long.MIN_VALUE : e.position.seq()));
            for (Entry e : sorted) {
                if (e.position != null) {
                    highestSeqSeen = Math.max(highestSeqSeen, e.position.seq());
                }
                offer(e);
            }
        }

        void offer(Entry next) {
            if (pending != null) {
                process(pending, next, null);
            }
            pending = next;
        }

        void finish(Long headSeq, String headHash, long knownHead) {
            if (pending != null) {
                process(pending, null, headHash);
                pending = null;
            }
            if (knownHead > lastSeq()) {
                removed(lastSeq() + 1, knownHead);
            } else if (headSeq != null && headSeq == lastSeq() && headHash != null && !headHash.equals(prevHash)
                    && prevId != null && !altered.contains(prevId)) {
                altered(prevId, lastSeq());
            }
        }

        /** Judges {@code e} knowing the entry after it, or at the chain's end the head document's hash. */
        private void process(Entry e, Entry next, String headHash) {
            if (e.position == null) {
                altered(e.location, expectedSeq);
                return;
            }
            boolean contentOk = Hashing.contentMatches(e.raw);
            String hash = TrailRecord.hashOf(e.raw);
            long seq = e.position.seq();
            if (seq < expectedSeq) {
                boolean continuesFromThis = contentOk && seq == prevSeq && next != null && next.position != null
                        && hash.equals(next.position.prev()) && !prevHash.equals(next.position.prev());
                if (continuesFromThis && prevId != null) {
                    // The record accepted at this position before was the insertion; the chain goes on from this one.
                    inserted(prevId, seq);
                    accept(e, hash, seq);
                } else {
                    inserted(e.position.id(), seq);
                }
                return;
            }
            if (seq > expectedSeq) {
                removed(expectedSeq, seq - 1);
            } else if (contentOk && !e.position.prev().equals(prevHash)) {
                long[] linked = recent.get(e.position.prev());
                if (linked != null && linked[0] < prevSeq) {
                    for (var spliced : recentIds.entrySet()) {
                        if (spliced.getKey() > linked[0] && spliced.getKey() <= prevSeq) {
                            inserted(spliced.getValue(), spliced.getKey());
                        }
                    }
                } else if (next != null ? next.position != null && hash.equals(next.position.prev())
                        : headHash != null && headHash.equals(hash)) {
                    if (prevId != null && !altered.contains(prevId)) {
                        altered(prevId, prevSeq);
                    }
                } else {
                    inserted(e.position.id(), seq);
                    return;
                }
            }
            if (!contentOk) {
                altered(e.position.id(), seq);
            }
            accept(e, hash, seq);
        }

        private void accept(Entry e, String hash, long seq) {
            if (!(prevId != null && seq == prevSeq)) {
                accepted++;
            }
            prevHash = hash;
            prevId = e.position.id();
            prevSeq = seq;
            expectedSeq = seq + 1;
            recent.put(hash, new long[] {seq});
            recentIds.put(seq, e.position.id());
            if (checkpointSeqs.contains(seq)) {
                atCheckpoint.put(seq, new String[] {hash, e.position.id()});
            }
        }

        void altered(String id, long seq) {
            if (altered.size() < VerificationReport.LIST_LIMIT) {
                altered.add(id);
            }
            alteredCount++;
            broken(seq);
        }

        void removed(long fromSeq, long toSeq) {
            for (long s = fromSeq; s <= toSeq; s++) {
                if (removed.size() < VerificationReport.LIST_LIMIT) {
                    removed.add(s);
                }
            }
            removedCount += toSeq - fromSeq + 1;
            broken(fromSeq);
        }

        void inserted(String id, Long seq) {
            if (inserted.size() < VerificationReport.LIST_LIMIT) {
                inserted.add(id);
            }
            insertedCount++;
            if (seq != null) {
                broken(seq);
            }
        }

        private void broken(long seq) {
            firstBrokenAt = firstBrokenAt == null ? seq : Math.min(firstBrokenAt, seq);
        }

        void checkpoints(List<Checkpoints.Checkpoint> signed, ChainVerifier verifier) {
            checkpointCount = signed.size();
            long expectedNo = 1;
            String previousSignature = null;
            for (var c : signed) {
                var verdict = verifier.checkpoints.verify(c);
                boolean tolerated = verdict == SigningKey.Verdict.UNKNOWN_KEY && verifier.checkpoints.tolerateUnknownEphemeral(c);
                switch (verdict) {
                    case VALID -> { }
                    case INVALID -> invalidCheckpoints.add(c.id());
                    case UNKNOWN_KEY -> {
                        if (!tolerated) {
                            unverifiableCheckpoints.add(c.id());
                        }
                    }
                }
                if (c.no() != expectedNo) {
                    note("checkpoints " + expectedNo + " to " + (c.no() - 1) + " are missing");
                    invalidCheckpoints.add(Checkpoints.id(chain, expectedNo) + " (missing)");
                } else if (expectedNo > 1 && verdict == SigningKey.Verdict.VALID && !Objects.equals(previousSignature, c.previousSignature())) {
                    invalidCheckpoints.add(c.id() + " (does not follow checkpoint " + (c.no() - 1) + ")");
                }
                expectedNo = c.no() + 1;
                previousSignature = c.signature();
                if (verdict == SigningKey.Verdict.INVALID) {
                    continue;
                }
                String[] stored = atCheckpoint.get(c.seq());
                if (stored == null) {
                    if (c.seq() > 0 && c.seq() <= lastSeq() && !removed.contains(c.seq())) {
                        removed(c.seq(), c.seq());
                    }
                } else if (!stored[0].equals(c.headHash()) && !altered.contains(stored[1])) {
                    altered(stored[1], c.seq());
                }
                lastCheckpoint = new VerificationReport.CheckpointView(c.no(), c.seq(), c.headHash(), c.at(), c.keyId(),
                        tolerated ? "UNVERIFIABLE_EPHEMERAL_KEY" : verdict.name());
            }
        }

        /** The archived part must end exactly at its sealed boundary. */
        void archiveBoundary(long throughSeq, String headHash, SigningKey.Verdict seal, boolean tolerated) {
            switch (seal) {
                case VALID -> { }
                case INVALID -> invalidCheckpoints.add("archive-boundary");
                case UNKNOWN_KEY -> {
                    if (!tolerated) {
                        unverifiableCheckpoints.add("archive-boundary");
                    }
                }
            }
            String[] stored = atCheckpoint.get(throughSeq);
            if (stored == null) {
                if (!removed.contains(throughSeq) && throughSeq > 0) {
                    removed(throughSeq, throughSeq);
                }
            } else if (!stored[0].equals(headHash) && !altered.contains(stored[1])) {
                altered(stored[1], throughSeq);
            }
        }

        VerificationReport.ChainReport report() {
            return new VerificationReport.ChainReport(chain, live, archived,
                    new VerificationReport.Head(lastSeq(), prevHash), lastCheckpoint, checkpointCount, firstBrokenAt,
                    List.copyOf(altered), List.copyOf(removed), List.copyOf(inserted), alteredCount, removedCount,
                    insertedCount, List.copyOf(invalidCheckpoints), List.copyOf(unverifiableCheckpoints), List.copyOf(notes));
        }

        record Entry(String location, String raw, TrailRecord.Position position) {
        }
    }
}
