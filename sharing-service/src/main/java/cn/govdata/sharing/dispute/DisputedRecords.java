package cn.govdata.sharing.dispute;

import cn.govdata.events.objection.ObjectionEvents;
import cn.govdata.platform.dispute.DisputedRecordSink;
import cn.govdata.privacy.Pseudonyms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The records under objection, answered from memory on the exchange's hot path. The collection is
 * the truth; this replica's copy is updated at once by the events it consumes itself and reloaded
 * every {@code govdata.exchange.dispute-refresh} (default 5 s) to pick up what other replicas
 * consumed (the consumer group hands each event to one replica only). Open cases are few (an
 * objection desk's workload), so a full reload is cheap.
 */
@Component
public class DisputedRecords implements SmartLifecycle, DisputedRecordSink {

    private static final Logger log = LoggerFactory.getLogger(DisputedRecords.class);

    /** The open cases of one record: which fields are disputed (empty = the record as a whole). */
    public record Dispute(Set<String> caseIds, Set<String> fields) {
    }

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Pseudonyms pseudonyms;
    private final Duration refresh;
    private volatile Map<String, Map<String, List<String>>> open = new ConcurrentHashMap<>();
    private ScheduledExecutorService reloader;
    private volatile boolean running;

    DisputedRecords(MongoTemplate mongo, Clock clock, Pseudonyms pseudonyms,
                    @Value("${govdata.exchange.dispute-refresh:5s}") Duration refresh) {
        this.mongo = mongo;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
        this.refresh = refresh;
        mongo.indexOps(DisputedRecord.COLLECTION).createIndex(new Index().on("open", Sort.Direction.ASC));
    }

    /**
     * The record's open disputes, if any. Events name records by their keyed pseudonym, so the key
     * asked about is turned into its pseudonym in the resource and looked up by that.
     */
    public Optional<Dispute> of(String resourceId, String recordKey) {
        if (recordKey == null || resourceId == null || open.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<String>> cases = open.get(key(resourceId, pseudonyms.of(resourceId, recordKey)));
        if (cases == null || cases.isEmpty()) {
            return Optional.empty();
        }
        Set<String> fields = new LinkedHashSet<>();
        cases.values().forEach(fields::addAll);
        return Optional.of(new Dispute(Set.copyOf(cases.keySet()), fields));
    }

    /** The record's keyed pseudonym in the resource, the name objection and correction events give it; null without a key. */
    public String pseudonymOf(String resourceId, String recordKey) {
        return recordKey == null || resourceId == null ? null : pseudonyms.of(resourceId, recordKey);
    }

    /** A case opened. Never reopens a case whose resolution was already seen (redelivery after resolution). */
    @Override
    public void disputed(ObjectionEvents.DataDisputed event) {
        DisputedRecord stored = mongo.findAndModify(Query.query(Criteria.where("_id").is(event.caseId())),
                new Update().setOnInsert("resourceId", event.resourceId()).setOnInsert("recordPseudonym", event.recordPseudonym())
                        .setOnInsert("fields", event.fields()).setOnInsert("reason", event.reason()).setOnInsert("open", true)
                        .setOnInsert("markedAt", event.markedAt()).setOnInsert("updatedAt", clock.instant()),
                FindAndModifyOptions.options().upsert(true).returnNew(true), DisputedRecord.class);
        if (stored != null && stored.open()) {
            open.computeIfAbsent(key(event.resourceId(), event.recordPseudonym()), k -> new ConcurrentHashMap<>())
                    .put(event.caseId(), stored.fields());
        }
    }

    /** A case closed; a resolution seen before its opening leaves a closed case behind. */
    @Override
    public void resolved(ObjectionEvents.DisputeResolved event) {
        mongo.upsert(Query.query(Criteria.where("_id").is(event.caseId())),
                new Update().set("open", false).set("outcome", event.outcome()).set("resolvedAt", event.resolvedAt())
                        .set("updatedAt", clock.instant()).setOnInsert("resourceId", event.resourceId())
                        .setOnInsert("recordPseudonym", event.recordPseudonym()), DisputedRecord.class);
        Map<String, List<String>> cases = open.get(key(event.resourceId(), event.recordPseudonym()));
        if (cases != null) {
            cases.remove(event.caseId());
        }
    }

    void reload() {
        Map<String, Map<String, List<String>>> fresh = new ConcurrentHashMap<>();
        for (DisputedRecord r : mongo.find(Query.query(Criteria.where("open").is(true)), DisputedRecord.class)) {
            fresh.computeIfAbsent(key(r.resourceId(), r.recordPseudonym()), k -> new ConcurrentHashMap<>()).put(r.caseId(), r.fields());
        }
        open = fresh;
    }

    private static String key(String resourceId, String recordPseudonym) {
        return resourceId + '\u0000' + recordPseudonym;
    }

    @Override
    public void start() {
        reload();
        reloader = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "exchange-disputes");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(100, refresh.toMillis());
        reloader.scheduleWithFixedDelay(() -> {
            try {
                reload();
            } catch (RuntimeException e) {
                log.warn("Reloading the disputed records failed; keeping the previous copy: {}", e.toString());
            }
        }, period, period, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (reloader != null) {
            reloader.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Loaded before the web server takes calls, so no early response misses a flag. */
    @Override
    public int getPhase() {
        return 0;
    }
}
