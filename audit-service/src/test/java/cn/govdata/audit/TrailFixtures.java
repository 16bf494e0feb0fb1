package cn.govdata.audit;

import cn.govdata.audit.chain.Blocks;
import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.ExchangeEventTypes;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Platform events as the producing services put them on Kafka, and where the trail stored them. */
public final class TrailFixtures {

    private TrailFixtures() {
    }

    public static Map<String, String> headers(String id, String type, String subject, String department, Instant time) {
        Map<String, String> headers = new HashMap<>();
        headers.put(CloudEventHeaders.ID, id);
        headers.put(CloudEventHeaders.TYPE, type);
        headers.put(CloudEventHeaders.SOURCE, "/govdata/test");
        headers.put(CloudEventHeaders.SPEC_VERSION, "1.0");
        headers.put(CloudEventHeaders.TIME, time.toString());
        headers.put(CloudEventHeaders.SUBJECT, subject);
        if (department != null) {
            headers.put(CloudEventHeaders.DEPARTMENT, department);
        }
        headers.put(CloudEventHeaders.REGION, "320100");
        return headers;
    }

    /** A {@code DataAccessed} body as the exchange writes it. */
    public static String dataAccessed(String accessId, String provider, String consumer, String clientId, String resourceId,
                                      String purpose, int records, String channel, Instant at) {
        return """
                {"accessId":"%s","resourceId":"%s","resourceName":"户籍人口基本信息","providerDepartment":"%s",
                 "consumerDepartment":"%s","clientId":"%s","actor":null,"purpose":"%s","grantId":"G-%s-%s",
                 "grantKind":"DATA","approvedBy":"psb-officer","channel":"%s","operation":"GET /api/exchange/{resourceId}/records",
                 "items":["姓名","身份证号"],"maskedItems":["身份证号"],"recordCount":%d,"fileId":null,
                 "requestId":"req-%s","accessedAt":"%s"}"""
                .formatted(accessId, resourceId, provider, consumer, clientId, purpose, consumer, resourceId, channel, records,
                        accessId, at);
    }

    public static Map<String, String> accessHeaders(String accessId, String consumer, Instant at) {
        return headers(UUID.randomUUID().toString(), ExchangeEventTypes.DATA_ACCESSED.type(), accessId, consumer, at);
    }

    /** The block holding the event with this id, once the trail stored it. */
    public static Document awaitBlockOf(MongoTemplate mongo, String eventId) {
        Document[] found = new Document[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            found[0] = mongo.findOne(Query.query(Criteria.where(Blocks.IX + ".ids").is(eventId)), Document.class, Blocks.COLLECTION);
            return found[0] != null;
        });
        return found[0];
    }

    public static boolean stored(MongoTemplate mongo, String eventId) {
        return mongo.exists(Query.query(Criteria.where(Blocks.IX + ".ids").is(eventId)), Blocks.COLLECTION);
    }

    public static long copies(MongoTemplate mongo, String eventId) {
        return mongo.find(Query.query(Criteria.where(Blocks.IX + ".ids").is(eventId)), Document.class, Blocks.COLLECTION).stream()
                .flatMap(b -> Blocks.records(b).stream()).filter(e -> e.contains("\"id\":\"" + eventId + "\"")).count();
    }
}
