package cn.govdata.catalog.dcat;

import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.test.TestTokens;
import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.document.JsonDocument;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
class DcatExportTest {

    static final JwtRequestPostProcessor BUREAU = TestTokens.user("bureau", "BDB", "320100", "bureau-reviewer");
    /** Other test classes share this context's database: this class registers a department of its own. */
    static final String DEPT = "DCAT-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
    static final JwtRequestPostProcessor OFFICER = TestTokens.user("dcat-officer", DEPT, "320100", "dept-data-officer");
    static final JwtRequestPostProcessor READER = TestTokens.system("hrss-system", "HRSS", "320100", "dept-consumer");
    static final String DCAT = "http://www.w3.org/ns/dcat#";
    static final String DCT = "http://purl.org/dc/terms/";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    String publish(String name, String openType, String extra) throws Exception {
        mvc.perform(post("/api/catalog/departments").with(BUREAU).contentType(MediaType.APPLICATION_JSON).content("""
                {"code":"%s","name":"市场监督管理局","level":"CITY","region":"320100","dataOfficer":{"realName":"李娜","phone":"025-68789000"}}""".formatted(DEPT)));
        String body = """
                {"name":"%s","summary":"全市企业登记注册信息","category":"BASIC","classCode":"02","itemCode":"001",
                 "basicKind":"LEGAL_ENTITY","providerDepartment":"%s","sourceSystem":"企业登记系统",
                 "formats":["CSV","JSON","DATABASE"],"form":"STRUCTURED",
                 "dataItems":[{"name":"统一社会信用代码","type":"STRING","length":18},{"name":"企业名称","type":"STRING"}],
                 "dictionary":{"name":"企业登记数据字典","standard":"GB 32100-2015"},
                 "shareType":"UNCONDITIONAL","shareMethods":["API","FILE"],"openType":"%s",
                 "updateFrequency":"DAILY","topic":"市场监管","industry":"商务","region":"320100","grade":"GENERAL"%s}"""
                .formatted(name, DEPT, openType, extra);
        String id = json.readTree(mvc.perform(post("/api/catalog/entries").with(OFFICER).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();
        mvc.perform(post("/api/catalog/entries/" + id + "/submit").with(OFFICER)).andExpect(status().isOk());
        mvc.perform(post("/api/catalog/entries/" + id + "/review").with(BUREAU).contentType(MediaType.APPLICATION_JSON)
                .content("{\"decision\":\"APPROVE\"}")).andExpect(status().isOk());
        return id;
    }

    static JsonObject expand(String jsonLd) throws Exception {
        JsonArray expanded = JsonLd.expand(JsonDocument.of(new StringReader(jsonLd))).get();
        assertThat(expanded).isNotEmpty();
        return expanded.getJsonObject(0);
    }

    static String iri(JsonObject node, String property) {
        return node.getJsonArray(property).getJsonObject(0).getString("@id");
    }

    @Test
    void aPublishedEntryExpandsAsJsonLdToADcatDatasetWithControlledVocabularies() throws Exception {
        String id = publish("企业登记信息", "UNCONDITIONAL", "");

        var response = mvc.perform(get("/api/catalog/entries/" + id + "/dcat").with(READER).accept("application/ld+json"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/ld+json"))
                .andReturn().getResponse().getContentAsString();
        JsonObject dataset = expand(response);

        assertThat(dataset.getJsonArray("@type").getString(0)).isEqualTo(DCAT + "Dataset");
        assertThat(iri(dataset, DCT + "accessRights")).isEqualTo("http://publications.europa.eu/resource/authority/access-right/PUBLIC");
        assertThat(iri(dataset, DCT + "accrualPeriodicity")).isEqualTo("http://publications.europa.eu/resource/authority/frequency/DAILY");
        assertThat(dataset.getJsonArray(DCT + "title").getJsonObject(0).getString("@value")).isEqualTo("企业登记信息");
        assertThat(dataset.getJsonArray(DCT + "title").getJsonObject(0).getString("@language")).isEqualTo("zh");
        JsonArray distributions = dataset.getJsonArray(DCAT + "distribution");
        assertThat(distributions).hasSize(3);
        List<String> mediaTypes = distributions.stream().map(JsonValue::asJsonObject)
                .filter(d -> d.containsKey(DCAT + "mediaType")).map(d -> iri(d, DCAT + "mediaType")).toList();
        assertThat(mediaTypes).containsExactlyInAnyOrder("http://www.iana.org/assignments/media-types/text/csv",
                "http://www.iana.org/assignments/media-types/application/json");
        assertThat(dataset.getJsonArray(DCT + "publisher").getJsonObject(0).getJsonArray("http://xmlns.com/foaf/0.1/name")
                .getJsonObject(0).getString("@value")).isEqualTo("市场监督管理局");
    }

    @Test
    void conditionalOpeningIsRestrictedAndTheCatalogIsPagedWithHydraLinks() throws Exception {
        String restricted = publish("企业年报信息", "CONDITIONAL",
                ",\"openConditions\":\"仅限科研用途\",\"openLegalBasis\":\"《企业信息公示暂行条例》\"");
        publish("企业变更信息", "UNCONDITIONAL", "");

        JsonObject dataset = expand(mvc.perform(get("/api/catalog/entries/" + restricted + "/dcat").with(READER))
                .andReturn().getResponse().getContentAsString());
        assertThat(iri(dataset, DCT + "accessRights")).endsWith("/RESTRICTED");

        String page = mvc.perform(get("/api/catalog/dcat?size=1&page=0").with(READER)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        JsonObject catalog = expand(page);
        assertThat(catalog.getJsonArray("@type").getString(0)).isEqualTo(DCAT + "Catalog");
        assertThat(catalog.getJsonArray(DCAT + "dataset")).hasSize(1);
        JsonObject view = catalog.getJsonArray("http://www.w3.org/ns/hydra/core#view").getJsonObject(0);
        assertThat(view.containsKey("http://www.w3.org/ns/hydra/core#next")).isTrue();
    }

    @Test
    void aDraftHasNoDcatDocument() throws Exception {
        mvc.perform(post("/api/catalog/departments").with(BUREAU).contentType(MediaType.APPLICATION_JSON).content("""
                {"code":"%s","name":"市场监督管理局","level":"CITY","region":"320100","dataOfficer":{"realName":"李娜","phone":"025-68789000"}}""".formatted(DEPT)));
        String body = """
                {"name":"草稿","summary":"s","category":"THEMATIC","classCode":"02","itemCode":"001","providerDepartment":"%s",
                 "sourceSystem":"x","formats":["CSV"],"form":"STRUCTURED","dataItems":[{"name":"a","type":"STRING"}],
                 "shareType":"UNCONDITIONAL","shareMethods":["API"],"openType":"UNCONDITIONAL","updateFrequency":"DAILY",
                 "region":"320100","grade":"GENERAL"}""".formatted(DEPT);
        String id = json.readTree(mvc.perform(post("/api/catalog/entries").with(OFFICER).contentType(MediaType.APPLICATION_JSON).content(body))
                .andReturn().getResponse().getContentAsString()).get("id").asString();
        mvc.perform(get("/api/catalog/entries/" + id + "/dcat").with(READER)).andExpect(status().isNotFound());
    }

    @Test
    void aCountySeesOnlyItsOwnRegionsAndTheCityWideEntriesInTheDcatCatalog() throws Exception {
        String cityWide = publish("企业注销信息", "UNCONDITIONAL", "");
        var jiangning = TestTokens.system("county-jiangning", "JN-BDB", "320115", "county-subplatform");
        var elsewhere = TestTokens.system("county-other", "ZZ-BDB", "330100", "county-subplatform");

        String forJiangning = mvc.perform(get("/api/catalog/dcat?size=1000").with(jiangning)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        String forElsewhere = mvc.perform(get("/api/catalog/dcat?size=1000").with(elsewhere)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(forJiangning).contains(cityWide);
        assertThat(forElsewhere).doesNotContain(cityWide);
        assertThat(json.readTree(forElsewhere).path("dcat:dataset")).isEmpty();
    }
}
