package cn.govdata.audit.trail;

import cn.govdata.audit.TrailFixtures;
import cn.govdata.events.EventTypes;
import cn.govdata.events.ExchangeEventTypes;
import cn.govdata.events.Topics;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
class AuditTrailQueryTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    static String registered(String code) {
        return """
                {"code":"%s","name":"市场监督管理局","level":"CITY","region":"320100","parentCode":null,
                 "dataOfficer":{"realName":"李娜","phone":"025-1","email":null},
                 "registeredAt":"2026-11-20T02:00:00Z","registeredBy":"bureau"}""".formatted(code);
    }

    static org.springframework.test.web.servlet.request.RequestPostProcessor auditor() {
        return TestTokens.user("auditor", "AUD", "320100", "auditor");
    }

    @Test
    void anAuditorFindsAllAccessesOfOneConsumerInTheLastHour() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String consumer = "Q" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String[] mine = new String[3];
        for (int i = 0; i < 3; i++) {
            mine[i] = "acc-" + UUID.randomUUID();
            Instant at = now.minus(Duration.ofMinutes(10 + 10 * i));
            KafkaProbe.send(brokers, Topics.EXCHANGE, mine[i], TrailFixtures.dataAccessed(mine[i], "PSB", consumer,
                    consumer.toLowerCase() + "-system", "RES-1", "社保资格核验", 1, "RECORD", at), TrailFixtures.accessHeaders(mine[i], consumer, at));
        }
        // the same consumer two hours ago, and another consumer now: both outside the question
        String old = "acc-" + UUID.randomUUID();
        Instant twoHoursAgo = now.minus(Duration.ofHours(2));
        KafkaProbe.send(brokers, Topics.EXCHANGE, old, TrailFixtures.dataAccessed(old, "PSB", consumer, "x", "RES-1", "p", 1,
                "RECORD", twoHoursAgo), TrailFixtures.accessHeaders(old, consumer, twoHoursAgo));
        String other = "acc-" + UUID.randomUUID();
        KafkaProbe.send(brokers, Topics.EXCHANGE, other, TrailFixtures.dataAccessed(other, "PSB", "AMR", "amr-system", "RES-1", "p",
                1, "RECORD", now), TrailFixtures.accessHeaders(other, "AMR", now));

        String from = now.minus(Duration.ofHours(1)).toString();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                mvc.perform(get("/api/audit/events").param("consumer", consumer).param("type", ExchangeEventTypes.DATA_ACCESSED.type())
                                .param("from", from).param("to", now.plusSeconds(1).toString()).with(auditor()))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.totalItems").value(3))
                        .andExpect(jsonPath("$.items[*].subject", containsInAnyOrder(mine)))
                        .andExpect(jsonPath("$.items[0].subject").value(mine[0]))
                        .andExpect(jsonPath("$.items[0].data.purpose").value("社保资格核验"))
                        .andExpect(jsonPath("$.items[0].users[0]").value(consumer.toLowerCase() + "-system")));

        mvc.perform(get("/api/audit/events").param("user", consumer.toLowerCase() + "-system").param("from", from).with(auditor()))
                .andExpect(jsonPath("$.totalItems").value(3));
        mvc.perform(get("/api/audit/events").param("requestId", "req-" + mine[1]).with(auditor()))
                .andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.items[0].subject").value(mine[1]));

        var started = mvc.perform(get("/api/audit/events.csv").param("consumer", consumer).param("from", from).with(auditor()))
                .andExpect(request().asyncStarted()).andReturn();
        byte[] csv = mvc.perform(asyncDispatch(started))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andReturn().getResponse().getContentAsByteArray();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFeventId,occurredAt,type");
        assertThat(text.lines().count()).isEqualTo(4);
        // oldest first
        assertThat(text.indexOf(mine[2])).isLessThan(text.indexOf(mine[0]));
    }

    @Test
    void aMalformedRecordIsParkedAndDoesNotBlockTheEventsAfterIt() {
        KafkaProbe.send(brokers, Topics.CATALOG, "BAD", "{}", Map.of("ce_type", "x"));
        String after = UUID.randomUUID().toString();
        KafkaProbe.send(brokers, Topics.CATALOG, "BAD", registered("AFTER"),
                TrailFixtures.headers(after, EventTypes.DEPARTMENT_REGISTERED.type(), "AFTER", "AFTER", Instant.now()));

        TrailFixtures.awaitBlockOf(mongo, after);
        var parked = KafkaProbe.awaitRecord(brokers, Topics.CATALOG + "-dlt", Duration.ofSeconds(20), r -> "BAD".equals(r.key()));
        assertThat(parked.value()).isEqualTo("{}");
    }

    @Test
    void anAuditorFindsStoredEventsBySubjectButADepartmentUserMayNotReadTheTrail() throws Exception {
        String id = UUID.randomUUID().toString();
        KafkaProbe.send(brokers, Topics.CATALOG, "HRSS", registered("HRSS"),
                TrailFixtures.headers(id, EventTypes.DEPARTMENT_REGISTERED.type(), "HRSS", "HRSS", Instant.now()));
        TrailFixtures.awaitBlockOf(mongo, id);

        mvc.perform(get("/api/audit/events?subject=HRSS").with(auditor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.items[0].eventId").value(id))
                .andExpect(jsonPath("$.items[0].data.name").value("市场监督管理局"))
                .andExpect(jsonPath("$.items[0].users[0]").value("bureau"));
        mvc.perform(get("/api/audit/events/" + id).with(auditor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.type").value(EventTypes.DEPARTMENT_REGISTERED.type()));
        mvc.perform(get("/api/audit/events/no-such-event").with(auditor()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/audit/events").with(TestTokens.user("hrss", "HRSS", "320100", "dept-consumer")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/audit/events?from=2026-11-20T00:00:00Z&to=2026-11-19T00:00:00Z").with(auditor()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("to"));
        mvc.perform(get("/api/audit/events?from=yesterday").with(auditor()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("from"));
        mvc.perform(get("/api/audit/events?page=100&size=500").with(auditor()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("page"));
    }
}
