package cn.govdata.audit.usage;

import cn.govdata.audit.TrailFixtures;
import cn.govdata.events.AuditEventTypes;
import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.SchemaAssertions;
import cn.govdata.events.Topics;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
class UsageLogTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    UsageDigests digests;
    @Autowired
    JsonMapper json;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    final String provider = code("P");
    final String consumer = code("C");
    final String bystander = code("B");
    final Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);

    static String code(String prefix) {
        return prefix + UUID.randomUUID().toString().replaceAll("[^A-Za-z]", "").substring(0, 5).toUpperCase();
    }

    String access(String from, String to, int records) {
        String id = "acc-" + UUID.randomUUID();
        KafkaProbe.send(brokers, Topics.EXCHANGE, id, TrailFixtures.dataAccessed(id, from, to, to.toLowerCase() + "-system",
                "RES-" + from, "就业补贴审核", records, "QUERY", at), TrailFixtures.accessHeaders(id, to, at));
        return id;
    }

    void threeAccesses() {
        access(provider, consumer, 10);
        access(provider, consumer, 5);
        access(provider, bystander, 7);
    }

    @Test
    void aDepartmentDownloadsItsOwnUsageLogAndIsRefusedAnothersWith403() throws Exception {
        threeAccesses();
        var officer = TestTokens.user("officer", provider, "320100", "dept-data-officer", "dept-approver");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(get("/api/audit/usage").with(officer))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(3))
                .andExpect(jsonPath("$.items[0].role").value("PROVIDER"))
                .andExpect(jsonPath("$.items[0].purpose").value("就业补贴审核"))
                .andExpect(jsonPath("$.items[0].approvedBy").value("psb-officer")));

        var started = mvc.perform(get("/api/audit/usage.csv").param("department", provider)
                        .with(TestTokens.system(provider.toLowerCase() + "-system", provider, "320100", "dept-consumer")))
                .andExpect(request().asyncStarted()).andReturn();
        String csv = new String(mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsByteArray(), StandardCharsets.UTF_8);
        assertThat(csv.lines()).hasSize(4);
        assertThat(csv).contains(consumer + ",RES-" + provider).contains(bystander);

        mvc.perform(get("/api/audit/usage").param("department", consumer).with(officer))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/audit/usage.csv").param("department", consumer).with(officer))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/audit/usage").with(TestTokens.user("consumer", consumer, "320100", "dept-consumer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(2))
                .andExpect(jsonPath("$.items[0].role").value("CONSUMER"));
        mvc.perform(get("/api/audit/usage").param("department", bystander).with(TestTokens.user("auditor", "AUD", "320100", "auditor")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(1));
        mvc.perform(get("/api/audit/usage").with(TestTokens.user("auditor", "AUD", "320100", "auditor")))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/audit/usage").with(TestTokens.user("citizen", null, "320100", "public-applicant")))
                .andExpect(status().isForbidden());
    }

    @Test
    void eachDepartmentReceivesItsUsageDigestAsAnEventNamingItInCeDepartment() {
        threeAccesses();
        await().atMost(Duration.ofSeconds(30)).until(() -> new UsageLogProbe(mvc, provider).total() == 3);

        int pushed = digests.compile(at.minusSeconds(1), at.plusSeconds(1));
        assertThat(pushed).isGreaterThanOrEqualTo(3);
        assertThat(digests.compile(at.minusSeconds(1), at.plusSeconds(1))).as("a period is pushed once").isZero();

        var record = KafkaProbe.awaitRecord(brokers, Topics.AUDIT, Duration.ofSeconds(30),
                r -> KafkaProbe.header(r, CloudEventHeaders.DEPARTMENT).equals(Optional.of(provider)));
        assertThat(KafkaProbe.header(record, CloudEventHeaders.TYPE)).contains(AuditEventTypes.USAGE_LOG_DIGEST.type());
        SchemaAssertions.assertConforms(AuditEventTypes.USAGE_LOG_DIGEST, record.value());
        var digest = json.readTree(record.value());
        assertThat(digest.path("accesses").asInt()).isEqualTo(3);
        assertThat(digest.path("records").asInt()).isEqualTo(22);
        assertThat(digest.path("asProvider")).hasSize(2);
        assertThat(digest.path("asConsumer")).isEmpty();
    }

    /** Reads the provider's usage log total through the API. */
    record UsageLogProbe(MockMvc mvc, String department) {
        long total() throws Exception {
            String body = mvc.perform(get("/api/audit/usage").param("department", department)
                    .with(TestTokens.user("auditor", "AUD", "320100", "auditor"))).andReturn().getResponse().getContentAsString();
            return JsonMapper.builder().build().readTree(body).path("totalItems").asLong();
        }
    }
}
