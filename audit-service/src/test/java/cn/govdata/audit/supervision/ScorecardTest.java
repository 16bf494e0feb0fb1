package cn.govdata.audit.supervision;

import cn.govdata.audit.TrailFixtures;
import cn.govdata.events.AuditEventTypes;
import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.EventTypes;
import cn.govdata.events.SchemaAssertions;
import cn.govdata.events.Topics;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.test.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
class ScorecardTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ScorecardMetrics metrics;
    @Autowired
    MeterRegistry meters;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    final String department = "S" + UUID.randomUUID().toString().replaceAll("[^A-Za-z]", "").substring(0, 5).toUpperCase();
    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    void deadlineMissed(String process, String subject, Instant dueAt) {
        String body = """
                {"deadlineId":"%s","process":"%s","step":"decide","subjectId":"%s","responsibleDepartment":"%s",
                 "dueAt":"%s","action":"ESCALATE","ruleCitation":"NT 22","firedAt":"%s"}"""
                .formatted(UUID.randomUUID(), process, subject, department, dueAt, now);
        KafkaProbe.send(brokers, Topics.DEADLINES, subject, body,
                TrailFixtures.headers(UUID.randomUUID().toString(), EventTypes.DEADLINE_MISSED.type(), subject, department, now));
    }

    void publishedEntry(String entryId, boolean withDictionary) {
        String body = """
                {"entry":{"entryId":"%s","version":1,"name":"企业登记信息","summary":"s","providerDepartment":"%s",
                 "sourceSystem":"x","category":"基础","basicKind":null,"formats":["json"],"dataItems":%s,
                 "shareType":"UNCONDITIONAL","shareConditions":null,"shareScope":null,"shareMethods":["API"],
                 "openType":"NOT_OPEN","openConditions":null,"openLegalBasis":null,"obtainedBySharing":false,
                 "updateFrequency":"DAILY","topic":null,"industry":null,"region":"320100","grade":"GENERAL"},
                 "approvedBy":"bureau","publishedAt":"%s","submittedAt":"%s"}"""
                .formatted(entryId, department, withDictionary ? "[{\"name\":\"统一社会信用代码\",\"type\":\"string\",\"length\":18,"
                        + "\"description\":\"d\",\"personal\":false,\"sensitive\":false}]" : "[]", now, now.minusSeconds(3600));
        KafkaProbe.send(brokers, Topics.CATALOG, entryId, body,
                TrailFixtures.headers(UUID.randomUUID().toString(), EventTypes.CATALOG_ENTRY_PUBLISHED.type(), entryId, department, now));
    }

    @Test
    void aScorecardShowsADepartmentWithAnOverdueApprovalAfterADeadlineMissedEvent() throws Exception {
        var bureau = TestTokens.user("bureau", "BDB", "320100", "bureau-reviewer");
        mvc.perform(get("/api/audit/scorecards/" + department).with(bureau))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.item == 'approval-timeliness')].total").value(0));

        deadlineMissed("share-application", "APP-" + department, now.minus(Duration.ofDays(1)));
        publishedEntry("E1-" + department, true);
        publishedEntry("E2-" + department, false);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(get("/api/audit/scorecards/" + department).with(bureau))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.department").value(department))
                .andExpect(jsonPath("$.items[?(@.item == 'approval-timeliness')].total").value(1))
                .andExpect(jsonPath("$.items[?(@.item == 'approval-timeliness')].passed").value(0))
                .andExpect(jsonPath("$.items[?(@.item == 'approval-timeliness')].score").value(0.0))
                .andExpect(jsonPath("$.items[?(@.item == 'approval-timeliness')].basis").value(hasItem(containsString("share-application APP-" + department))))
                .andExpect(jsonPath("$.items[?(@.item == 'catalog-completeness')].score").value(50.0)));

        var own = TestTokens.user("officer", department, "320100", "dept-data-officer");
        mvc.perform(get("/api/audit/scorecards").with(own))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].department").value(department));
        mvc.perform(get("/api/audit/scorecards/BDB").with(own)).andExpect(status().isForbidden());

        metrics.refresh();
        assertThat(meters.get("supervision_score").tags("department", department, "item", "approval-timeliness").gauge().value())
                .isEqualTo(0.0);
        assertThat(meters.get("supervision_score").tags("department", department, "item", "catalog-completeness").gauge().value())
                .isEqualTo(50.0);
    }

    void sharing(cn.govdata.events.EventType<?> type, String subject, String body) {
        KafkaProbe.send(brokers, Topics.SHARING, subject, body,
                TrailFixtures.headers(UUID.randomUUID().toString(), type.type(), subject, department, now));
    }

    @Test
    void aShareDecisionTakenAfterItsDeadlineCountsAsLateForTheProvidingDepartment() throws Exception {
        String late = "APP3-" + department;
        String timely = "APP4-" + department;
        sharing(cn.govdata.events.SharingEventTypes.APPLICATION_SUBMITTED, late, """
                {"applicationId":"%s","providerDepartment":"%s","consumerDepartment":"HRSS","submittedAt":"%s",
                 "formalityCheckDueAt":null,"decisionDueAt":"%s"}""".formatted(late, department, now.minus(Duration.ofDays(9)),
                now.minus(Duration.ofDays(2))));
        sharing(cn.govdata.events.SharingEventTypes.APPLICATION_DECIDED, late, """
                {"applicationId":"%s","providerDepartment":"%s","consumerDepartment":"HRSS","outcome":"APPROVED",
                 "decidedBy":"officer","bySilence":false,"decidedAt":"%s","decisionDueAt":"%s"}"""
                .formatted(late, department, now.minus(Duration.ofDays(1)), now.minus(Duration.ofDays(2))));
        sharing(cn.govdata.events.SharingEventTypes.APPLICATION_DECIDED, timely, """
                {"applicationId":"%s","providerDepartment":"%s","consumerDepartment":"HRSS","outcome":"REFUSED",
                 "decidedBy":"officer","bySilence":false,"decidedAt":"%s","decisionDueAt":"%s"}"""
                .formatted(timely, department, now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(2))));

        var bureau = TestTokens.user("bureau", "BDB", "320100", "bureau-reviewer");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(get("/api/audit/scorecards/" + department).with(bureau))
                .andExpect(jsonPath("$.items[?(@.item == 'approval-timeliness')].total").value(2))
                .andExpect(jsonPath("$.items[?(@.item == 'approval-timeliness')].passed").value(1))
                .andExpect(jsonPath("$.items[?(@.item == 'approval-timeliness')].basis").value(hasItem(containsString(late)))));
    }

    @Test
    void aMonthlySnapshotIsKeptOncePublishedPerDepartmentAndEachDepartmentReadsOnlyItsOwnCard() throws Exception {
        deadlineMissed("share-application", "APP2-" + department, now.minus(Duration.ofHours(2)));
        var bureau = TestTokens.user("bureau", "BDB", "320100", "bureau-reviewer");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(get("/api/audit/scorecards/" + department).with(bureau))
                .andExpect(jsonPath("$.items[?(@.item == 'approval-timeliness')].total").value(1)));
        String month = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();

        mvc.perform(post("/api/audit/scorecards/snapshots").param("month", month).with(bureau))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", containsString("/api/audit/scorecards/snapshots/" + month)))
                .andExpect(jsonPath("$.provisional").value(true));
        mvc.perform(post("/api/audit/scorecards/snapshots").param("month", month).with(bureau))
                .andExpect(status().isConflict());
        mvc.perform(post("/api/audit/scorecards/snapshots").param("month", month)
                .with(TestTokens.user("auditor", "AUD", "320100", "auditor"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/audit/scorecards/snapshots").with(bureau))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0]").value(month));
        mvc.perform(get("/api/audit/scorecards/snapshots/" + month).with(TestTokens.user("officer", department, "320100", "dept-data-officer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.scorecards[?(@.department == '" + department + "')].items[5].passed").value(0))
                .andExpect(jsonPath("$.scorecards[?(@.department != '" + department + "')]").isEmpty())
                .andExpect(jsonPath("$.outbox").doesNotExist());
        mvc.perform(get("/api/audit/scorecards/snapshots/" + month).with(TestTokens.user("officer", "AMR", "320100", "dept-data-officer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.scorecards[?(@.department == '" + department + "')]").isEmpty());
        mvc.perform(get("/api/audit/scorecards/snapshots/" + month).with(TestTokens.user("auditor", "AUD", "320100", "auditor")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.scorecards[?(@.department == '" + department + "')]").isNotEmpty());

        var published = KafkaProbe.awaitRecord(brokers, Topics.AUDIT, Duration.ofSeconds(30),
                r -> KafkaProbe.header(r, CloudEventHeaders.DEPARTMENT).equals(Optional.of(department))
                        && KafkaProbe.header(r, CloudEventHeaders.TYPE).equals(Optional.of(AuditEventTypes.SCORECARD_PUBLISHED.type())));
        SchemaAssertions.assertConforms(AuditEventTypes.SCORECARD_PUBLISHED, published.value());
        assertThat(published.value()).contains("\"month\":\"" + month + "\"");
    }
}
