package cn.govdata.opendata.dispute;

import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.ObjectionEventTypes;
import cn.govdata.events.Topics;
import cn.govdata.events.objection.ObjectionEvents;
import cn.govdata.opendata.OpenDataFixtures;
import cn.govdata.opendata.dataset.Downloads;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.PlatformIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.govdata.opendata.OpenDataFixtures.entry;
import static cn.govdata.opendata.OpenDataFixtures.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
class DisputedDatasetFlagTest {

    /** An unmasked key: the case names it, so the record it belongs to can be flagged. */
    private static final String LICENCE_NO = "JY32010200001";
    /** A masked key: it can never match a stored value, yet the dataset still shows the case. */
    private static final String ID_NUMBER = "320104198505052345";
    private static final String CSV = """
            许可证编号,姓名,身份证号,许可事项
            JY32010200001,张三丰,320102199001011234,食品经营许可
            JY32010200002,李四,320104198505052345,药品经营许可
            """;

    @Autowired
    cn.govdata.privacy.Pseudonyms pseudonyms;
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
    void openCasesFlagTheMatchingRecordOnlyAndTheDatasetWithoutEverShowingTheRecordKeyUntilTheyAreResolved() throws Exception {
        String brokers = embeddedKafka.getBrokersAsString();
        String id = uniqueId("DSP");
        OpenDataFixtures.publishToCatalog(brokers, json, entry(id, "食品经营许可信息", "AMR", "UNCONDITIONAL", null, false));
        OpenDataFixtures.awaitListed(mvc, id);
        OpenDataFixtures.maskPersonalFields(mvc, id, "AMR");
        assertThat(OpenDataFixtures.upload(mvc, id, "AMR", "licences.csv", CSV).getResponse().getStatus()).isEqualTo(201);
        mvc.perform(get("/api/open-data/public/datasets/" + id)).andExpect(jsonPath("$.disputed").value(false))
                .andExpect(jsonPath("$.disputedRecords").value(0)).andExpect(jsonPath("$.disputedFields").isEmpty());

        String licenceCase = "OBJ-" + UUID.randomUUID();
        String idNumberCase = "OBJ-" + UUID.randomUUID();
        String licenceDisputed = disputed(licenceCase, id, LICENCE_NO, List.of("许可事项"));
        String firstDelivery = UUID.randomUUID().toString();
        send(licenceCase, licenceDisputed, ObjectionEventTypes.DATA_DISPUTED.type(), firstDelivery);
        send(licenceCase, licenceDisputed, ObjectionEventTypes.DATA_DISPUTED.type(), firstDelivery); // redelivered
        send(licenceCase, licenceDisputed, ObjectionEventTypes.DATA_DISPUTED.type(), UUID.randomUUID().toString()); // re-published
        send(idNumberCase, disputed(idNumberCase, id, ID_NUMBER, List.of("身份证号")), ObjectionEventTypes.DATA_DISPUTED.type(),
                UUID.randomUUID().toString());

        // One partition: once the last case shows, every copy before it has been consumed.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/open-data/public/datasets/" + id)).andExpect(status().isOk())
                        .andExpect(jsonPath("$.disputed").value(true))
                        .andExpect(jsonPath("$.disputedRecords").value(2))
                        .andExpect(jsonPath("$.disputedFields").value(containsInAnyOrder("身份证号", "许可事项"))));
        assertThat(mongo.count(Query.query(Criteria.where("resourceId").is(id)), DisputedRecord.COLLECTION)).isEqualTo(2);
        String metadata = mvc.perform(get("/api/open-data/public/datasets/" + id)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(metadata).doesNotContain(LICENCE_NO).doesNotContain(ID_NUMBER);
        mvc.perform(get("/api/open-data/public/datasets").param("q", id))
                .andExpect(jsonPath("$.items[?(@.entryId == '" + id + "')].disputedRecords").value(contains(2)));

        // The records API and the JSON download flag the licence's record, not the other one (its key is masked).
        mvc.perform(get("/api/open-data/public/datasets/" + id + "/records"))
                .andExpect(jsonPath("$.items[0].许可证编号").value(LICENCE_NO))
                .andExpect(jsonPath("$.items[0]._disputed").value(true))
                .andExpect(jsonPath("$.items[0]._disputedFields").value(contains("许可事项")))
                .andExpect(jsonPath("$.items[1]._disputed").doesNotExist())
                .andExpect(jsonPath("$.items[1]._disputedFields").doesNotExist());
        MockHttpServletResponse jsonDownload = OpenDataFixtures.streamed(mvc,
                get("/api/open-data/public/datasets/" + id + "/download").param("format", "json")).getResponse();
        assertThat(jsonDownload.getHeader(Downloads.DATA_DISPUTED)).isEqualTo("true");
        JsonNode records = json.readTree(jsonDownload.getContentAsString(StandardCharsets.UTF_8)).get("records");
        assertThat(records.get(0).get("_disputed").asBoolean()).isTrue();
        assertThat(records.get(0).get("_disputedFields").get(0).asString()).isEqualTo("许可事项");
        assertThat(records.get(1).has("_disputed")).isFalse();

        // CSV keeps its shape; the flag is in the header.
        MockHttpServletResponse csv = OpenDataFixtures.streamed(mvc, get("/api/open-data/public/datasets/" + id + "/download"))
                .getResponse();
        assertThat(csv.getHeader(Downloads.DATA_DISPUTED)).isEqualTo("true");
        assertThat(csv.getContentAsString(StandardCharsets.UTF_8)).contains("\r\n许可证编号,姓名,身份证号,许可事项\r\n")
                .doesNotContain("_disputed");

        assertThat(mvc.perform(get("/api/open-data/public/portal/datasets/" + id)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("部分数据存在异议，正在核实处理中（2 条记录）");

        send(licenceCase, resolved(licenceCase, id, LICENCE_NO), ObjectionEventTypes.DISPUTE_RESOLVED.type(),
                UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/open-data/public/datasets/" + id))
                        .andExpect(jsonPath("$.disputed").value(true))
                        .andExpect(jsonPath("$.disputedRecords").value(1))
                        .andExpect(jsonPath("$.disputedFields").value(contains("身份证号"))));
        mvc.perform(get("/api/open-data/public/datasets/" + id + "/records"))
                .andExpect(jsonPath("$.items[0]._disputed").doesNotExist());

        // A late copy of the opening never reopens a resolved case.
        send(licenceCase, licenceDisputed, ObjectionEventTypes.DATA_DISPUTED.type(), UUID.randomUUID().toString());
        send(idNumberCase, resolved(idNumberCase, id, ID_NUMBER), ObjectionEventTypes.DISPUTE_RESOLVED.type(),
                UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/open-data/public/datasets/" + id))
                        .andExpect(jsonPath("$.disputed").value(false))
                        .andExpect(jsonPath("$.disputedRecords").value(0))
                        .andExpect(jsonPath("$.disputedFields").isEmpty()));
        MockHttpServletResponse after = OpenDataFixtures.streamed(mvc,
                get("/api/open-data/public/datasets/" + id + "/download").param("format", "json")).getResponse();
        assertThat(after.getHeader(Downloads.DATA_DISPUTED)).isNull();
        assertThat(after.getContentAsString(StandardCharsets.UTF_8)).doesNotContain("_disputed");
        assertThat(mvc.perform(get("/api/open-data/public/portal/datasets/" + id)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).doesNotContain("部分数据存在异议");
    }

    private String disputed(String caseId, String resourceId, String recordKey, List<String> fields) {
        return json.writeValueAsString(new ObjectionEvents.DataDisputed(caseId, resourceId, "AMR", pseudonyms.of(resourceId, recordKey), fields, "ERROR",
                Instant.parse("2026-11-20T02:00:00Z")));
    }

    private String resolved(String caseId, String resourceId, String recordKey) {
        return json.writeValueAsString(new ObjectionEvents.DisputeResolved(caseId, resourceId, "AMR", pseudonyms.of(resourceId, recordKey), "CORRECTED",
                Instant.parse("2026-11-25T02:00:00Z")));
    }

    private void send(String caseId, String payload, String type, String eventId) {
        KafkaProbe.send(embeddedKafka.getBrokersAsString(), Topics.OBJECTION, caseId, payload, Map.of(
                CloudEventHeaders.ID, eventId, CloudEventHeaders.TYPE, type,
                CloudEventHeaders.SOURCE, "/govdata/objection-service", CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.TIME, "2026-11-20T02:00:00Z", CloudEventHeaders.SUBJECT, caseId));
    }
}
