package cn.govdata.opendata;

import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.EventTypes;
import cn.govdata.events.Topics;
import cn.govdata.events.catalog.CatalogEntryEvents;
import cn.govdata.events.catalog.CatalogEntrySnapshot;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.TestTokens;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Feeds the open catalog through real catalog events and drives the HTTP API like a client would. */
public final class OpenDataFixtures {

    public static final String PERSONAL_CSV = """
            姓名,身份证号,手机号,住址,许可事项
            张三丰,320102199001011234,13812345678,南京市玄武区中山路100号,食品经营许可
            "李四","320104198505052345","13987654321","南京市秦淮区中华路1号","药品经营许可,零售"
            """;

    private OpenDataFixtures() {
    }

    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static CatalogEntrySnapshot entry(String entryId, String name, String department, String openType, String legalBasis,
                                             boolean obtainedBySharing) {
        return new CatalogEntrySnapshot(entryId, 1, name, name + "（摘要）", department, "许可系统", "基础", "业务", List.of("CSV", "JSON"),
                List.of(new CatalogEntrySnapshot.DataItem("姓名", "string", 50, "经营者姓名", true, false),
                        new CatalogEntrySnapshot.DataItem("身份证号", "string", 18, "身份证号码", true, true),
                        new CatalogEntrySnapshot.DataItem("手机号", "string", 11, "联系电话", true, false),
                        new CatalogEntrySnapshot.DataItem("住址", "string", 200, "经营地址", true, false),
                        new CatalogEntrySnapshot.DataItem("许可事项", "string", 200, "许可事项", false, false),
                        new CatalogEntrySnapshot.DataItem("许可证编号", "string", 20, "许可证编号", false, false)),
                "UNCONDITIONAL", null, "全市", List.of("API"), openType,
                "CONDITIONAL".equals(openType) ? "需签订数据利用协议" : null,
                "NOT_OPEN".equals(openType) ? "涉及个人隐私" : null,
                legalBasis, obtainedBySharing, "每月", "市场监管", "公共管理", "320100", "一般");
    }

    public static void publishToCatalog(String brokers, JsonMapper json, CatalogEntrySnapshot entry) {
        var published = new CatalogEntryEvents.Published(entry, "bureau", Instant.parse("2026-11-20T02:00:00Z"),
                Instant.parse("2026-11-19T02:00:00Z"));
        KafkaProbe.send(brokers, Topics.CATALOG, entry.entryId(), json.writeValueAsString(published), Map.of(
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE, EventTypes.CATALOG_ENTRY_PUBLISHED.type(),
                CloudEventHeaders.TIME, "2026-11-20T02:00:00Z",
                CloudEventHeaders.SOURCE, "/govdata/catalog-service",
                CloudEventHeaders.SUBJECT, entry.entryId()));
    }

    public static void withdrawFromCatalog(String brokers, JsonMapper json, String entryId, String department) {
        var withdrawn = new CatalogEntryEvents.Withdrawn(entryId, 1, department, "x", "职能调整", "bureau",
                Instant.parse("2026-11-21T02:00:00Z"));
        KafkaProbe.send(brokers, Topics.CATALOG, entryId, json.writeValueAsString(withdrawn), Map.of(
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE, EventTypes.CATALOG_ENTRY_WITHDRAWN.type(),
                CloudEventHeaders.TIME, "2026-11-21T02:00:00Z",
                CloudEventHeaders.SOURCE, "/govdata/catalog-service",
                CloudEventHeaders.SUBJECT, entryId));
    }

    public static void awaitListed(MockMvc mvc, String entryId) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                mvc.perform(get("/api/open-data/public/datasets/" + entryId)).andExpect(status().isOk()));
    }

    public static RequestPostProcessor officer(String department) {
        return TestTokens.user("officer-" + department.toLowerCase(), department, "320100", "dept-data-officer");
    }

    public static RequestPostProcessor approver(String department) {
        return TestTokens.user("approver-" + department.toLowerCase(), department, "320100", "dept-approver");
    }

    public static RequestPostProcessor bureau() {
        return TestTokens.user("bureau-reviewer-1", null, "320100", "bureau-reviewer");
    }

    /** The technical service unit of QZ 6.5 is the platform's operator. */
    public static RequestPostProcessor operator() {
        return TestTokens.user("ops-1", null, "320100", "platform-operator");
    }

    /** Moves the adjustable clock (govdata.time.adjustable=true) forward. */
    public static void advance(MockMvc mvc, java.time.Duration by) throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/open-data/time/advance")
                .with(operator()).contentType("application/json").content("{\"by\":\"" + by + "\"}")).andExpect(status().isOk());
    }

    public static RequestPostProcessor citizen(String name) {
        return TestTokens.user(name, null, "320100", "public-applicant");
    }

    public static void maskPersonalFields(MockMvc mvc, String entryId, String department) throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put(
                                "/api/open-data/datasets/" + entryId + "/masking").with(officer(department))
                        .contentType("application/json")
                        .content("""
                                {"rules":{"姓名":"NAME","身份证号":"ID_NUMBER","手机号":"PHONE","住址":"ADDRESS"}}"""))
                .andExpect(status().isOk());
    }

    public static MvcResult upload(MockMvc mvc, String entryId, String department, String filename, String content)
            throws Exception {
        return mvc.perform(multipart("/api/open-data/datasets/" + entryId + "/versions")
                        .file(new MockMultipartFile("file", filename, "text/csv", content.getBytes(StandardCharsets.UTF_8)))
                        .with(officer(department)))
                .andReturn();
    }

    /** Runs a streamed (async) response to completion. */
    public static MvcResult streamed(MockMvc mvc, MockHttpServletRequestBuilder call) throws Exception {
        MvcResult started = mvc.perform(call).andExpect(request().asyncStarted()).andReturn();
        return mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn();
    }
}
