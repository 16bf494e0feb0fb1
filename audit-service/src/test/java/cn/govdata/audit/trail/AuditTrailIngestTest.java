package cn.govdata.audit.trail;

import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.EventTypes;
import cn.govdata.events.Topics;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
class AuditTrailIngestTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    static Map<String, String> headers(String id, String subject) {
        return Map.of(CloudEventHeaders.ID, id, CloudEventHeaders.TYPE, EventTypes.DEPARTMENT_REGISTERED.type(),
                CloudEventHeaders.SOURCE, "/govdata/catalog-service", CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.TIME, "2026-11-20T02:00:00Z", CloudEventHeaders.SUBJECT, subject,
                CloudEventHeaders.DEPARTMENT, subject, CloudEventHeaders.REGION, "320100");
    }

    static String body(String code) {
        return """
                {"code":"%s","name":"市场监督管理局","level":"CITY","region":"320100","parentCode":null,
                 "dataOfficer":{"realName":"李娜","phone":"025-1","email":null},
                 "registeredAt":"2026-11-20T02:00:00Z","registeredBy":"bureau"}""".formatted(code);
    }

    long stored(String subject) {
        return mongo.count(Query.query(Criteria.where("subject").is(subject)), AuditRecord.class);
    }

    @Test
    void aRedeliveredEventIsStoredOnlyOnce() {
        String id = UUID.randomUUID().toString();
        KafkaProbe.send(brokers, Topics.CATALOG, "AMR", body("AMR"), headers(id, "AMR"));
        KafkaProbe.send(brokers, Topics.CATALOG, "AMR", body("AMR"), headers(id, "AMR"));
        KafkaProbe.send(brokers, Topics.CATALOG, "MARK", body("MARK"), headers(UUID.randomUUID().toString(), "MARK"));

        // The later event being stored proves both copies of the first were consumed before it.
        await().atMost(Duration.ofSeconds(20)).until(() -> stored("MARK") == 1);
        assertThat(stored("AMR")).isEqualTo(1);
    }

    @Test
    void aMalformedRecordIsParkedAndDoesNotBlockTheEventsAfterIt() {
        KafkaProbe.send(brokers, Topics.CATALOG, "BAD", "{}", Map.of(CloudEventHeaders.TYPE, "x"));
        KafkaProbe.send(brokers, Topics.CATALOG, "AFTER", body("AFTER"), headers(UUID.randomUUID().toString(), "AFTER"));

        await().atMost(Duration.ofSeconds(20)).until(() -> stored("AFTER") == 1);
        var parked = KafkaProbe.awaitRecord(brokers, Topics.CATALOG + "-dlt", Duration.ofSeconds(20), r -> "BAD".equals(r.key()));
        assertThat(parked.value()).isEqualTo("{}");
    }

    @Test
    void anAuditorFindsStoredEventsBySubjectButADepartmentUserMayNotReadTheTrail() throws Exception {
        String id = UUID.randomUUID().toString();
        KafkaProbe.send(brokers, Topics.CATALOG, "HRSS", body("HRSS"), headers(id, "HRSS"));
        await().atMost(Duration.ofSeconds(20)).until(() -> stored("HRSS") == 1);

        mvc.perform(get("/api/audit/events?subject=HRSS").with(TestTokens.user("auditor", "AUD", "320100", "auditor")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.items[0].eventId").value(id))
                .andExpect(jsonPath("$.items[0].data.name").value("市场监督管理局"));
        mvc.perform(get("/api/audit/events/" + id).with(TestTokens.user("auditor", "AUD", "320100", "auditor")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.type").value(EventTypes.DEPARTMENT_REGISTERED.type()));
        mvc.perform(get("/api/audit/events").with(TestTokens.user("hrss", "HRSS", "320100", "dept-consumer")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/audit/events?from=2026-11-20T00:00:00Z&to=2026-11-19T00:00:00Z")
                        .with(TestTokens.user("auditor", "AUD", "320100", "auditor")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("to"));
        mvc.perform(get("/api/audit/events?from=yesterday").with(TestTokens.user("auditor", "AUD", "320100", "auditor")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("from"));
    }
}
