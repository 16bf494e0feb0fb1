package cn.govdata.objection;

import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.ObjectionEventTypes;
import cn.govdata.events.SchemaAssertions;
import cn.govdata.events.Topics;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.PlatformIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static cn.govdata.objection.ObjectionFixtures.AUDITOR;
import static cn.govdata.objection.ObjectionFixtures.BUREAU;
import static cn.govdata.objection.ObjectionFixtures.OPERATOR;
import static cn.govdata.objection.ObjectionFixtures.approver;
import static cn.govdata.objection.ObjectionFixtures.citizen;
import static cn.govdata.objection.ObjectionFixtures.consumer;
import static cn.govdata.objection.ObjectionFixtures.objection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
@TestPropertySource(properties = "govdata.time.adjustable=true")
class ObjectionLifecycleTest {

    static final byte[] PDF = "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    cn.govdata.privacy.Pseudonyms pseudonyms;
    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    // The broker of this test's own context: the JVM-wide spring.embedded.kafka.brokers property
    // names whichever embedded broker started last, which may belong to another cached context.
    @Autowired
    EmbeddedKafkaBroker embeddedKafka;

    ObjectionFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new ObjectionFixtures(mvc, json, embeddedKafka.getBrokersAsString());
    }

    @Test
    void aCitizensObjectionIsMarkedDisputedAtOnceTransferredCorrectedAtSourceAndFollowedByItsTrackingNumberOnly() throws Exception {
        String resource = fixtures.published("PSB", "户籍人口基本信息", List.of("姓名", "住址", "联系电话"));
        var part = new MockMultipartFile("objection", "", MediaType.APPLICATION_JSON_VALUE,
                objection(resource, "HJ-320102-000123", "张三", "13812345678").getBytes(StandardCharsets.UTF_8));
        var evidence = new MockMultipartFile("evidence", "户口簿.pdf", "application/pdf", PDF);

        JsonNode filed = json.readTree(mvc.perform(multipart("/api/objections/cases").file(part).file(evidence)
                        .with(citizen("zhangsan")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.trackingNumber").value(org.hamcrest.Matchers.matchesPattern("YY-\\d{4}-\\d{6}")))
                .andExpect(jsonPath("$.state").value("DISPUTED"))
                .andExpect(jsonPath("$.markedAt").isNotEmpty())
                .andExpect(jsonPath("$.evidence[0].filename").value("户口簿.pdf"))
                .andExpect(jsonPath("$.objector").doesNotExist())
                .andReturn().getResponse().getContentAsString());
        String tn = filed.get("trackingNumber").asString();

        // Marked on receipt: the DataDisputed event is out at once, and says nothing about who objected.
        var disputed = fixtures.awaitEvent(Topics.OBJECTION, tn, ObjectionEventTypes.DATA_DISPUTED);
        SchemaAssertions.assertConforms(ObjectionEventTypes.DATA_DISPUTED, disputed.value());
        // The record key travels only as its keyed pseudonym, the same one sharing and open data compute.
        assertThat(json.readTree(disputed.value()).get("recordPseudonym").asString())
                .isEqualTo(pseudonyms.of(resource, "HJ-320102-000123"));
        assertThat(disputed.value()).doesNotContain("HJ-320102-000123");
        assertThat(disputed.key()).isEqualTo(tn);
        assertThat(json.readTree(disputed.value()).get("providerDepartment").asString()).isEqualTo("PSB");
        assertThat(KafkaProbe.header(disputed, CloudEventHeaders.DEPARTMENT)).contains("PSB");
        var received = fixtures.awaitEvent(Topics.OBJECTION, tn, ObjectionEventTypes.OBJECTION_RECEIVED);
        SchemaAssertions.assertConforms(ObjectionEventTypes.OBJECTION_RECEIVED, received.value());
        assertThat(json.readTree(received.value()).get("objectorMasked").asString()).isEqualTo("张*");

        // The operator sees who objected; the provider only once the case is transferred to it.
        mvc.perform(get("/api/objections/cases/" + tn).with(OPERATOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.objector.name").value("张三"))
                .andExpect(jsonPath("$.objector.phone").value("13812345678"))
                .andExpect(jsonPath("$.deadlines[?(@.step=='mark')].state").value("DONE"))
                .andExpect(jsonPath("$.deadlines[?(@.step=='transfer')].citation").value("NJ 35"));
        mvc.perform(get("/api/objections/cases/" + tn).with(approver("PSB"))).andExpect(status().isForbidden());

        mvc.perform(post("/api/objections/cases/" + tn + "/route").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"route\":\"DEPARTMENT\",\"note\":\"户籍数据由市公安局负责\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("TRANSFERRED"))
                .andExpect(jsonPath("$.routing.department").value("PSB"))
                .andExpect(jsonPath("$.deadlines[?(@.step=='transfer')].onTime").value(true))
                .andExpect(jsonPath("$.deadlines[?(@.step=='source-decision')].state").value("OPEN"));
        mvc.perform(get("/api/objections/cases/" + tn).with(approver("PSB")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.objector.name").value("张三"))
                .andExpect(jsonPath("$.notes[0].text").value("户籍数据由市公安局负责"));
        mvc.perform(get("/api/objections/cases/" + tn).with(approver("HRSS"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/objections/cases?department=PSB").with(approver("PSB")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value(tn))
                .andExpect(jsonPath("$.items[0].objector").value("张*"));
        mvc.perform(get("/api/objections/cases/" + tn + "/evidence/" + filed.get("evidence").get(0).get("id").asString())
                        .with(approver("PSB")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(content().bytes(PDF));

        mvc.perform(post("/api/objections/cases/" + tn + "/decision").with(approver("PSB")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"decision\":\"CORRECT\",\"reasons\":\"经核对户籍档案，住址登记有误\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("CORRECTING"))
                .andExpect(jsonPath("$.deadlines[?(@.step=='fix')].state").value("OPEN"));
        var decided = fixtures.awaitEvent(Topics.OBJECTION, tn, ObjectionEventTypes.OBJECTION_DECIDED);
        SchemaAssertions.assertConforms(ObjectionEventTypes.OBJECTION_DECIDED, decided.value());

        mvc.perform(post("/api/objections/cases/" + tn + "/correction").with(approver("PSB")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"correctedFields\":[\"住址\"],\"note\":\"已在户籍系统更正并重新汇聚\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("CLOSED"))
                .andExpect(jsonPath("$.outcome").value("CORRECTED"));

        var corrected = fixtures.awaitEvent(Topics.OBJECTION, tn, ObjectionEventTypes.DATA_CORRECTED);
        SchemaAssertions.assertConforms(ObjectionEventTypes.DATA_CORRECTED, corrected.value());
        assertThat(json.readTree(corrected.value()).get("correctedFields").get(0).asString()).isEqualTo("住址");
        var resolved = fixtures.awaitEvent(Topics.OBJECTION, tn, ObjectionEventTypes.DISPUTE_RESOLVED);
        SchemaAssertions.assertConforms(ObjectionEventTypes.DISPUTE_RESOLVED, resolved.value());
        assertThat(json.readTree(resolved.value()).get("outcome").asString()).isEqualTo("CORRECTED");
        var informed = fixtures.awaitEvent(Topics.OBJECTION, tn, ObjectionEventTypes.OBJECTOR_INFORMED);
        SchemaAssertions.assertConforms(ObjectionEventTypes.OBJECTOR_INFORMED, informed.value());

        // Nothing this case put on Kafka names the objector or how to reach them.
        for (ConsumerRecord<String, String> record : recordsOf(tn)) {
            assertThat(record.value()).doesNotContain("张三", "13812345678", "someone@example.cn", "zhangsan");
        }

        mvc.perform(get("/api/objections/track/" + tn).with(citizen("zhangsan")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("CLOSED"))
                .andExpect(jsonPath("$.status").value("已更正，已办结"))
                .andExpect(jsonPath("$.outcome").value("CORRECTED"))
                .andExpect(jsonPath("$.decision.reasons").value("经核对户籍档案，住址登记有误"))
                .andExpect(jsonPath("$.correction.correctedFields[0]").value("住址"))
                .andExpect(jsonPath("$.notifications[-1:].kind").value("OUTCOME"))
                .andExpect(jsonPath("$.notes").doesNotExist())
                .andExpect(jsonPath("$.objector").doesNotExist());
        mvc.perform(get("/api/objections/cases/" + tn).with(citizen("zhangsan")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("CORRECTED"))
                .andExpect(jsonPath("$.notes").doesNotExist());
        mvc.perform(get("/api/objections/track/" + tn).with(citizen("lisi"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/objections/cases/" + tn).with(citizen("lisi"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/objections/cases/" + tn + "/evidence/" + filed.get("evidence").get(0).get("id").asString())
                .with(citizen("lisi"))).andExpect(status().isNotFound());

        // The bureau handles escalations and sees everything; the auditor sees the handling with the objector masked.
        mvc.perform(get("/api/objections/cases/" + tn).with(BUREAU))
                .andExpect(jsonPath("$.objector.phone").value("13812345678"));
        mvc.perform(get("/api/objections/cases/" + tn).with(AUDITOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.personalDataMasked").value(true))
                .andExpect(jsonPath("$.objector.name").value("张*"))
                .andExpect(jsonPath("$.objector.phone").value("138****5678"))
                .andExpect(jsonPath("$.recordKey").value("HJ-320*********3"))
                .andExpect(jsonPath("$.claim").doesNotExist())
                .andExpect(jsonPath("$.outcome").value("CORRECTED"));
    }

    @Test
    void aConsumerDepartmentsReportWithoutARecordKeyIsMarkedByTheOperatorAndARejectionEndsTheDispute() throws Exception {
        String resource = fixtures.published("MSB", "社会组织登记信息", List.of("组织名称", "登记状态"));
        JsonNode filed = fixtures.file(consumer("HRSS"), """
                {"reason":"OMISSION","resourceId":"%s","fields":["登记状态"],"claim":"共享数据缺少部分组织的登记状态",
                 "objector":{"name":"王五","phone":"025-84420000"}}""".formatted(resource));
        String tn = filed.get("trackingNumber").asString();
        assertThat(filed.get("kind").asString()).isEqualTo("CONSUMER_REPORT");
        assertThat(filed.get("state").asString()).isEqualTo("RECEIVED");
        assertThat(filed.get("markedAt").isNull()).isTrue();

        mvc.perform(post("/api/objections/cases/" + tn + "/route").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"route\":\"DEPARTMENT\"}"))
                .andExpect(status().isConflict());
        mvc.perform(post("/api/objections/cases/" + tn + "/mark-disputed").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("recordKey"));
        mvc.perform(post("/api/objections/cases/" + tn + "/mark-disputed").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"recordKey\":\"51320100MJ0000000X\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("DISPUTED"))
                .andExpect(jsonPath("$.marking.markedBy").value("operator-wang"));
        SchemaAssertions.assertConforms(ObjectionEventTypes.DATA_DISPUTED,
                fixtures.awaitEvent(Topics.OBJECTION, tn, ObjectionEventTypes.DATA_DISPUTED).value());

        mvc.perform(post("/api/objections/cases/" + tn + "/route").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"route\":\"PLATFORM\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("PLATFORM_REVIEW"))
                .andExpect(jsonPath("$.deadlines[?(@.step=='platform-decision')].responsibleDepartment").value("BDC"));
        // The provider does not decide what the platform took on itself.
        mvc.perform(post("/api/objections/cases/" + tn + "/decision").with(approver("MSB")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"decision\":\"REJECT\",\"reasons\":\"x\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/objections/cases/" + tn + "/decision").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"decision\":\"REJECT\",\"reasons\":\"经与登记系统比对，汇聚数据完整，无遗漏\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("CLOSED"))
                .andExpect(jsonPath("$.outcome").value("REJECTED"));
        var resolved = fixtures.awaitEvent(Topics.OBJECTION, tn, ObjectionEventTypes.DISPUTE_RESOLVED);
        SchemaAssertions.assertConforms(ObjectionEventTypes.DISPUTE_RESOLVED, resolved.value());
        assertThat(json.readTree(resolved.value()).get("outcome").asString()).isEqualTo("REJECTED");

        // Anyone of the reporting department follows the report; another department does not.
        mvc.perform(get("/api/objections/track/" + tn).with(ObjectionFixtures.consumer("HRSS")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("REJECTED"))
                .andExpect(jsonPath("$.decision.reasons").value("经与登记系统比对，汇聚数据完整，无遗漏"));
        mvc.perform(get("/api/objections/track/" + tn).with(ObjectionFixtures.consumer("EDU"))).andExpect(status().isNotFound());
    }

    @Test
    void aDataSubjectsObjectionDuringAServiceRecordsThatTheServiceProceededOnValidProof() throws Exception {
        String resource = fixtures.published("CAB", "婚姻登记信息", List.of("婚姻状况"));
        mvc.perform(post("/api/objections/cases").with(citizen("liuliu")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"reason":"ERROR","resourceId":"%s","recordKey":"HY-320102-004567","fields":["婚姻状况"],
                         "claim":"婚姻状况显示为已婚，实际已离婚",
                         "objector":{"name":"刘六","phone":"13900001111"},
                         "service":{"servingDepartment":"HOUSING","serviceName":"购房资格审核","proceededOnValidProof":true}}"""
                        .formatted(resource)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("service.proofNote"));
        JsonNode filed = fixtures.file(citizen("liuliu"), """
                {"reason":"ERROR","resourceId":"%s","recordKey":"HY-320102-004567","fields":["婚姻状况"],
                 "claim":"婚姻状况显示为已婚，实际已离婚",
                 "objector":{"name":"刘六","phone":"13900001111"},
                 "service":{"servingDepartment":"HOUSING","serviceName":"购房资格审核","proceededOnValidProof":true,
                            "proofNote":"当场出示离婚证原件，已按规定受理"}}""".formatted(resource));
        String tn = filed.get("trackingNumber").asString();
        assertThat(filed.get("kind").asString()).isEqualTo("DATA_SUBJECT");

        mvc.perform(post("/api/objections/cases/" + tn + "/route").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"route\":\"DEPARTMENT\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.service.proceededOnValidProof").value(true))
                .andExpect(jsonPath("$.service.proofNote").value("当场出示离婚证原件，已按规定受理"))
                .andExpect(jsonPath("$.deadlines[?(@.step=='verify')].rule").value("data-subject-objection-verify"));
        var received = fixtures.awaitEvent(Topics.OBJECTION, tn, ObjectionEventTypes.OBJECTION_RECEIVED);
        SchemaAssertions.assertConforms(ObjectionEventTypes.OBJECTION_RECEIVED, received.value());
        assertThat(json.readTree(received.value()).get("serviceProceededOnValidProof").asBoolean()).isTrue();
        assertThat(received.value()).doesNotContain("刘六", "13900001111", "离婚证");

        mvc.perform(post("/api/objections/track/" + tn + "/withdraw").with(citizen("someone-else"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"不需要了\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/objections/track/" + tn + "/withdraw").with(citizen("liuliu"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"已自行前往民政部门更正\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("WITHDRAWN"));
        var resolved = fixtures.awaitEvent(Topics.OBJECTION, tn, ObjectionEventTypes.DISPUTE_RESOLVED);
        assertThat(json.readTree(resolved.value()).get("outcome").asString()).isEqualTo("WITHDRAWN");
        mvc.perform(get("/api/objections/cases/" + tn).with(OPERATOR))
                .andExpect(jsonPath("$.deadlines[?(@.step=='verify')].state").value("CANCELLED"));
    }

    @Test
    void badRequestsNameTheFieldsAtFault() throws Exception {
        String resource = fixtures.published("PSB", "居住证信息", List.of("住址"));
        mvc.perform(post("/api/objections/cases").with(citizen("zhangsan")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"reason":"ERROR","resourceId":"%s","objector":{"name":"张三","phone":"12345"}}""".formatted(resource)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("claim", "objector.phone")));
        mvc.perform(post("/api/objections/cases").with(citizen("zhangsan")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"reason":"WRONG","resourceId":"%s","claim":"x","objector":{"name":"张三","phone":"13812345678"}}"""
                        .formatted(resource)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        mvc.perform(post("/api/objections/cases").with(citizen("zhangsan")).contentType(MediaType.APPLICATION_JSON)
                        .content(objection("NO-SUCH-RESOURCE", "k", "张三", "13812345678")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("resourceId"));
        mvc.perform(post("/api/objections/cases").with(citizen("zhangsan")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"reason":"ERROR","resourceId":"%s","fields":["住址","血型"],"claim":"x",
                         "objector":{"name":"张三","phone":"13812345678"}}""".formatted(resource)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("fields[1]"));

        var part = new MockMultipartFile("objection", "", MediaType.APPLICATION_JSON_VALUE,
                objection(resource, "k", "张三", "13812345678").getBytes(StandardCharsets.UTF_8));
        var script = new MockMultipartFile("evidence", "证明.pdf", "application/pdf",
                "#!/bin/sh\nrm -rf /".getBytes(StandardCharsets.US_ASCII));
        mvc.perform(multipart("/api/objections/cases").file(part).file(new MockMultipartFile("evidence", "a.pdf",
                        "application/pdf", PDF)).file(script).with(citizen("zhangsan")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("evidence[1]"));
        var tooBig = new byte[5 * 1024 * 1024 + 1];
        System.arraycopy(PDF, 0, tooBig, 0, PDF.length);
        mvc.perform(multipart("/api/objections/cases").file(part).file(new MockMultipartFile("evidence", "big.pdf",
                        "application/pdf", tooBig)).with(citizen("zhangsan")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("evidence[0]"));

        String tn = fixtures.file(citizen("zhangsan"), objection(resource, "HJ-320102-000123", "张三", "13812345678"))
                .get("trackingNumber").asString();
        mvc.perform(post("/api/objections/cases/" + tn + "/route").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"route\":\"SOMEWHERE\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("route"));
        mvc.perform(post("/api/objections/cases/" + tn + "/route").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"route\":\"DEPARTMENT\",\"department\":\"NOBODY\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("department"));
        mvc.perform(post("/api/objections/cases/" + tn + "/route").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"route\":\"DEPARTMENT\"}"))
                .andExpect(status().isOk());
        mvc.perform(post("/api/objections/cases/" + tn + "/decision").with(approver("PSB")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"decision\":\"REJECT\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reasons"));
        mvc.perform(post("/api/objections/cases/" + tn + "/correction").with(approver("PSB")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"correctedFields\":[]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("correctedFields"));
        mvc.perform(get("/api/objections/cases?size=500").with(OPERATOR))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
    }

    @Test
    void everyOperationRefusesTheWrongRolesWith403AndAnonymousCallersWith401() throws Exception {
        String resource = fixtures.published("PSB", "出入境证件信息", List.of("证件号码", "住址"));
        String body = objection(resource, "E12345678", "张三", "13812345678");
        mvc.perform(post("/api/objections/cases").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/objections/cases").with(OPERATOR).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/objections/cases").with(approver("PSB")).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden());
        String tn = fixtures.file(citizen("zhangsan"), body).get("trackingNumber").asString();

        String route = "{\"route\":\"DEPARTMENT\"}";
        for (var who : List.of(citizen("zhangsan"), consumer("HRSS"), approver("PSB"), BUREAU, AUDITOR)) {
            mvc.perform(post("/api/objections/cases/" + tn + "/route").with(who).contentType(MediaType.APPLICATION_JSON)
                    .content(route)).andExpect(status().isForbidden());
            mvc.perform(post("/api/objections/cases/" + tn + "/close").with(who).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"reason\":\"x\"}")).andExpect(status().isForbidden());
        }
        mvc.perform(get("/api/objections/cases").with(citizen("zhangsan"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/objections/stats").with(citizen("zhangsan"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/objections/cases?department=PSB").with(approver("HRSS"))).andExpect(status().isForbidden());
        mvc.perform(post("/api/objections/cases/" + tn + "/route").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                .content(route)).andExpect(status().isOk());
        String decision = "{\"decision\":\"CORRECT\"}";
        for (var who : List.of(citizen("zhangsan"), consumer("PSB"), approver("HRSS"), BUREAU, AUDITOR)) {
            mvc.perform(post("/api/objections/cases/" + tn + "/decision").with(who).contentType(MediaType.APPLICATION_JSON)
                    .content(decision)).andExpect(status().isForbidden());
        }
        mvc.perform(post("/api/objections/cases/" + tn + "/decision").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                .content(decision)).andExpect(status().isForbidden());
        mvc.perform(post("/api/objections/time/advance").with(citizen("zhangsan")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"by\":\"P3D\"}")).andExpect(status().isForbidden());
    }

    private List<ConsumerRecord<String, String>> recordsOf(String key) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try {
            KafkaProbe.awaitRecord(embeddedKafka.getBrokersAsString(), Topics.OBJECTION, Duration.ofSeconds(3), r -> {
                if (key.equals(r.key())) {
                    found.add(r);
                }
                return false;
            });
        } catch (AssertionError drained) {
            // read to the end: every record of the case is in found
        }
        assertThat(found).hasSizeGreaterThanOrEqualTo(6);
        return found;
    }
}
