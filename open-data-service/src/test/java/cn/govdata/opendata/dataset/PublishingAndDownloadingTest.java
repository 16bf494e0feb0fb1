package cn.govdata.opendata.dataset;

import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.OpenDataEventTypes;
import cn.govdata.events.SchemaAssertions;
import cn.govdata.events.Topics;
import cn.govdata.opendata.OpenDataFixtures;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.PlatformIntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.json.JsonMapper;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static cn.govdata.opendata.OpenDataFixtures.entry;
import static cn.govdata.opendata.OpenDataFixtures.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
class PublishingAndDownloadingTest {

    private static final List<String> ORIGINALS = List.of("张三丰", "320102199001011234", "13812345678", "中山路100号",
            "320104198505052345", "13987654321", "中华路1号", "李四");

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    MongoTemplate mongo;
    // This context's own broker: the JVM-wide spring.embedded.kafka.brokers names whichever started last.
    @Autowired
    org.springframework.kafka.test.EmbeddedKafkaBroker embeddedKafka;

    @Test
    void maskedValuesNeverAppearInAnyDownloadAndDownloadsCarryAttributionAndAreCounted() throws Exception {
        String brokers = embeddedKafka.getBrokersAsString();
        String id = uniqueId("LIC");
        OpenDataFixtures.publishToCatalog(brokers, json, entry(id, "食品经营许可信息", "AMR", "UNCONDITIONAL", null, false));
        OpenDataFixtures.awaitListed(mvc, id);

        // Personal items without masking rules are refused: nothing unmasked is ever stored.
        MvcResult refused = OpenDataFixtures.upload(mvc, id, "AMR", "licences.csv", OpenDataFixtures.PERSONAL_CSV);
        assertThat(refused.getResponse().getStatus()).isEqualTo(422);
        assertThat(refused.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("身份证号");
        // Another department may not publish it.
        assertThat(OpenDataFixtures.upload(mvc, id, "PSB", "licences.csv", OpenDataFixtures.PERSONAL_CSV)
                .getResponse().getStatus()).isEqualTo(403);

        OpenDataFixtures.maskPersonalFields(mvc, id, "AMR");
        MvcResult published = OpenDataFixtures.upload(mvc, id, "AMR", "licences.csv", OpenDataFixtures.PERSONAL_CSV);
        assertThat(published.getResponse().getStatus()).isEqualTo(201);
        assertThat(json.readTree(published.getResponse().getContentAsString(StandardCharsets.UTF_8)).get("recordCount").asInt())
                .isEqualTo(2);

        MvcResult csv = OpenDataFixtures.streamed(mvc, get("/api/open-data/public/datasets/" + id + "/download"));
        String csvBody = csv.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csvBody).startsWith("\uFEFF#_citation,数据来源：");
        assertThat(csvBody).contains("姓名,身份证号,手机号,住址,许可事项").contains("张**,320102***********4,138****5678,南京市玄武区****,食品经营许可")
                .contains("\"药品经营许可,零售\"");
        assertThat(csv.getResponse().getHeader(Downloads.DATA_SOURCE_CODE)).isEqualTo("AMR");
        assertThat(csv.getResponse().getHeader(Downloads.ACQUIRED_AT)).isNotBlank();
        assertThat(URLDecoder.decode(csv.getResponse().getHeader(Downloads.CITATION), StandardCharsets.UTF_8))
                .contains("食品经营许可信息").contains("获取日期");

        MvcResult jsonDownload = OpenDataFixtures.streamed(mvc, get("/api/open-data/public/datasets/" + id + "/download")
                .param("format", "json"));
        String jsonBody = jsonDownload.getResponse().getContentAsString(StandardCharsets.UTF_8);
        var tree = json.readTree(jsonBody);
        assertThat(tree.get("_citation").asString()).contains("食品经营许可信息");
        assertThat(tree.get("records")).hasSize(2);
        assertThat(tree.get("records").get(0).get("手机号").asString()).isEqualTo("138****5678");

        String records = mvc.perform(get("/api/open-data/public/datasets/" + id + "/records").param("size", "1"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.totalItems").value(2)).andExpect(jsonPath("$.totalPages").value(2))
                .andExpect(jsonPath("$.items[0].姓名").value("张**"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        for (String original : ORIGINALS) {
            assertThat(csvBody).doesNotContain(original);
            assertThat(jsonBody).doesNotContain(original);
            assertThat(records).doesNotContain(original);
        }
        // Nor is anything unmasked stored as published.
        for (Document row : mongo.findAll(Document.class, DatasetRecords.COLLECTION)) {
            ORIGINALS.forEach(original -> assertThat(row.toJson()).doesNotContain(original));
        }
        mvc.perform(get("/api/open-data/public/datasets/" + id)).andExpect(jsonPath("$.downloads").value(2))
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.links.csv").value("/api/open-data/public/datasets/" + id + "/download?format=csv"));

        var event = KafkaProbe.awaitRecord(brokers, Topics.OPEN_DATA, Duration.ofSeconds(20), r -> r.key().equals(id));
        assertThat(KafkaProbe.header(event, CloudEventHeaders.TYPE)).contains(OpenDataEventTypes.DATASET_VERSION_PUBLISHED.type());
        SchemaAssertions.assertConforms(OpenDataEventTypes.DATASET_VERSION_PUBLISHED, event.value());
        assertThat(event.value()).doesNotContain("13812345678");
    }

    @Test
    void aJsonUploadPublishesTheNextVersionAndDropsFieldsMarkedDrop() throws Exception {
        String brokers = embeddedKafka.getBrokersAsString();
        String id = uniqueId("JSN");
        OpenDataFixtures.publishToCatalog(brokers, json, entry(id, "停车场信息", "TRA", "UNCONDITIONAL", null, false));
        OpenDataFixtures.awaitListed(mvc, id);
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/open-data/datasets/" + id + "/masking")
                        .with(OpenDataFixtures.officer("TRA")).contentType("application/json")
                        .content("{\"rules\":{\"手机号\":\"DROP\",\"住址\":\"ADDRESS\"}}"))
                .andExpect(status().isOk());
        String upload = """
                [{"许可事项":"新街口停车场","住址":"南京市鼓楼区中山路1号","手机号":"13800001111"},{"许可事项":"鼓楼停车场","住址":"南京市鼓楼区88号","手机号":"13800002222"}]""";
        assertThat(OpenDataFixtures.upload(mvc, id, "TRA", "parking.json", upload).getResponse().getStatus()).isEqualTo(201);
        assertThat(OpenDataFixtures.upload(mvc, id, "TRA", "parking.json", upload).getResponse().getStatus()).isEqualTo(201);

        mvc.perform(get("/api/open-data/public/datasets/" + id + "/records"))
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.fields.length()").value(2))
                .andExpect(jsonPath("$.items[1].住址").value("南京市鼓楼区****"));
        String body = OpenDataFixtures.streamed(mvc, get("/api/open-data/public/datasets/" + id + "/download").param("format", "json"))
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(body).doesNotContain("13800001111").contains("新街口停车场");

        // Withdrawn from the catalog: no longer listed nor downloadable.
        OpenDataFixtures.withdrawFromCatalog(brokers, json, id, "TRA");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/open-data/public/datasets/" + id + "/download")).andExpect(status().isNotFound()));
        mvc.perform(get("/api/open-data/public/datasets/" + id)).andExpect(status().isNotFound());
    }

    @Test
    void aZeroWidthOrFullWidthHeaderIsMatchedToItsCatalogItemAndMaskedByItsRule() throws Exception {
        String id = uniqueId("ZWS");
        OpenDataFixtures.publishToCatalog(embeddedKafka.getBrokersAsString(), json, entry(id, "许可信息", "AMR", "UNCONDITIONAL", null, false));
        OpenDataFixtures.awaitListed(mvc, id);
        OpenDataFixtures.maskPersonalFields(mvc, id, "AMR");
        String upload = "\uFEFF姓名\u200B,　身份证号 ,许可事项\n张三丰,320102199001011232,食品经营许可\n";
        MvcResult published = OpenDataFixtures.upload(mvc, id, "AMR", "z.csv", upload);
        assertThat(published.getResponse().getStatus()).as(published.getResponse().getContentAsString()).isEqualTo(201);
        mvc.perform(get("/api/open-data/public/datasets/" + id + "/records"))
                .andExpect(jsonPath("$.fields[0]").value("姓名"))
                .andExpect(jsonPath("$.items[0].姓名").value("张**"))
                .andExpect(jsonPath("$.items[0].身份证号").value("320102***********2"));
    }

    @Test
    void aColumnThatIsNoCatalogItemIsRefusedByNameAndNothingIsPublished() throws Exception {
        String id = uniqueId("UNK");
        OpenDataFixtures.publishToCatalog(embeddedKafka.getBrokersAsString(), json, entry(id, "许可信息", "AMR", "UNCONDITIONAL", null, false));
        OpenDataFixtures.awaitListed(mvc, id);
        MvcResult refused = OpenDataFixtures.upload(mvc, id, "AMR", "u.csv", "许可事项,备注\u200B\n食品经营许可,张三丰\n");
        assertThat(refused.getResponse().getStatus()).isEqualTo(422);
        var problem = json.readTree(refused.getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(problem.get("type").asString()).endsWith("unknown-column");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("备注");
        mvc.perform(get("/api/open-data/public/datasets/" + id + "/records")).andExpect(status().isNotFound());
    }

    @Test
    void anIdNumberOrMobileNumberInAColumnWithoutMaskingStopsThePublicationNamingColumnAndRow() throws Exception {
        String id = uniqueId("IDV");
        OpenDataFixtures.publishToCatalog(embeddedKafka.getBrokersAsString(), json, entry(id, "许可信息", "AMR", "UNCONDITIONAL", null, false));
        OpenDataFixtures.awaitListed(mvc, id);
        StringBuilder upload = new StringBuilder("许可事项\n");
        for (int i = 0; i < 600; i++) {
            upload.append("食品经营许可").append(i).append('\n');
        }
        upload.append("持证人320102199001011232\n");
        MvcResult refused = OpenDataFixtures.upload(mvc, id, "AMR", "i.csv", upload.toString());
        assertThat(refused.getResponse().getStatus()).isEqualTo(422);
        var problem = json.readTree(refused.getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(problem.get("column").asString()).isEqualTo("许可事项");
        assertThat(problem.get("row").asInt()).isEqualTo(601);
        assertThat(problem.get("kind").asString()).isEqualTo("RESIDENT_ID_NUMBER");
        assertThat(problem.toString()).doesNotContain("320102199001011232");
        // The first 500 rows had already been written in a batch; they are gone again.
        assertThat(mongo.count(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("entryId").is(id)), DatasetRecords.COLLECTION)).isZero();
        mvc.perform(get("/api/open-data/public/datasets/" + id + "/records")).andExpect(status().isNotFound());

        MvcResult mobile = OpenDataFixtures.upload(mvc, id, "AMR", "m.csv", "许可事项\n请致电 13912345678\n");
        assertThat(mobile.getResponse().getStatus()).isEqualTo(422);
        assertThat(json.readTree(mobile.getResponse().getContentAsString(StandardCharsets.UTF_8)).get("kind").asString())
                .isEqualTo("MOBILE_NUMBER");
    }

    @Test
    void aCellThatWouldBeAFormulaDownloadsGuarded() throws Exception {
        String id = uniqueId("FRM");
        OpenDataFixtures.publishToCatalog(embeddedKafka.getBrokersAsString(), json, entry(id, "许可信息", "AMR", "UNCONDITIONAL", null, false));
        OpenDataFixtures.awaitListed(mvc, id);
        String upload = "许可事项\n\"=HYPERLINK(\"\"http://evil.example\"\",\"\"点我\"\")\"\n@SUM(A1)\n";
        assertThat(OpenDataFixtures.upload(mvc, id, "AMR", "f.csv", upload).getResponse().getStatus()).isEqualTo(201);
        String csv = OpenDataFixtures.streamed(mvc, get("/api/open-data/public/datasets/" + id + "/download"))
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).contains("\r\n\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点我\"\")\"\r\n'@SUM(A1)\r\n")
                .doesNotContain("\n=HYPERLINK").doesNotContain("\n@SUM");
    }
}
