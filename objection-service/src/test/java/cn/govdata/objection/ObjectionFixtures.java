package cn.govdata.objection;

import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.EventType;
import cn.govdata.events.EventTypes;
import cn.govdata.events.Topics;
import cn.govdata.events.catalog.CatalogEntryEvents;
import cn.govdata.events.catalog.CatalogEntrySnapshot;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Tokens, a published resource and filing helpers shared by the objection tests. */
public final class ObjectionFixtures {

    public static final String REGION = "320100";
    public static final RequestPostProcessor OPERATOR = TestTokens.user("operator-wang", "BDC", REGION, "platform-operator");
    public static final RequestPostProcessor BUREAU = TestTokens.user("bureau-li", "BDB", REGION, "bureau-reviewer");
    public static final RequestPostProcessor AUDITOR = TestTokens.user("auditor-zhao", "AUD", REGION, "auditor");

    private final MockMvc mvc;
    private final JsonMapper json;
    private final String brokers;

    public ObjectionFixtures(MockMvc mvc, JsonMapper json, String brokers) {
        this.mvc = mvc;
        this.json = json;
        this.brokers = brokers;
    }

    public static RequestPostProcessor citizen(String login) {
        return TestTokens.user(login, null, REGION, "public-applicant");
    }

    public static RequestPostProcessor approver(String department) {
        return TestTokens.user(department.toLowerCase() + "-approver", department, REGION, "dept-approver");
    }

    public static RequestPostProcessor consumer(String department) {
        return TestTokens.user(department.toLowerCase() + "-user", department, REGION, "dept-consumer");
    }

    /** Publishes a catalog entry the way catalog-service does and waits until the objection desk knows it. */
    public String published(String provider, String name, List<String> items) throws Exception {
        String entryId = provider + "-" + UUID.randomUUID().toString().substring(0, 8);
        var snapshot = new CatalogEntrySnapshot(entryId, 1, name, name + "的基础信息", provider, "业务系统", "BASIC", null,
                List.of("JSON"), items.stream().map(i -> new CatalogEntrySnapshot.DataItem(i, "STRING", 64, i, true, false)).toList(),
                "UNCONDITIONAL", null, null, List.of("API"), "NOT_OPEN", null, "含个人信息", "个人信息", false, "DAILY", "民生", null, REGION,
                "L2");
        Instant now = Instant.now();
        String body = json.writeValueAsString(new CatalogEntryEvents.Published(snapshot, "bureau-li", now, now));
        KafkaProbe.send(brokers, Topics.CATALOG, entryId, body, Map.of(
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE, EventTypes.CATALOG_ENTRY_PUBLISHED.type(),
                CloudEventHeaders.SOURCE, "/govdata/catalog-service",
                CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.TIME, now.toString(),
                CloudEventHeaders.SUBJECT, entryId));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                mvc.perform(get("/api/objections/resources/" + entryId).with(citizen("anyone"))).andExpect(status().isOk()));
        return entryId;
    }

    public static String objection(String resourceId, String recordKey, String name, String phone) {
        return """
                {"reason":"ERROR","resourceId":"%s",%s"fields":["住址"],
                 "claim":"我的户籍地址登记错误，应为玄武区珠江路1号。",
                 "objector":{"name":"%s","phone":"%s","email":"someone@example.cn"}}"""
                .formatted(resourceId, recordKey == null ? "" : "\"recordKey\":\"" + recordKey + "\",", name, phone);
    }

    /** Files a JSON objection and returns the answer. */
    public JsonNode file(RequestPostProcessor who, String body) throws Exception {
        String answer = mvc.perform(post("/api/objections/cases").with(who).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(answer);
    }

    public JsonNode read(RequestPostProcessor who, String path) throws Exception {
        return json.readTree(mvc.perform(get(path).with(who)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
    }

    public ConsumerRecord<String, String> awaitEvent(String topic, String key, EventType<?> type) {
        return KafkaProbe.awaitRecord(brokers, topic, Duration.ofSeconds(30), r -> key.equals(r.key())
                && KafkaProbe.header(r, CloudEventHeaders.TYPE).orElse("").equals(type.type()));
    }
}
