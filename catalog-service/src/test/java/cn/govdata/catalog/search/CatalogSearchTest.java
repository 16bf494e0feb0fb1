package cn.govdata.catalog.search;

import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.test.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Search through the REST API on the whole service: entries are written with the lifecycle
 * endpoints and reach the index through the feeder, so every expectation after a write waits a
 * little. The context (and its store) is shared with other test classes, hence unique markers.
 */
@PlatformIntegrationTest
class CatalogSearchTest {

    static final JwtRequestPostProcessor BUREAU = TestTokens.user("bureau", "BDB", "320100", "bureau-reviewer");
    static final JwtRequestPostProcessor PSB = TestTokens.user("psb-officer", "PSB", "320100", "dept-data-officer");
    static final JwtRequestPostProcessor AMR = TestTokens.user("amr-officer", "AMR", "320100", "dept-data-officer");
    static final JwtRequestPostProcessor CONSUMER = TestTokens.user("hrss-consumer", "HRSS", "320100", "dept-consumer");
    static final Duration FRESH = Duration.ofSeconds(10);

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    JsonMapper json;
    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void departments() throws Exception {
        for (String code : new String[] {"PSB", "AMR", "HRSS"}) {
            if (!mongo.exists(Query.query(Criteria.where("_id").is(code)), "departments")) {
                mvc.perform(post("/api/catalog/departments").with(BUREAU).contentType(MediaType.APPLICATION_JSON).content("""
                        {"code":"%s","name":"部门%s","level":"CITY","region":"320100",
                         "dataOfficer":{"realName":"李娜","phone":"025-84420000"}}""".formatted(code, code)))
                        .andExpect(status().isCreated());
            }
        }
    }

    /** A word made of letters only, so that it matches nothing but the entries of one test. */
    static String marker() {
        StringBuilder word = new StringBuilder("mk");
        UUID.randomUUID().toString().replace("-", "").chars().limit(12).forEach(c -> word.append((char) ('a' + Character.digit(c, 16))));
        return word.toString();
    }

    static String entry(String department, String name, String summary, String shareType, String shareMethod, String item) {
        String conditions = shareType.equals("UNCONDITIONAL") ? "" : """
                "shareConditions":"经数据主管部门审核","shareScope":"市级政务部门","shareReason":"含企业经营信息",
                "shareLegalBasis":"《政务数据共享条例》第十条",""";
        return """
                {"name":"%s","summary":"%s","category":"DEPARTMENTAL","classCode":"02","itemCode":"003",
                 "providerDepartment":"%s","sourceSystem":"业务管理系统","formats":["JSON"],"form":"STRUCTURED",
                 "dataItems":[{"name":"%s","type":"STRING","length":50},{"name":"登记日期","type":"DATE"}],
                 "shareType":"%s",%s"shareMethods":["%s"],
                 "openType":"NOT_OPEN","openReason":"含经营信息","openLegalBasis":"《数据安全法》第二十一条",
                 "updateFrequency":"DAILY","topic":"市场监管","industry":"公共管理","region":"320100","grade":"GENERAL"}"""
                .formatted(name, summary, department, item, shareType, conditions, shareMethod);
    }

    String create(JwtRequestPostProcessor officer, String body) throws Exception {
        String response = mvc.perform(post("/api/catalog/entries").with(officer).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(response).get("id").asString();
    }

    String publish(JwtRequestPostProcessor officer, String body) throws Exception {
        String id = create(officer, body);
        submitAndApprove(officer, id);
        return id;
    }

    void submitAndApprove(JwtRequestPostProcessor officer, String id) throws Exception {
        mvc.perform(post("/api/catalog/entries/" + id + "/submit").with(officer)).andExpect(status().isOk());
        mvc.perform(post("/api/catalog/entries/" + id + "/review").with(BUREAU).contentType(MediaType.APPLICATION_JSON)
                .content("{\"decision\":\"APPROVE\"}")).andExpect(status().isOk());
    }

    ResultActions search(JwtRequestPostProcessor caller, String query) throws Exception {
        MockHttpServletRequestBuilder request = get("/api/catalog/entries").with(caller);
        SearchIndexTest.params(query).forEach((name, values) -> request.param(name, values.toArray(String[]::new)));
        return mvc.perform(request);
    }

    /** Repeats the search until the index has caught up with the writes before it. */
    void eventually(JwtRequestPostProcessor caller, String query, Expectation expectation) {
        await().atMost(FRESH).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> expectation.check(search(caller, query).andExpect(status().isOk())));
    }

    interface Expectation {
        void check(ResultActions result) throws Exception;
    }

    @Test
    void aConsumerFindsAPublishedEntryByAWordInsideItsLongerNameButNotAnotherDepartmentsDraftWhichItsOwnerFinds() throws Exception {
        String marker = marker();
        String published = publish(AMR, entry("AMR", "企业营业执照信息", "登记机关核发营业执照的记录 " + marker,
                "UNCONDITIONAL", "API", "统一社会信用代码"));
        String draft = create(PSB, entry("PSB", "营业执照核验记录", "治安管理中的核验 " + marker,
                "UNCONDITIONAL", "API", "核验结果"));

        eventually(CONSUMER, "q=营业执照", r -> r
                .andExpect(jsonPath("$.items[*].id", hasItem(published)))
                .andExpect(jsonPath("$.items[*].id", not(hasItem(draft))))
                .andExpect(jsonPath("$.items[?(@.id == '%s')].matchedIn[0]".formatted(published)).value(hasItem("name")))
                .andExpect(jsonPath("$.items[?(@.id == '%s')].status".formatted(published)).value(hasItem("PUBLISHED")))
                .andExpect(jsonPath("$.items[?(@.id == '%s')].publishedVersion".formatted(published)).value(hasItem(1))));
        eventually(PSB, "q=营业执照 " + marker, r -> r
                .andExpect(jsonPath("$.items[*].id", hasItem(draft)))
                .andExpect(jsonPath("$.items[?(@.id == '%s')].status".formatted(draft)).value(hasItem("DRAFT"))));
        eventually(AMR, "q=营业执照 " + marker, r -> r.andExpect(jsonPath("$.items[*].id", not(hasItem(draft)))));
        search(BUREAU, "q=" + marker + "&status=DRAFT").andExpect(jsonPath("$.items[*].id", hasItem(draft)));
    }

    @Test
    void filtersNarrowTheResultWhileEachFacetCountsTheOtherFilters() throws Exception {
        String marker = marker();
        String amrConditional = publish(AMR, entry("AMR", "企业年报信息", "企业年度报告 " + marker, "CONDITIONAL", "API", "年报年度"));
        publish(AMR, entry("AMR", "企业注销信息", "注销登记 " + marker, "UNCONDITIONAL", "FILE", "注销日期"));
        publish(PSB, entry("PSB", "企业治安信息", "治安检查 " + marker, "CONDITIONAL", "API", "检查结果"));

        eventually(CONSUMER, "q=" + marker + "&shareType=CONDITIONAL&department=AMR", r -> r
                .andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.items[0].id").value(amrConditional))
                .andExpect(jsonPath("$.items[0].providerDepartment").value("AMR"))
                .andExpect(jsonPath("$.items[0].shareType").value("CONDITIONAL"))
                .andExpect(jsonPath("$.items[0].shareMethods[0]").value("API"))
                .andExpect(jsonPath("$.items[0].formats[0]").value("JSON"))
                .andExpect(jsonPath("$.items[0].topic").value("市场监管"))
                .andExpect(jsonPath("$.items[0].matchedIn[0]").value("summary"))
                .andExpect(jsonPath("$.facets.shareType.CONDITIONAL").value(1))
                .andExpect(jsonPath("$.facets.shareType.UNCONDITIONAL").value(1))
                .andExpect(jsonPath("$.facets.department.AMR").value(1))
                .andExpect(jsonPath("$.facets.department.PSB").value(1))
                .andExpect(jsonPath("$.facets.shareMethod.API").value(1))
                .andExpect(jsonPath("$.facets.status.PUBLISHED").value(1)));
        search(CONSUMER, "q=" + marker + "&department=AMR&department=PSB&shareMethod=API")
                .andExpect(jsonPath("$.totalItems").value(2));
    }

    @Test
    void resultsArePagedWithTheirTotals() throws Exception {
        String marker = marker();
        for (String name : new String[] {"安全生产许可", "北区企业名录", "城市道路档案"}) {
            publish(AMR, entry("AMR", name, "分页 " + marker, "UNCONDITIONAL", "API", "编号"));
        }

        eventually(CONSUMER, "q=" + marker + "&size=2&sort=name", r -> r
                .andExpect(jsonPath("$.totalItems").value(3))
                .andExpect(jsonPath("$.totalPages").value(2))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(2))
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.items[0].name").value("安全生产许可")));
        search(CONSUMER, "q=" + marker + "&size=2&page=1&sort=name")
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].name").value("城市道路档案"));
    }

    @Test
    void anUnknownShareTypeIsA400ProblemNamingTheParameter() throws Exception {
        search(CONSUMER, "shareType=SOMETIMES")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("shareType"))
                .andExpect(jsonPath("$.errors[0].message", containsString("CONDITIONAL")));
        search(CONSUMER, "size=500").andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("size"));
    }

    @Test
    void searchingNeedsAToken() throws Exception {
        mvc.perform(get("/api/catalog/entries").param("q", "营业执照")).andExpect(status().isUnauthorized());
    }

    @Test
    void aChangeMadeThroughTheApiReachesTheIndexWithinSecondsForTheOwnerAndAfterApprovalForEveryone() throws Exception {
        String marker = marker();
        String body = entry("AMR", "食品经营许可信息", "许可证 " + marker, "UNCONDITIONAL", "API", "许可证编号");
        String id = publish(AMR, body);
        eventually(CONSUMER, "q=食品经营 " + marker, r -> r.andExpect(jsonPath("$.items[*].id", hasItem(id))));

        mvc.perform(put("/api/catalog/entries/" + id).with(AMR).contentType(MediaType.APPLICATION_JSON)
                .content(body.replace("食品经营许可信息", "食品生产许可信息"))).andExpect(status().isOk());

        eventually(AMR, "q=食品生产 " + marker, r -> r.andExpect(jsonPath("$.items[*].id", hasItem(id))));
        // Readers keep searching the published version until the bureau approves the change.
        search(CONSUMER, "q=食品生产 " + marker).andExpect(jsonPath("$.totalItems").value(0));
        search(CONSUMER, "q=食品经营 " + marker).andExpect(jsonPath("$.items[*].id", hasItem(id)));

        submitAndApprove(AMR, id);
        eventually(CONSUMER, "q=食品生产 " + marker, r -> r
                .andExpect(jsonPath("$.items[*].id", hasItem(id)))
                .andExpect(jsonPath("$.items[0].publishedVersion").value(2)));
        search(CONSUMER, "q=食品经营 " + marker).andExpect(jsonPath("$.totalItems").value(0));

        assertThat(meters.get("catalog.search.index.entries").gauge().value()).isPositive();
        assertThat(meters.get("catalog.search").timer().count()).isPositive();
    }

    @Test
    void theIndexSizeAndTheSearchLatencyArePublishedForPrometheus() throws Exception {
        search(CONSUMER, "q=营业执照").andExpect(status().isOk());

        mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("catalog_search_index_entries")))
                .andExpect(content().string(containsString("catalog_search_seconds_count")))
                .andExpect(content().string(containsString("catalog_search_seconds_bucket")));
    }

    @Test
    void theOpenApiDocumentListsTheSearchParameters() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/catalog/entries'].get.parameters[*].name", hasItem("shareType")))
                .andExpect(jsonPath("$.paths['/api/catalog/entries'].get.parameters[*].name", not(hasItem("parameters"))));
    }
}
