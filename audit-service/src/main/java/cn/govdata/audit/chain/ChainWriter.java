package cn.govdata.audit.chain;

import cn.govdata.audit.AuditProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Appends events to their chain: one chain per Kafka topic-partition, so each chain has exactly
 * one writer at a time — the consumer the group assigned the partition to — even with several
 * audit replicas. Each batch of a partition becomes one block; records get consecutive sequence
 * numbers and each names the previous record's hash. A second writer (a consumer that lost its
 * partition but does not know it yet) collides on the block id and reloads before retrying.
 *
 * <p>Idempotent by {@code ce_id}: a Kafka redelivery (offset and timestamp not newer than the last
 * chained record) is recognised by position, a re-published event by its id within the chain's
 * dedupe window. Either way nothing is stored twice.
 */
public final class ChainWriter {

    private static final Logger log = LoggerFactory.getLogger(ChainWriter.class);

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final Clock clock;
    private final Checkpoints checkpoints;
    private final ChainStore store;
    private final AuditProperties properties;
    private final Map<String, ChainState> owned = new ConcurrentHashMap<>();
    private final Counter checkpointsSigned;

    public ChainWriter(MongoTemplate mongo, JsonMapper json, Clock clock, Checkpoints checkpoints, AuditProperties properties,
                       MeterRegistry meters) {
        this.mongo = mongo;
        this.json = json;
        this.clock = clock;
        this.checkpoints = checkpoints;
        this.store = new ChainStore(mongo, json);
        this.properties = properties;
        this.checkpointsSigned = Counter.builder("audit_checkpoints_signed").description("Signed chain checkpoints written")
                .register(meters);
    }

    /** The writer state of a chain this instance owns, loaded from the store on first use after an assignment. */
    public ChainState state(String topic, int partition) {
        String chain = ChainState.chainOf(topic, partition);
        return owned.computeIfAbsent(chain, c -> store.load(c, topic, partition, properties.ingest().dedupeWindow()));
    }

    /** Partitions were assigned or revoked: what this instance knew about their chains may be stale. */
    public void forget(String topic, int partition) {
        owned.remove(ChainState.chainOf(topic, partition));
    }

    public Append append(ChainState state, List<Incoming> batch) {
        synchronized (state) {
            try {
                return appendOnce(state, batch);
            } catch (DuplicateKeyException anotherWriter) {
                log.warn("Chain {}: block position {} was taken by another writer; reloading the chain and retrying",
                        state.chain, state.headSeq + 1);
                ChainState reloaded = store.load(state.chain, state.topic, state.partition, state.window);
                owned.put(state.chain, reloaded);
                synchronized (reloaded) {
                    return appendOnce(reloaded, batch);
                }
            }
        }
    }

    private Append appendOnce(ChainState state, List<Incoming> batch) {
        List<Incoming> fresh = new ArrayList<>();
        List<Incoming> redelivered = new ArrayList<>();
        int duplicates = 0;
        Set<String> inBatch = new HashSet<>();
        long lastOffset = state.lastOffset;
        long lastTimestamp = state.lastTimestamp;
        for (Incoming in : batch) {
            if (in.offset() <= state.lastOffset && in.timestamp() <= state.lastTimestamp) {
                redelivered.add(in);
            } else if (state.recentIds.contains(in.id()) || !inBatch.add(in.id())) {
                duplicates++;
            } else {
                fresh.add(in);
            }
            lastOffset = in.offset();
            lastTimestamp = Math.max(lastTimestamp, in.timestamp());
        }
        if (fresh.isEmpty()) {
            state.lastOffset = Math.max(state.lastOffset, lastOffset);
            state.lastTimestamp = lastTimestamp;
            return new Append(List.of(), redelivered, duplicates);
        }

        Instant now = clock.instant();
        List<TrailRecord> chained = new ArrayList<>(fresh.size());
        List<String> entries = new ArrayList<>(fresh.size());
        String prev = state.headHash;
        long seq = state.headSeq;
        Instant from = null;
        Instant to = null;
        for (Incoming in : fresh) {
            TrailRecord record = in.at(++seq, prev, state.chain, now);
            String canonical = record.canonical(json);
            String hash = Hashing.sha256(canonical);
            entries.add(TrailRecord.entry(hash, canonical));
            chained.add(record);
            prev = hash;
            Instant t = in.time() == null ? now : in.time();
            from = from == null || t.isBefore(from) ? t : from;
            to = to == null || t.isAfter(to) ? t : to;
        }
        String blockId = Blocks.id(state.chain, state.headSeq + 1);
        mongo.insert(new Document("_id", blockId)
                .append(Blocks.CHAIN, state.chain)
                .append(Blocks.FIRST, state.headSeq + 1)
                .append(Blocks.LAST, seq)
                .append(Blocks.PREVIOUS_BLOCK, state.headBlock)
                .append(Blocks.FROM, Date.from(from))
                .append(Blocks.TO, Date.from(to))
                .append(Blocks.WRITTEN_AT, Date.from(now))
                .append(Blocks.LAST_OFFSET, lastOffset)
                .append(Blocks.LAST_TIMESTAMP, lastTimestamp)
                .append(Blocks.IX, index(chained))
                .append(Blocks.RECORDS, entries), Blocks.COLLECTION);

        state.headSeq = seq;
        state.headHash = prev;
        state.headBlock = blockId;
        state.lastOffset = lastOffset;
        state.lastTimestamp = lastTimestamp;
        fresh.forEach(in -> state.remember(in.id()));
        if (state.headSeq - state.checkpointSeq >= properties.checkpoints().everyRecords()) {
            checkpoint(state, now);
        }
        store.saveHead(state, now);
        return new Append(chained, redelivered, duplicates);
    }

    /** Signs checkpoints for owned chains that grew since their last one and have waited the interval. */
    public int checkpointIdleChains() {
        int signed = 0;
        Duration interval = properties.checkpoints().interval();
        for (ChainState state : owned.values()) {
            synchronized (state) {
                Instant now = clock.instant();
                boolean grew = state.headSeq > state.checkpointSeq;
                boolean waited = state.checkpointAt == null || !state.checkpointAt.plus(interval).isAfter(now);
                if (grew && waited) {
                    checkpoint(state, now);
                    store.saveHead(state, now);
                    signed++;
                }
            }
        }
        return signed;
    }

    private void checkpoint(ChainState state, Instant now) {
        try {
            var signed = checkpoints.sign(state.chain, state.checkpointNo + 1, state.headSeq, state.headHash, now,
                    state.checkpointSignature);
            state.checkpointNo = signed.no();
            state.checkpointSeq = signed.seq();
            state.checkpointAt = now;
            state.checkpointSignature = signed.signature();
            checkpointsSigned.increment();
        } catch (DuplicateKeyException raced) {
            // Another writer signed this number; the next reload picks its checkpoint up.
            log.warn("Chain {}: checkpoint {} already exists", state.chain, state.checkpointNo + 1);
        }
    }

    private static Document index(List<TrailRecord> records) {
        return new Document("ids", distinct(records, TrailRecord::id))
                .append("types", distinct(records, TrailRecord::type))
                .append("departments", distinctMany(records, r -> List.of(nz(r.department()), nz(r.consumer()), nz(r.provider()))))
                .append("resources", distinct(records, TrailRecord::resource))
                .append("users", distinctMany(records, TrailRecord::users))
                .append("requestIds", distinct(records, TrailRecord::requestId))
                .append("subjects", distinct(records, TrailRecord::subject));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static List<String> distinct(List<TrailRecord> records, Function<TrailRecord, String> field) {
        Set<String> values = new LinkedHashSet<>();
        records.forEach(r -> {
            String v = field.apply(r);
            if (v != null && !v.isEmpty()) {
                values.add(v);
            }
        });
        return new ArrayList<>(values);
    }

    private static List<String> distinctMany(List<TrailRecord> records, Function<TrailRecord, List<String>> field) {
        Set<String> values = new LinkedHashSet<>();
        records.forEach(r -> field.apply(r).stream().filter(v -> v != null && !v.isEmpty()).forEach(values::add));
        return new ArrayList<>(values);
    }

    /**
     * @param chained     the events stored by this call, in chain order
     * @param redelivered Kafka redeliveries of events chained before: not stored again, but idempotent
     *                    projections may see them again (the earlier run may not have finished)
     */
    public record Append(List<TrailRecord> chained, List<Incoming> redelivered, int duplicates) {
    }
}
