package cn.govdata.sharing.application;

import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.EventType;
import cn.govdata.events.EventTypes;
import cn.govdata.events.SchemaAssertions;
import cn.govdata.events.Topics;
import cn.govdata.events.catalog.CatalogEntryEvents;
import cn.govdata.events.catalog.CatalogEntrySnapshot;
import cn.govdata.events.catalog.DepartmentRegistered;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.TestTokens;
import cn.govdata.sharing.resource.Resources;
import cn.govdata.sharing.resource.SharedResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Publishes resources through catalog events, calls the API as the platform's actors, reads the sharing topic. */
public final class SharingFixtures {

    public static final String REGION = "320600";
    public static final String PROVIDER = "HRSS";
    public static final String CONSUMER = "CAB";
    public static final String OTHER = "PSB";
    public static final List<String> ITEMS = List.of("姓名", "公民身份号码", "参保状态", "缴费基数");

    private final MockMvc mvc;
    private final String brokers;
    private final Resources resources;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    public SharingFixtures(MockMvc mvc, String brokers, Resources resources, Clock clock) {
        this.mvc = mvc;
        this.brokers = brokers;
        this.resources = resources;
        this.clock = clock;
    }

    public static JwtRequestPostProcessor consumer() {
        return TestTokens.user("cab-clerk", CONSUMER, REGION, "dept-consumer");
    }

    public static JwtRequestPostProcessor approver() {
        return TestTokens.user("hrss-approver", PROVIDER, REGION, "dept-approver");
    }

    public static JwtRequestPostProcessor bureau() {
        return TestTokens.user("bureau-reviewer-wang", "BDB", REGION, "bureau-reviewer");
    }

    public static JwtRequestPostProcessor operator() {
        return TestTokens.user("operator", "BDC", REGION, "platform-operator");
    }

    /** A published catalog entry of {@link #PROVIDER}, as sharing learns it from the catalog topic. */
    public SharedResource publish(String shareType, List<String> methods) {
        String id = "320600-" + PROVIDER + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Instant now = clock.instant();
        var event = new CatalogEntryEvents.Published(snapshot(id, 1, shareType, methods, ITEMS), "bureau", now, now);
        send(EventTypes.CATALOG_ENTRY_PUBLISHED, id, json.writeValueAsString(event));
        await().atMost(Duration.ofSeconds(30)).until(() -> resources.find(id).isPresent());
        return resources.find(id).orElseThrow();
    }

    /** Version 2 of the entry with only {@code items} left. */
    public void change(SharedResource resource, List<String> items) {
        Instant now = clock.instant();
        List<String> removed = resource.itemNames().stream().filter(i -> !items.contains(i)).toList();
        var event = new CatalogEntryEvents.Changed(snapshot(resource.id(), resource.version() + 1, resource.shareType(),
                resource.shareMethods(), items), resource.version(), List.of(), removed, "bureau", now, now);
        send(EventTypes.CATALOG_ENTRY_CHANGED, resource.id(), json.writeValueAsString(event));
        await().atMost(Duration.ofSeconds(30)).until(() -> resources.find(resource.id()).orElseThrow().version() == resource.version() + 1);
    }

    public void requestWithdrawal(SharedResource resource) {
        Instant now = clock.instant();
        send(EventTypes.CATALOG_ENTRY_WITHDRAWAL_REQUESTED, resource.id(), json.writeValueAsString(
                new CatalogEntryEvents.WithdrawalRequested(resource.id(), resource.version(), PROVIDER, resource.name(),
                        "业务系统整合", "hrss-officer", now, now.plus(Duration.ofDays(7)))));
    }

    public void withdraw(SharedResource resource) {
        send(EventTypes.CATALOG_ENTRY_WITHDRAWN, resource.id(), json.writeValueAsString(
                new CatalogEntryEvents.Withdrawn(resource.id(), resource.version(), PROVIDER, resource.name(), "业务系统整合",
                        "bureau", clock.instant())));
    }

    public void registerDepartment(String code, String region) {
        send(EventTypes.DEPARTMENT_REGISTERED, code, json.writeValueAsString(new DepartmentRegistered(code, code + " 局", "CITY",
                region, null, new DepartmentRegistered.DataOfficer("数据管理员", "0513-00000000", null), clock.instant(), "bureau")));
    }

    /** A conforming application body for {@code resource}, valid for a year. */
    public Map<String, Object> application(SharedResource resource, List<String> items) {
        return Map.of("resourceId", resource.id(), "scenario", "最低生活保障资格审核", "purpose", "核对低保申请家庭成员参保与缴费情况",
                "legalDuty", "《社会救助暂行办法》第十一条", "items", items, "method", "API",
                "validTo", clock.instant().plus(Duration.ofDays(365)).toString());
    }

    public ResultActions postJson(String path, JwtRequestPostProcessor who, Object body) throws Exception {
        return mvc.perform(withJson(post(path), body).with(who));
    }

    public MockHttpServletRequestBuilder withJson(MockHttpServletRequestBuilder request, Object body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
    }

    public JsonNode body(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    /** The first record of {@code type} keyed {@code key} on the sharing topic, checked against its schema. */
    public JsonNode awaitEvent(EventType<?> type, String key) {
        ConsumerRecord<String, String> record = KafkaProbe.awaitRecord(brokers, Topics.SHARING, Duration.ofSeconds(30),
                r -> key.equals(r.key()) && KafkaProbe.header(r, CloudEventHeaders.TYPE).orElse("").equals(type.type()));
        SchemaAssertions.assertConforms(type, record.value());
        return json.readTree(record.value());
    }

    private void send(EventType<?> type, String key, String body) {
        KafkaProbe.send(brokers, Topics.CATALOG, key, body, Map.of(CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE, type.type(), CloudEventHeaders.SOURCE, "/govdata/catalog-service",
                CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.TIME, clock.instant().toString(),
                CloudEventHeaders.SUBJECT, key));
    }

    private static CatalogEntrySnapshot snapshot(String id, int version, String shareType, List<String> methods, List<String> items) {
        return new CatalogEntrySnapshot(id, version, "社会保险参保信息", "参保人员参保状态与缴费信息", PROVIDER, "社保核心系统",
                "BASIC", null, List.of("JSON"),
                items.stream().map(i -> new CatalogEntrySnapshot.DataItem(i, "STRING", 64, i, i.equals("姓名")
                        || i.equals("公民身份号码"), false)).toList(),
                shareType, "UNCONDITIONAL".equals(shareType) ? null : "仅限履行社会救助职责",
                "UNCONDITIONAL".equals(shareType) ? null : "民政部门", methods, "UNCONDITIONAL", null, null, null, false, "DAILY",
                "社会保障", "人力资源和社会保障", REGION, "二级");
    }
}
