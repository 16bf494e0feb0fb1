package cn.govdata.catalog.entry;

import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.EventTypes;
import cn.govdata.events.SchemaAssertions;
import cn.govdata.events.Topics;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
class EntryLifecycleTest {

    static final JwtRequestPostProcessor BUREAU = TestTokens.user("bureau", "BDB", "320100", "bureau-reviewer");
    static final JwtRequestPostProcessor PSB = TestTokens.user("psb-officer", "PSB", "320100", "dept-data-officer");
    static final JwtRequestPostProcessor AMR = TestTokens.user("amr-officer", "AMR", "320100", "dept-data-officer");
    static final JwtRequestPostProcessor CONSUMER = TestTokens.user("hrss-consumer", "HRSS", "320100", "dept-consumer");

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    JsonMapper json;
    // The broker of this test's own context: the JVM-wide spring.embedded.kafka.brokers property
    // names whichever embedded broker started last, which may belong to another cached context.
    @Autowired
    EmbeddedKafkaBroker embeddedKafka;

    @BeforeEach
    void departments() throws Exception {
        for (String code : new String[] {"PSB", "AMR", "HRSS"}) {
            if (!mongo.exists(org.springframework.data.mongodb.core.query.Query.query(
                    org.springframework.data.mongodb.core.query.Criteria.where("_id").is(code)), "departments")) {
                mvc.perform(post("/api/catalog/departments").with(BUREAU).contentType(MediaType.APPLICATION_JSON).content("""
                        {"code":"%s","name":"部门%s","level":"CITY","region":"320100",
                         "dataOfficer":{"realName":"张伟","phone":"025-84420000"}}""".formatted(code, code)))
                        .andExpect(status().isCreated());
            }
        }
    }

    static String entry(String department, String name, String shareType, String extra) {
        return """
                {"name":"%s","summary":"全市户籍人口的基本信息","category":"BASIC","classCode":"01","itemCode":"001",
                 "basicKind":"POPULATION","providerDepartment":"%s","sourceSystem":"人口信息管理系统",
                 "formats":["DATABASE","JSON"],"form":"STRUCTURED",
                 "dataItems":[{"name":"公民身份号码","type":"STRING","length":18,"personal":true,"sensitive":true},
                              {"name":"姓名","type":"STRING","length":50,"personal":true},
                              {"name":"出生日期","type":"DATE"}],
                 "dictionary":{"name":"人口数据字典","standard":"GB 11643"},
                 "shareType":"%s","shareMethods":["API"],"openType":"NOT_OPEN","openReason":"含个人信息",
                 "openLegalBasis":"《个人信息保护法》第二十八条","updateFrequency":"DAILY","topic":"人口","industry":"公共管理",
                 "region":"320100","grade":"IMPORTANT"%s}""".formatted(name, department, shareType, extra);
    }

    String create(JwtRequestPostProcessor officer, String body) throws Exception {
        String response = mvc.perform(post("/api/catalog/entries").with(officer).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(response).get("id").asString();
    }

    ResultActions review(String id, String decision, String reasons) throws Exception {
        return mvc.perform(post("/api/catalog/entries/" + id + "/review").with(BUREAU).contentType(MediaType.APPLICATION_JSON)
                .content("{\"decision\":\"%s\",\"reasons\":%s}".formatted(decision, reasons)));
    }

    @Test
    void aDraftIsSubmittedReturnedWithReasonsFixedAndPublishedWithEventsForEachStep() throws Exception {
        String id = create(PSB, entry("PSB", "人口基本信息", "UNCONDITIONAL", ""));
        assertThat(id).matches("101001-PSB-\\d{6}");

        mvc.perform(post("/api/catalog/entries/" + id + "/submit").with(PSB))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("SUBMITTED"));
        var submitted = KafkaProbe.awaitRecord(embeddedKafka.getBrokersAsString(), Topics.CATALOG, Duration.ofSeconds(20), r -> id.equals(r.key())
                && KafkaProbe.header(r, CloudEventHeaders.TYPE).orElse("").equals(EventTypes.CATALOG_ENTRY_SUBMITTED.type()));
        SchemaAssertions.assertConforms(EventTypes.CATALOG_ENTRY_SUBMITTED, submitted.value());
        assertThat(json.readTree(submitted.value()).get("reviewDueAt").asString()).isNotBlank();

        review(id, "RETURN", "[\"摘要过于简单\",\"缺少数据字典地址\"]")
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("RETURNED"))
                .andExpect(jsonPath("$.pendingChange.returnReasons", hasItem("摘要过于简单")));
        var returned = KafkaProbe.awaitRecord(embeddedKafka.getBrokersAsString(), Topics.CATALOG, Duration.ofSeconds(20), r -> id.equals(r.key())
                && KafkaProbe.header(r, CloudEventHeaders.TYPE).orElse("").equals(EventTypes.CATALOG_ENTRY_RETURNED.type()));
        SchemaAssertions.assertConforms(EventTypes.CATALOG_ENTRY_RETURNED, returned.value());

        mvc.perform(put("/api/catalog/entries/" + id).with(PSB).contentType(MediaType.APPLICATION_JSON)
                        .content(entry("PSB", "人口基本信息", "UNCONDITIONAL", "").replace("全市户籍人口的基本信息", "全市户籍人口的基本信息，含出生、迁入迁出")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("DRAFT"));
        mvc.perform(post("/api/catalog/entries/" + id + "/submit").with(PSB)).andExpect(status().isOk());
        review(id, "APPROVE", "[]").andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PUBLISHED")).andExpect(jsonPath("$.publishedVersion").value(1));

        var published = KafkaProbe.awaitRecord(embeddedKafka.getBrokersAsString(), Topics.CATALOG, Duration.ofSeconds(20), r -> id.equals(r.key())
                && KafkaProbe.header(r, CloudEventHeaders.TYPE).orElse("").equals(EventTypes.CATALOG_ENTRY_PUBLISHED.type()));
        SchemaAssertions.assertConforms(EventTypes.CATALOG_ENTRY_PUBLISHED, published.value());
        assertThat(json.readTree(published.value()).get("entry").get("dataItems")).hasSize(3);
        assertThat(json.readTree(published.value()).get("entry").get("openReason").asString()).isEqualTo("含个人信息");
        assertThat(json.readTree(published.value()).get("entry").get("openLegalBasis").asString()).isEqualTo("《个人信息保护法》第二十八条");

        mvc.perform(get("/api/catalog/entries/" + id).with(CONSUMER))
                .andExpect(status().isOk()).andExpect(jsonPath("$.content.name").value("人口基本信息"))
                .andExpect(jsonPath("$.pendingChange").doesNotExist());
        mvc.perform(get("/api/catalog/entries/" + id + "/history").with(PSB))
                .andExpect(jsonPath("$.history[*].action", hasItem("returned")))
                .andExpect(jsonPath("$.history[?(@.action == 'returned')].reasons[0]").value(hasItem("摘要过于简单")));
    }

    @Test
    void aChangeBecomesVersionTwoWithAReadableDiffWhileVersionOneStaysVisible() throws Exception {
        String id = create(PSB, entry("PSB", "户籍迁移登记", "UNCONDITIONAL", ""));
        mvc.perform(post("/api/catalog/entries/" + id + "/submit").with(PSB)).andExpect(status().isOk());
        review(id, "APPROVE", "[]").andExpect(status().isOk());

        String changed = entry("PSB", "户籍迁移登记信息", "UNCONDITIONAL", "")
                .replace("{\"name\":\"出生日期\",\"type\":\"DATE\"}", "{\"name\":\"迁入日期\",\"type\":\"DATE\"}");
        mvc.perform(put("/api/catalog/entries/" + id).with(PSB).contentType(MediaType.APPLICATION_JSON).content(changed))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PUBLISHED"))
                .andExpect(jsonPath("$.pendingChange.version").value(2));
        mvc.perform(post("/api/catalog/entries/" + id + "/submit").with(PSB)).andExpect(status().isOk());
        // The consumer still sees version 1 while version 2 is with the bureau.
        mvc.perform(get("/api/catalog/entries/" + id).with(CONSUMER))
                .andExpect(jsonPath("$.content.name").value("户籍迁移登记")).andExpect(jsonPath("$.publishedVersion").value(1));

        review(id, "APPROVE", "[]").andExpect(jsonPath("$.publishedVersion").value(2));

        mvc.perform(get("/api/catalog/entries/" + id + "/history").with(CONSUMER))
                .andExpect(jsonPath("$.history[?(@.action == 'change approved')].changes[*].field",
                        hasItem("name")))
                .andExpect(jsonPath("$.history[?(@.action == 'change approved')].changes[*].field",
                        hasItem("dataItems[出生日期]")));
        mvc.perform(get("/api/catalog/entries/" + id + "/versions/1").with(CONSUMER))
                .andExpect(jsonPath("$.content.name").value("户籍迁移登记"));
        var changedEvent = KafkaProbe.awaitRecord(embeddedKafka.getBrokersAsString(), Topics.CATALOG, Duration.ofSeconds(20), r -> id.equals(r.key())
                && KafkaProbe.header(r, CloudEventHeaders.TYPE).orElse("").equals(EventTypes.CATALOG_ENTRY_CHANGED.type()));
        SchemaAssertions.assertConforms(EventTypes.CATALOG_ENTRY_CHANGED, changedEvent.value());
        assertThat(json.readTree(changedEvent.value()).get("removedDataItems").get(0).asString()).isEqualTo("出生日期");
    }

    @Test
    void aWithdrawalNotifiesSubscribersFirstAndTakesEffectOnlyWithTheBureausApproval() throws Exception {
        String id = create(PSB, entry("PSB", "暂住登记", "UNCONDITIONAL", ""));
        mvc.perform(post("/api/catalog/entries/" + id + "/submit").with(PSB)).andExpect(status().isOk());
        review(id, "APPROVE", "[]").andExpect(status().isOk());

        mvc.perform(post("/api/catalog/entries/" + id + "/withdrawal").with(PSB).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reasons\":\"职能划转至市人社局\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("WITHDRAWAL_REQUESTED"));
        var requested = KafkaProbe.awaitRecord(embeddedKafka.getBrokersAsString(), Topics.CATALOG, Duration.ofSeconds(20), r -> id.equals(r.key())
                && KafkaProbe.header(r, CloudEventHeaders.TYPE).orElse("").equals(EventTypes.CATALOG_ENTRY_WITHDRAWAL_REQUESTED.type()));
        SchemaAssertions.assertConforms(EventTypes.CATALOG_ENTRY_WITHDRAWAL_REQUESTED, requested.value());
        mvc.perform(get("/api/catalog/entries/" + id).with(CONSUMER)).andExpect(status().isOk());

        mvc.perform(post("/api/catalog/entries/" + id + "/withdrawal/decision").with(PSB).contentType(MediaType.APPLICATION_JSON)
                .content("{\"approve\":true}")).andExpect(status().isForbidden());
        mvc.perform(post("/api/catalog/entries/" + id + "/withdrawal/decision").with(BUREAU).contentType(MediaType.APPLICATION_JSON)
                .content("{\"approve\":true,\"reasons\":\"同意\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("WITHDRAWN"));
        var withdrawn = KafkaProbe.awaitRecord(embeddedKafka.getBrokersAsString(), Topics.CATALOG, Duration.ofSeconds(20), r -> id.equals(r.key())
                && KafkaProbe.header(r, CloudEventHeaders.TYPE).orElse("").equals(EventTypes.CATALOG_ENTRY_WITHDRAWN.type()));
        SchemaAssertions.assertConforms(EventTypes.CATALOG_ENTRY_WITHDRAWN, withdrawn.value());
        assertThat(requested.offset()).isLessThan(withdrawn.offset());

        mvc.perform(get("/api/catalog/entries/" + id).with(CONSUMER)).andExpect(status().isNotFound());
        mvc.perform(delete("/api/catalog/entries/" + id).with(PSB)).andExpect(status().isConflict());
        mvc.perform(put("/api/catalog/entries/" + id).with(PSB).contentType(MediaType.APPLICATION_JSON)
                .content(entry("PSB", "暂住登记2", "UNCONDITIONAL", ""))).andExpect(status().isConflict());
    }

    @Test
    void statutoryRulesAreCheckedOnSubmitNamingEachField() throws Exception {
        // A basic resource must be shared unconditionally; conditional sharing needs reasons and a legal basis.
        String id = create(PSB, entry("PSB", "人口迁徙数据", "CONDITIONAL", ""));
        mvc.perform(post("/api/catalog/entries/" + id + "/submit").with(PSB))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("shareType")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("shareReason")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("shareLegalBasis")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("shareConditions")));
        mvc.perform(get("/api/catalog/entries/" + id).with(PSB)).andExpect(jsonPath("$.status").value("DRAFT"));

        String shared = entry("AMR", "人口信息（共享获取）", "UNCONDITIONAL", ",\"obtainedBySharing\":true")
                .replace("\"basicKind\":\"POPULATION\",", "").replace("\"category\":\"BASIC\"", "\"category\":\"DEPARTMENTAL\"")
                .replace("\"openType\":\"NOT_OPEN\"", "\"openType\":\"UNCONDITIONAL\"");
        String amrId = create(AMR, shared);
        mvc.perform(post("/api/catalog/entries/" + amrId + "/submit").with(AMR))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("openType")))
                .andExpect(jsonPath("$.detail", containsString("QY 37")));
    }

    @Test
    void aNotSharedEntryIsFiledWithTheBureauOnSubmit() throws Exception {
        String body = entry("PSB", "侦查办案数据", "NOT_SHARED",
                ",\"shareReason\":\"涉及侦查秘密\",\"shareLegalBasis\":\"《刑事诉讼法》第一百五十二条\"")
                .replace("\"basicKind\":\"POPULATION\",", "").replace("\"category\":\"BASIC\"", "\"category\":\"DEPARTMENTAL\"");
        String id = create(PSB, body);
        mvc.perform(post("/api/catalog/entries/" + id + "/submit").with(PSB))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.filing.legalBasis").value("《刑事诉讼法》第一百五十二条"))
                .andExpect(jsonPath("$.filing.filedBy").value("psb-officer"));
    }

    @Test
    void departmentsWriteOnlyTheirOwnEntriesAndOutsidersCannotSeeDrafts() throws Exception {
        mvc.perform(post("/api/catalog/entries").with(AMR).contentType(MediaType.APPLICATION_JSON)
                        .content(entry("PSB", "冒名条目", "UNCONDITIONAL", "")))
                .andExpect(status().isForbidden());
        String id = create(PSB, entry("PSB", "出入境证件", "UNCONDITIONAL", ""));
        mvc.perform(get("/api/catalog/entries/" + id).with(CONSUMER)).andExpect(status().isNotFound());
        mvc.perform(get("/api/catalog/entries/" + id).with(AMR)).andExpect(status().isNotFound());
        mvc.perform(get("/api/catalog/entries/" + id).with(PSB)).andExpect(status().isOk())
                .andExpect(jsonPath("$.pendingChange.state").value("DRAFT"));
        mvc.perform(post("/api/catalog/entries/" + id + "/submit").with(AMR)).andExpect(status().isForbidden());
        mvc.perform(post("/api/catalog/entries/" + id + "/submit").with(PSB)).andExpect(status().isOk());
        review(id, "APPROVE", "[]").andExpect(status().isOk());
        mvc.perform(post("/api/catalog/entries/" + id + "/review").with(PSB).contentType(MediaType.APPLICATION_JSON)
                .content("{\"decision\":\"APPROVE\"}")).andExpect(status().isForbidden());
    }

    @Test
    void badInputIsA400NamingTheFieldAndUnknownEntriesAre404() throws Exception {
        mvc.perform(post("/api/catalog/entries").with(PSB).contentType(MediaType.APPLICATION_JSON)
                        .content(entry("PSB", "", "SOMETIMES", "")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("shareType"));
        mvc.perform(post("/api/catalog/entries").with(PSB).contentType(MediaType.APPLICATION_JSON)
                        .content(entry("PSB", "", "UNCONDITIONAL", "").replace("\"classCode\":\"01\"", "\"classCode\":\"1\"")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("name")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("classCode")));
        mvc.perform(post("/api/catalog/entries").with(PSB).contentType(MediaType.APPLICATION_JSON)
                        .content(entry("PSB", "无字段", "UNCONDITIONAL", "").replaceAll("\"dataItems\":\\[[^]]*]", "\"dataItems\":[]")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("dataItems"));
        mvc.perform(get("/api/catalog/entries/999999-PSB-000000").with(PSB)).andExpect(status().isNotFound());
        mvc.perform(post("/api/catalog/entries/999999-PSB-000000/submit").with(PSB)).andExpect(status().isNotFound());
        String id = create(PSB, entry("PSB", "机动车登记", "UNCONDITIONAL", ""));
        review(id, "APPROVE", "[]").andExpect(status().isConflict());
        mvc.perform(post("/api/catalog/entries/" + id + "/submit").with(PSB)).andExpect(status().isOk());
        review(id, "RETURN", "[]").andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reasons"));
        mvc.perform(delete("/api/catalog/entries/" + id).with(PSB)).andExpect(status().isConflict());
        String draft = create(PSB, entry("PSB", "临时草稿", "UNCONDITIONAL", ""));
        mvc.perform(delete("/api/catalog/entries/" + draft).with(PSB)).andExpect(status().isNoContent());
        mvc.perform(get("/api/catalog/entries/" + draft).with(PSB)).andExpect(status().isNotFound());
    }
}
