package cn.govdata.catalog.sourcing;

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
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static cn.govdata.catalog.sourcing.CatalogFixtures.AUDITOR;
import static cn.govdata.catalog.sourcing.CatalogFixtures.BUREAU;
import static cn.govdata.catalog.sourcing.CatalogFixtures.OPERATOR;
import static cn.govdata.catalog.sourcing.CatalogFixtures.item;
import static cn.govdata.catalog.sourcing.CatalogFixtures.officer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
class OneDatumOneSourceTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    EmbeddedKafkaBroker kafka;

    CatalogFixtures catalog;

    @BeforeEach
    void fixtures() {
        catalog = new CatalogFixtures(mvc, json);
    }

    JsonNode getJson(String url, JwtRequestPostProcessor caller) throws Exception {
        return json.readTree(mvc.perform(get(url).with(caller)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
    }

    static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    /** The overlap groups that have occurrences in {@code departments}, with only those occurrences. */
    List<JsonNode> groupsAmong(String filterDepartment, List<String> departments) throws Exception {
        List<JsonNode> groups = new ArrayList<>();
        for (JsonNode group : list(getJson("/api/catalog/sources/overlaps?size=200&department=" + filterDepartment, BUREAU).get("items"))) {
            long ours = list(group.get("occurrences")).stream().map(o -> o.get("department").asString()).filter(departments::contains)
                    .distinct().count();
            if (ours >= 2) {
                groups.add(group);
            }
        }
        return groups;
    }

    @Test
    void theIdNumberOfPsbAndTheCitizenIdNumberOfHrssAreOneItemWhileUnrelatedItemsAreNotGrouped() throws Exception {
        catalog.department("OA-PSB");
        catalog.department("OA-HRSS");
        String psbEntry = catalog.published("OA-PSB", "户籍人口信息",
                List.of(item("身份证号", "STRING"), item("姓名", "STRING"), item("户籍地址", "STRING")));
        String hrssEntry = catalog.submitted("OA-HRSS", "社会保险参保信息",
                List.of(item("公民身份号码", "STRING"), item("名字", "STRING"), item("参保状态", "STRING")));
        // A draft has not been declared to the bureau: its items overlap nothing yet.
        catalog.draft("OA-HRSS", "参保人员户籍信息", List.of(item("户籍地址", "STRING")));

        List<JsonNode> groups = groupsAmong("OA-PSB", List.of("OA-PSB", "OA-HRSS"));

        assertThat(groups).extracting(g -> g.get("itemName").asString()).containsExactlyInAnyOrder("公民身份号码", "姓名");
        JsonNode idNumber = groups.stream().filter(g -> g.get("itemName").asString().equals("公民身份号码")).findFirst().orElseThrow();
        assertThat(list(idNumber.get("aliases"))).extracting(JsonNode::asString).contains("身份证号");
        assertThat(list(idNumber.get("occurrences")).stream()
                .filter(o -> o.get("department").asString().startsWith("OA-"))
                .map(o -> o.get("department").asString() + "/" + o.get("entryId").asString() + "/" + o.get("itemName").asString()
                        + "/" + o.get("type").asString()))
                .containsExactlyInAnyOrder("OA-HRSS/" + hrssEntry + "/公民身份号码/STRING", "OA-PSB/" + psbEntry + "/身份证号/STRING");
        assertThat(idNumber.get("designation").isNull()).isTrue();

        mvc.perform(get("/api/catalog/sources/overlaps").with(OPERATOR)).andExpect(status().isOk());
        mvc.perform(get("/api/catalog/sources/overlaps").with(AUDITOR)).andExpect(status().isOk());
        mvc.perform(get("/api/catalog/sources/overlaps").with(officer("OA-PSB"))).andExpect(status().isForbidden());
    }

    @Test
    void entriesOfDifferentDepartmentsOnTheSameSubjectAreListedAsSimilarResources() throws Exception {
        catalog.department("OB-NRB");
        catalog.department("OB-HOUSE");
        String nrb = catalog.published("OB-NRB", "不动产登记信息", List.of(item("不动产单元号", "STRING")));
        String house = catalog.submitted("OB-HOUSE", "不动产登记数据", List.of(item("房屋坐落", "STRING")));
        String unrelated = catalog.published("OB-HOUSE", "住房公积金缴存信息", List.of(item("缴存金额", "DECIMAL")));

        JsonNode page = getJson("/api/catalog/sources/similar-resources?department=OB-NRB", BUREAU);

        JsonNode group = list(page.get("items")).stream()
                .filter(g -> list(g.get("entries")).stream().anyMatch(e -> e.get("entryId").asString().equals(nrb)))
                .findFirst().orElseThrow();
        assertThat(list(group.get("entries"))).extracting(e -> e.get("entryId").asString()).contains(nrb, house).doesNotContain(unrelated);
        assertThat(list(group.get("links"))).anySatisfy(l -> assertThat(l.get("similarity").asDouble()).isEqualTo(1.0));
        assertThat(group.get("subject").asString()).isEqualTo("不动产登记");
    }

    @Test
    void theBureauDesignatesTheCollectingDepartmentAndTheOthersAreToldToReferenceIt() throws Exception {
        catalog.department("OC-AMR");
        catalog.department("OC-TAX");
        catalog.department("OC-PSB");
        String amrEntry = catalog.published("OC-AMR", "市场主体登记信息",
                List.of(item("统一社会信用代码", "STRING"), item("企业名称", "STRING")));
        String taxEntry = catalog.submitted("OC-TAX", "纳税人登记信息",
                List.of(item("社会信用代码", "STRING"), item("纳税人识别号", "STRING")));
        catalog.published("OC-PSB", "旅馆业治安管理信息", List.of(item("旅馆名称", "STRING")));
        String designate = """
                {"itemName":"信用代码","collectingDepartment":"%s","sourceEntryId":%s,
                 "reasons":"市场监管部门在登记时采集并核准统一社会信用代码（南京条例第十七条）"}""";

        mvc.perform(post("/api/catalog/sources/designations").with(officer("OC-TAX")).contentType(MediaType.APPLICATION_JSON)
                        .content(designate.formatted("OC-TAX", "null")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/catalog/sources/designations").with(TestTokens.user("tax-consumer", "OC-TAX", "320100", "dept-consumer"))
                        .contentType(MediaType.APPLICATION_JSON).content(designate.formatted("OC-TAX", "null")))
                .andExpect(status().isForbidden());
        // Refused before the body is validated: an empty designation from an officer is 403, not a 400 saying what is missing.
        mvc.perform(post("/api/catalog/sources/designations").with(officer("OC-TAX")).contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/catalog/sources/designations/SD-ANY").with(officer("OC-TAX")).contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/catalog/sources/designations").with(BUREAU).contentType(MediaType.APPLICATION_JSON)
                        .content(designate.formatted("OC-PSB", "null")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("collectingDepartment"))
                .andExpect(jsonPath("$.errors[0].message", containsString("OC-TAX")));
        mvc.perform(post("/api/catalog/sources/designations").with(BUREAU).contentType(MediaType.APPLICATION_JSON)
                        .content(designate.formatted("OC-AMR", "\"" + taxEntry + "\"")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("sourceEntryId"));

        String created = mvc.perform(post("/api/catalog/sources/designations").with(BUREAU).contentType(MediaType.APPLICATION_JSON)
                        .content(designate.formatted("OC-AMR", "\"" + amrEntry + "\"")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.itemName").value("统一社会信用代码"))
                .andExpect(jsonPath("$.collectingDepartment").value("OC-AMR"))
                .andExpect(jsonPath("$.referencingDepartments", hasItem("OC-TAX")))
                .andReturn().getResponse().getContentAsString();
        String id = json.readTree(created).get("id").asString();

        var record = KafkaProbe.awaitRecord(kafka.getBrokersAsString(), Topics.CATALOG, Duration.ofSeconds(20), r -> id.equals(r.key())
                && KafkaProbe.header(r, CloudEventHeaders.TYPE).orElse("").equals(EventTypes.SOURCE_DESIGNATED.type()));
        SchemaAssertions.assertConforms(EventTypes.SOURCE_DESIGNATED, record.value());
        JsonNode event = json.readTree(record.value());
        assertThat(event.get("collectingDepartment").asString()).isEqualTo("OC-AMR");
        assertThat(event.get("sourceEntryId").asString()).isEqualTo(amrEntry);
        assertThat(list(event.get("referencingDepartments"))).extracting(JsonNode::asString).contains("OC-TAX")
                .doesNotContain("OC-AMR", "OC-PSB");
        assertThat(list(event.get("aliases"))).extracting(JsonNode::asString).contains("社会信用代码");
        assertThat(KafkaProbe.header(record, CloudEventHeaders.DEPARTMENT)).contains("OC-AMR");

        mvc.perform(post("/api/catalog/sources/designations").with(BUREAU).contentType(MediaType.APPLICATION_JSON)
                        .content(designate.formatted("OC-TAX", "null")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type", containsString("already-designated")));

        JsonNode creditCode = groupsAmong("OC-TAX", List.of("OC-AMR", "OC-TAX")).stream()
                .filter(g -> g.get("itemName").asString().equals("统一社会信用代码")).findFirst().orElseThrow();
        assertThat(creditCode.get("designation").get("collectingDepartment").asString()).isEqualTo("OC-AMR");

        mvc.perform(get("/api/catalog/sources/my-references").with(officer("OC-TAX")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.references[?(@.designationId == '%s')].collectingDepartment".formatted(id)).value(hasItem("OC-AMR")))
                .andExpect(jsonPath("$.references[?(@.designationId == '%s')].sourceEntries[0]".formatted(id)).value(hasItem(amrEntry)))
                .andExpect(jsonPath("$.references[?(@.designationId == '%s')].heldIn[0].entryId".formatted(id)).value(hasItem(taxEntry)));
        mvc.perform(get("/api/catalog/sources/my-references").with(officer("OC-AMR")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.collecting[?(@.designationId == '%s')].referencingDepartments[*]".formatted(id)).value(hasItem("OC-TAX")));
        mvc.perform(get("/api/catalog/sources/my-references?department=OC-AMR").with(officer("OC-TAX")))
                .andExpect(status().isForbidden());

        // Re-designation is explicit, needs reasons, and keeps the earlier decision.
        mvc.perform(put("/api/catalog/sources/designations/" + id).with(BUREAU).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"collectingDepartment\":\"OC-TAX\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reasons"));
        mvc.perform(put("/api/catalog/sources/designations/" + id).with(BUREAU).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"collectingDepartment\":\"OC-TAX\",\"reasons\":\"税务部门的数据更新更及时\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.collectingDepartment").value("OC-TAX"))
                .andExpect(jsonPath("$.history[0].collectingDepartment").value("OC-AMR"))
                .andExpect(jsonPath("$.referencingDepartments", hasItem("OC-AMR")));
        KafkaProbe.awaitRecord(kafka.getBrokersAsString(), Topics.CATALOG, Duration.ofSeconds(20), r -> id.equals(r.key())
                && r.value().contains("\"collectingDepartment\":\"OC-TAX\""));
        mvc.perform(get("/api/catalog/sources/designations?collectingDepartment=OC-TAX").with(officer("OC-PSB")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].id", hasItem(id)));
    }
}
