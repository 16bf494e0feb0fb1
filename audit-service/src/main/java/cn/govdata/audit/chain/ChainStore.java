package cn.govdata.audit.chain;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.List;

/**
 * Loads a chain's writer state from the store and keeps the chain's head document current. The
 * head document is written after each block; a crash in between leaves blocks beyond the recorded
 * head, which {@link #load} finds by id and adopts.
 */
final class ChainStore {

    private static final Logger log = LoggerFactory.getLogger(ChainStore.class);

    private final MongoTemplate mongo;
    private final JsonMapper json;

    ChainStore(MongoTemplate mongo, JsonMapper json) {
        this.mongo = mongo;
        this.json = json;
    }

    ChainState load(String chain, String topic, int partition, int window) {
        ChainState state = new ChainState(chain, topic, partition, window);
        Document head = mongo.findById(chain, Document.class, Blocks.CHAINS);
        if (head != null) {
            state.headSeq = Blocks.number(head, "headSeq", 0);
            state.headHash = head.getString("headHash") == null ? TrailRecord.GENESIS : head.getString("headHash");
            state.headBlock = head.getString("headBlock");
            state.lastOffset = Blocks.number(head, Blocks.LAST_OFFSET, -1);
            state.lastTimestamp = Blocks.number(head, Blocks.LAST_TIMESTAMP, -1);
            state.checkpointNo = Blocks.number(head, "checkpointNo", 0);
            state.checkpointSeq = Blocks.number(head, "checkpointSeq", 0);
            state.checkpointSignature = head.getString("checkpointSignature");
            Date at = Blocks.date(head, "checkpointAt");
            state.checkpointAt = at == null ? null : at.toInstant();
        } else {
            Document segment = mongo.findById(chain, Document.class, Blocks.SEGMENTS);
            if (segment != null) {
                state.headSeq = Blocks.number(segment, "throughSeq", 0);
                state.headHash = segment.getString("headHash");
            }
        }
        adoptBlocksBeyondHead(state);
        adoptCheckpointsBeyondHead(state);
        rememberRecentIds(state);
        return state;
    }

    private void adoptBlocksBeyondHead(ChainState state) {
        while (true) {
            String id = Blocks.id(state.chain, state.headSeq + 1);
            Document block = Blocks.find(mongo, Blocks.COLLECTION, id);
            if (block == null) {
                return;
            }
            List<String> records = Blocks.records(block);
            TrailRecord.Position last = records.isEmpty() ? null : TrailRecord.position(records.get(records.size() - 1), json);
            if (last == null || last.seq() <= state.headSeq) {
                log.error("Chain {}: block {} beyond the recorded head is unreadable; verification will report it", state.chain, id);
                return;
            }
            TrailRecord.Position first = TrailRecord.position(records.get(0), json);
            if (first == null || !state.headHash.equals(first.prev())) {
                log.error("Chain {}: block {} beyond the recorded head does not link to it; verification will report it",
                        state.chain, id);
            }
            log.warn("Chain {}: adopting block {} written after the last recorded head (seq {})", state.chain, id, state.headSeq);
            state.headSeq = last.seq();
            state.headHash = TrailRecord.hashOf(records.get(records.size() - 1));
            state.headBlock = id;
            state.lastOffset = Math.max(state.lastOffset, Blocks.number(block, Blocks.LAST_OFFSET, -1));
            state.lastTimestamp = Math.max(state.lastTimestamp, Blocks.number(block, Blocks.LAST_TIMESTAMP, -1));
        }
    }

    private void adoptCheckpointsBeyondHead(ChainState state) {
        Document next;
        while ((next = mongo.findById(Checkpoints.id(state.chain, state.checkpointNo + 1), Document.class,
                Checkpoints.COLLECTION)) != null) {
            state.checkpointNo++;
            state.checkpointSeq = Blocks.number(next, "seq", state.checkpointSeq);
            state.checkpointSignature = next.getString("signature");
            try {
                state.checkpointAt = Instant.parse(next.getString("at"));
            } catch (RuntimeException e) {
                state.checkpointAt = null;
            }
        }
    }

    /** Walks back from the head block until the dedupe window is full. */
    private void rememberRecentIds(ChainState state) {
        Deque<List<String>> newestFirst = new ArrayDeque<>();
        int ids = 0;
        String blockId = state.headBlock;
        while (blockId != null && ids < state.window) {
            Document block = Blocks.find(mongo, Blocks.COLLECTION, blockId);
            if (block == null) {
                break;
            }
            List<String> blockIds = new ArrayList<>();
            for (String entry : Blocks.records(block)) {
                TrailRecord.Position p = TrailRecord.position(entry, json);
                if (p != null) {
                    blockIds.add(p.id());
                }
            }
            newestFirst.push(blockIds);
            ids += blockIds.size();
            blockId = block.getString(Blocks.PREVIOUS_BLOCK);
        }
        // newestFirst was filled newest-first with push(), so iterating it yields the oldest block first
        newestFirst.forEach(list -> list.forEach(state::remember));
    }

    void saveHead(ChainState state, Instant now) {
        mongo.upsert(Query.query(Criteria.where("_id").is(state.chain)), new Update()
                .set("topic", state.topic).set("partition", state.partition)
                .set("headSeq", state.headSeq).set("headHash", state.headHash).set("headBlock", state.headBlock)
                .set(Blocks.LAST_OFFSET, state.lastOffset).set(Blocks.LAST_TIMESTAMP, state.lastTimestamp)
                .set("checkpointNo", state.checkpointNo).set("checkpointSeq", state.checkpointSeq)
                .set("checkpointAt", state.checkpointAt == null ? null : Date.from(state.checkpointAt))
                .set("checkpointSignature", state.checkpointSignature)
                .set("updatedAt", Date.from(now)), Blocks.CHAINS);
    }
}
