package cn.govdata.audit.incident;

import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.EventType;
import cn.govdata.events.SchemaAssertions;
import cn.govdata.events.Topics;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.TestTokens;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;


/** Calls and callers the incident register's integration tests share. */
record IncidentFixtures(MockMvc mvc, String brokers) {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static RequestPostProcessor officer(String department) {
        return TestTokens.user(department.toLowerCase() + "-officer", department, "320100", "dept-data-officer");
    }

    static RequestPostProcessor consumer(String department) {
        return TestTokens.user(department.toLowerCase() + "-consumer", department, "320100", "dept-consumer");
    }

    static RequestPostProcessor approver(String department) {
        return TestTokens.user(department.toLowerCase() + "-approver", department, "320100", "dept-approver");
    }

    static RequestPostProcessor bureau() {
        return TestTokens.user("bureau", "BDB", "320100", "bureau-reviewer");
    }

    static RequestPostProcessor operator() {
        return TestTokens.user("operator", "BDB", "320100", "platform-operator");
    }

    static RequestPostProcessor auditor() {
        return TestTokens.user("auditor", "AUD", "320100", "auditor");
    }

    static RequestPostProcessor citizen() {
        return TestTokens.user("citizen", null, "320100", "public-applicant");
    }

    static Map<String, Object> report(String severity, boolean personalInformation, String... affected) {
        return Map.of("title", "共享接口凭证外泄", "description", "接口凭证出现在公开代码仓库中",
                "detectedAt", Instant.now().minus(Duration.ofHours(1)).toString(), "severity", severity,
                "affectedResources", java.util.List.of("RES-PEOPLE"), "affectedDepartments", java.util.List.of(affected),
                "personalInformation", personalInformation, "suspectedCause", "凭证保管不当");
    }

    static Map<String, Object> notification(String recipient, String department) {
        return department == null
                ? Map.of("recipient", recipient, "channel", "OFFICIAL_DOCUMENT", "summary", "已通报事件经过及处置措施")
                : Map.of("recipient", recipient, "department", department, "channel", "PHONE", "summary", "已电话告知");
    }

    ResultActions post(String path, RequestPostProcessor who, Object body) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path).with(who)
                .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body)));
    }

    ResultActions read(String path, RequestPostProcessor who) throws Exception {
        return mvc.perform(get(path).with(who));
    }

    static JsonNode body(ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }

    /** The event of {@code type} about {@code incidentId}, checked against its schema. */
    String awaitEvent(EventType<?> type, String incidentId) {
        var record = KafkaProbe.awaitRecord(brokers, Topics.AUDIT, Duration.ofSeconds(30),
                r -> KafkaProbe.header(r, CloudEventHeaders.TYPE).equals(Optional.of(type.type())) && incidentId.equals(r.key()));
        SchemaAssertions.assertConforms(type, record.value());
        return record.value();
    }

}
