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
        assertThat(csvBody).startsWith("#_citation,数据来源：");
        assertThat(csvBody).contains("姓名,身份证号,手机号,住址,许可事项").contains("张**,320*************34,138****5678,南京市玄武区****,食品经营许可")
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
                        .content("{\"rules\":{\"手机号\":\"DROP\"}}"))
                .andExpect(status().isOk());
        String upload = """
                [{"名称":"新街口停车场","泊位":320,"手机号":"13800001111"},{"名称":"鼓楼停车场","泊位":88,"手机号":"13800002222"}]""";
        assertThat(OpenDataFixtures.upload(mvc, id, "TRA", "parking.json", upload).getResponse().getStatus()).isEqualTo(201);
        assertThat(OpenDataFixtures.upload(mvc, id, "TRA", "parking.json", upload).getResponse().getStatus()).isEqualTo(201);

        mvc.perform(get("/api/open-data/public/datasets/" + id + "/records"))
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.fields.length()").value(2))
                .andExpect(jsonPath("$.items[1].泊位").value("88"));
        String body = OpenDataFixtures.streamed(mvc, get("/api/open-data/public/datasets/" + id + "/download").param("format", "json"))
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(body).doesNotContain("13800001111").contains("新街口停车场");

        // Withdrawn from the catalog: no longer listed nor downloadable.
        OpenDataFixtures.withdrawFromCatalog(brokers, json, id, "TRA");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/open-data/public/datasets/" + id + "/download")).andExpect(status().isNotFound()));
        mvc.perform(get("/api/open-data/public/datasets/" + id)).andExpect(status().isNotFound());
    }
}
