package cn.govdata.audit.trail;

import cn.govdata.audit.chain.Blocks;
import cn.govdata.audit.chain.TrailRecord;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Runs auditors' queries over the blocks: selects candidate blocks by their index part and time
 * span (ids and spans only, so the store never has to hold whole blocks for the selection), then
 * reads them one by one and filters their records exactly. Memory stays bounded by one block plus
 * the page being assembled.
 */
@Component
public class TrailSearch {

    /** Deeper pages than this are refused: narrow the filters or export CSV. */
    public static final int MAX_WINDOW = 10_000;

    private static final Comparator<TrailRecord> BY_TIME = Comparator
            .comparing((TrailRecord r) -> r.time() == null ? Instant.EPOCH : r.time())
            .thenComparing(TrailRecord::chain, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(TrailRecord::seq);

    private final MongoTemplate mongo;
    private final JsonMapper json;

    TrailSearch(MongoTemplate mongo, JsonMapper json) {
        this.mongo = mongo;
        this.json = json;
    }

    /** Newest first. */
    public Result page(TrailFilter filter, int page, int size, boolean includeArchived) {
        int window = (page + 1) * size;
        PriorityQueue<TrailRecord> newest = new PriorityQueue<>(BY_TIME);
        long[] total = {0};
        for (String collection : collections(includeArchived)) {
            List<Document> spans = mongo.find(filter.blocks(), Document.class, collection);
            spans.sort(Comparator.comparing((Document d) -> Blocks.date(d, Blocks.TO), Comparator.nullsLast(Comparator.reverseOrder())));
            for (Document span : spans) {
                scan(collection, span.getString("_id"), filter, r -> {
                    total[0]++;
                    newest.offer(r);
                    if (newest.size() > window) {
                        newest.poll();
                    }
                });
            }
        }
        List<TrailRecord> ordered = new ArrayList<>(newest);
        ordered.sort(BY_TIME.reversed());
        int fromIndex = Math.min(page * size, ordered.size());
        return new Result(ordered.subList(fromIndex, Math.min(fromIndex + size, ordered.size())), total[0]);
    }

    /**
     * Every matching record, oldest first, to {@code sink}. Blocks are read in order of their
     * earliest event; a record is handed on once no later block can hold an earlier one.
     */
    public void stream(TrailFilter filter, boolean includeArchived, Consumer<TrailRecord> sink) {
        for (String collection : collections(includeArchived)) {
            List<Document> spans = mongo.find(filter.blocks(), Document.class, collection);
            spans.sort(Comparator.comparing((Document d) -> Blocks.date(d, Blocks.FROM), Comparator.nullsFirst(Comparator.naturalOrder())));
            PriorityQueue<TrailRecord> pending = new PriorityQueue<>(BY_TIME);
            for (Document span : spans) {
                Date from = Blocks.date(span, Blocks.FROM);
                while (!pending.isEmpty() && from != null && pending.peek().time() != null
                        && pending.peek().time().isBefore(from.toInstant())) {
                    sink.accept(pending.poll());
                }
                scan(collection, span.getString("_id"), filter, pending::offer);
            }
            while (!pending.isEmpty()) {
                sink.accept(pending.poll());
            }
        }
    }

    public Optional<TrailRecord> byId(String eventId) {
        List<TrailRecord> found = new ArrayList<>();
        TrailFilter filter = new TrailFilter(null, null, null, null, null, null, null, null, eventId, null, null, null);
        for (String collection : collections(true)) {
            for (Document span : mongo.find(filter.blocks(), Document.class, collection)) {
                scan(collection, span.getString("_id"), filter, found::add);
            }
        }
        return found.stream().findFirst();
    }

    private void scan(String collection, String blockId, TrailFilter filter, Consumer<TrailRecord> sink) {
        Document block = Blocks.find(mongo, collection, blockId);
        if (block == null) {
            return;
        }
        for (String entry : Blocks.records(block)) {
            if (!filter.mayMatch(entry)) {
                continue;
            }
            TrailRecord record = TrailRecord.parse(entry, json);
            if (record != null && filter.matches(record)) {
                sink.accept(record);
            }
        }
    }

    private static List<String> collections(boolean includeArchived) {
        return includeArchived ? List.of(Blocks.COLLECTION, Blocks.ARCHIVE) : List.of(Blocks.COLLECTION);
    }

    public record Result(List<TrailRecord> records, long total) {
    }
}
