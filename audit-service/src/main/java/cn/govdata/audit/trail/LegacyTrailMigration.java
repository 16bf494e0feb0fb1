package cn.govdata.audit.trail;

import cn.govdata.audit.chain.ChainState;
import cn.govdata.audit.chain.ChainWriter;
import cn.govdata.audit.chain.Incoming;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first audit trail stored one unchained document per event in {@code audit_records}. Before
 * the listener starts, those records are chained into their topic-partition chains in offset
 * order, once; the old documents are left where they are (nothing in the audit store is deleted).
 */
@Component
class LegacyTrailMigration implements SmartInitializingSingleton {

    static final String LEGACY = "audit_records";
    private static final String META = "audit_meta";
    private static final String MARKER = "legacy-migration";
    private static final Logger log = LoggerFactory.getLogger(LegacyTrailMigration.class);

    private final MongoTemplate mongo;
    private final ChainWriter writer;
    private final JsonMapper json;
    private final Clock clock;

    LegacyTrailMigration(MongoTemplate mongo, ChainWriter writer, JsonMapper json, Clock clock) {
        this.mongo = mongo;
        this.writer = writer;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!mongo.collectionExists(LEGACY) || mongo.findById(MARKER, Document.class, META) != null) {
            return;
        }
        Map<String, List<Document>> byChain = new LinkedHashMap<>();
        for (Document d : mongo.find(new Query(), Document.class, LEGACY)) {
            if (d.getString("topic") != null && d.get("partition") instanceof Number p) {
                byChain.computeIfAbsent(d.getString("topic") + "|" + p.intValue(), k -> new ArrayList<>()).add(d);
            }
        }
        int migrated = 0;
        for (var entry : byChain.entrySet()) {
            List<Document> records = entry.getValue();
            records.sort(Comparator.comparingLong(d -> d.get("offset") instanceof Number n ? n.longValue() : 0));
            String topic = records.get(0).getString("topic");
            int partition = ((Number) records.get(0).get("partition")).intValue();
            ChainState state = writer.state(topic, partition);
            if (state.headSeq() > 0) {
                log.info("Chain {} already has records; legacy records of it are left unchained", state.chain());
                continue;
            }
            List<Incoming> incoming = records.stream().map(d -> incoming(d, topic, partition)).toList();
            migrated += writer.append(state, incoming).chained().size();
        }
        mongo.save(new Document("_id", MARKER).append("migrated", migrated).append("at", Date.from(clock.instant())), META);
        log.info("Chained {} audit records of the first, unchained trail", migrated);
    }

    private Incoming incoming(Document d, String topic, int partition) {
        Object rawData = d.get("data");
        JsonNode data = rawData instanceof Document doc
                ? json.readTree(doc.toJson(JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build()))
                : null;
        Date occurred = d.getDate("occurredAt");
        Date received = d.getDate("receivedAt");
        long offset = d.get("offset") instanceof Number n ? n.longValue() : -1;
        return new Incoming(d.getString("_id"), d.getString("type"), d.getString("source"), d.getString("subject"),
                occurred == null ? null : occurred.toInstant(), d.getString("department"), d.getString("region"), topic,
                partition, offset, received == null ? 0 : received.getTime(), DerivedFields.users(data),
                DerivedFields.consumer(data), DerivedFields.provider(data), DerivedFields.resource(data),
                DerivedFields.requestId(data), data);
    }
}
