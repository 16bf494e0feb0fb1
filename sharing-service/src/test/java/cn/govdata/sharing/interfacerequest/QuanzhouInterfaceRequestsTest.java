package cn.govdata.sharing.interfacerequest;

import cn.govdata.platform.test.KeepsKafkaBrokersProperty;
import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.events.SharingEventTypes;
import cn.govdata.platform.directory.DepartmentDirectory;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.test.TestTokens;
import cn.govdata.sharing.application.SharingFixtures;
import cn.govdata.sharing.resource.Resources;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static cn.govdata.sharing.application.SharingFixtures.approver;
import static cn.govdata.sharing.application.SharingFixtures.bureau;
import static cn.govdata.sharing.application.SharingFixtures.consumer;
import static cn.govdata.sharing.application.SharingFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** QZ 2.3 under Quanzhou's profile: 10 working days to provide an interface, one extension of at most 5. */
@PlatformIntegrationTest
@ExtendWith(KeepsKafkaBrokersProperty.class)
@TestPropertySource(properties = {
        "govdata.jurisdiction=quanzhou",
        "govdata.time.adjustable=true",
        // One partition, as the embedded broker creates them: added partitions reach a running consumer late.
        "govdata.kafka.partitions=1",
        "govdata.deadlines.poll-interval=200ms"})
class QuanzhouInterfaceRequestsTest {

    static final String BASE = "/api/sharing/interface-requests";

    @Autowired
    MockMvc mvc;
    @Autowired
    Resources resources;
    @Autowired
    DepartmentDirectory directory;
    @Autowired
    Clock clock;
    @Autowired
    WorkingDayCalendar calendar;
    /** This context's broker: the brokers system property names whichever context started last. */
    @Autowired
    EmbeddedKafkaBroker kafka;

    SharingFixtures fixtures;

    @BeforeEach
    void departments() {
        fixtures = new SharingFixtures(mvc, kafka.getBrokersAsString(), resources, clock);
        if (directory.find("HRSS").isEmpty() || directory.find("CAB").isEmpty()) {
            fixtures.registerDepartment("HRSS", "350500");
            fixtures.registerDepartment("CAB", "350500");
            await().atMost(Duration.ofSeconds(30)).until(() -> directory.find("HRSS").isPresent() && directory.find("CAB").isPresent());
        }
    }

    static JwtRequestPostProcessor officer(String department) {
        return TestTokens.user(department.toLowerCase() + "-officer", department, "350500", "dept-data-officer");
    }

    static Map<String, Object> wanted(String provider) {
        return Map.of("provider", provider, "consumer", "CAB", "dataWanted", "灵活就业人员参保状态",
                "scenario", "最低生活保障资格核验", "interfaceSpec", "按公民身份号码查询，返回参保状态与参保类型");
    }

    /** The end of the 10th working day after the day of {@code at}, counted with the calendar's day kinds. */
    Instant workingDaysAfter(Instant at, int days) {
        LocalDate last = calendar.addWorkingDays(at.atZone(WorkingDayCalendar.ZONE).toLocalDate(), days);
        return last.plusDays(1).atStartOfDay(WorkingDayCalendar.ZONE).toInstant();
    }

    @Test
    @DisplayName("QZ 2.3: the bureau asks the producing department for an interface, due in 10 working days; "
            + "one extension of at most 5 is approved, the interface is delivered and the technical service unit publishes it")
    void aRequestedInterfaceIsExtendedOnceDeliveredAndPublished() throws Exception {
        JsonNode created = fixtures.body(fixtures.postJson(BASE, bureau(), wanted("HRSS"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.state").value("REQUESTED"))
                .andExpect(jsonPath("$.provider").value("HRSS"))
                .andExpect(jsonPath("$.consumer").value("CAB")));
        String id = created.get("id").asString();
        Instant requestedAt = Instant.parse(created.get("requestedAt").asString());
        Instant due = Instant.parse(created.get("answerDueAt").asString());
        assertThat(due).isEqualTo(workingDaysAfter(requestedAt, 10));
        JsonNode requested = fixtures.awaitEvent(SharingEventTypes.INTERFACE_REQUESTED, id);
        assertThat(Instant.parse(requested.get("answerDueAt").asString())).isEqualTo(due);

        // Another department's officer may neither answer nor apply; the provider applies once, for at most 5 days.
        fixtures.postJson(BASE + "/" + id + "/delivery", officer("PSB"), Map.of("interfaceSpec", "x", "usageNotes", "y"))
                .andExpect(status().isForbidden());
        fixtures.postJson(BASE + "/" + id + "/extension", officer("PSB"), Map.of("workingDays", 3, "reasons", "x"))
                .andExpect(status().isForbidden());
        fixtures.postJson(BASE + "/" + id + "/extension", consumer(), Map.of("workingDays", 3, "reasons", "x"))
                .andExpect(status().isForbidden());
        fixtures.postJson(BASE + "/" + id + "/extension", officer("HRSS"), Map.of("workingDays", 6, "reasons", "系统改造"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("workingDays"));
        fixtures.postJson(BASE + "/" + id + "/extension", officer("HRSS"), Map.of("workingDays", 5, "reasons", "核心系统升级改造中"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.extension.workingDays").value(5))
                .andExpect(jsonPath("$.answerDueAt").value(due.toString()));
        fixtures.postJson(BASE + "/" + id + "/extension", officer("HRSS"), Map.of("workingDays", 1, "reasons", "再次"))
                .andExpect(status().isConflict());
        fixtures.postJson(BASE + "/" + id + "/extension/decision", approver(), Map.of("approve", true))
                .andExpect(status().isForbidden());
        fixtures.postJson(BASE + "/" + id + "/extension/decision", bureau(), Map.of("approve", true, "workingDays", 4))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.extension.approved").value(true))
                .andExpect(jsonPath("$.extension.grantedWorkingDays").value(4))
                .andExpect(jsonPath("$.answerDueAt").value(workingDaysAfter(due.minusMillis(1), 4).toString()));
        JsonNode extended = fixtures.awaitEvent(SharingEventTypes.INTERFACE_REQUEST_EXTENDED, id);
        assertThat(Instant.parse(extended.get("previousDueAt").asString())).isEqualTo(due);
        assertThat(extended.get("workingDays").asInt()).isEqualTo(4);

        fixtures.postJson(BASE + "/" + id + "/publication", operator(), Map.of("serviceName", "hrss-insured-status"))
                .andExpect(status().isConflict());
        fixtures.postJson(BASE + "/" + id + "/delivery", approver(), Map.of("interfaceSpec", "GET /insured-status?idNumber=",
                        "usageNotes", "每次调用须携带使用部门的授权码"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("DELIVERED"))
                .andExpect(jsonPath("$.delivery.late").value(false));
        JsonNode delivered = fixtures.awaitEvent(SharingEventTypes.INTERFACE_DELIVERED, id);
        assertThat(delivered.get("late").asBoolean()).isFalse();
        fixtures.postJson(BASE + "/" + id + "/publication", bureau(), Map.of("serviceName", "hrss-insured-status"))
                .andExpect(status().isForbidden());
        fixtures.postJson(BASE + "/" + id + "/publication", operator(), Map.of("serviceName", "hrss-insured-status-v1",
                        "notes", "技术服务单位再封装后统一发布"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("PUBLISHED"))
                .andExpect(jsonPath("$.publication.publishedBy").value("operator"));
        fixtures.awaitEvent(SharingEventTypes.INTERFACE_PUBLISHED, id);

        mvc.perform(get(BASE + "?state=PUBLISHED&provider=HRSS").with(bureau()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.id == '" + id + "')]").exists());
        mvc.perform(get(BASE + "?department=CAB").with(consumer()))
                .andExpect(jsonPath("$.items[?(@.id == '" + id + "')]").exists());
        mvc.perform(get(BASE + "/" + id).with(officer("PSB"))).andExpect(status().isForbidden());
        mvc.perform(get(BASE + "?department=HRSS").with(officer("PSB")))
                .andExpect(jsonPath("$.items[?(@.id == '" + id + "')]").doesNotExist());
    }

    @Test
    @DisplayName("QZ 2.3: a consumer's proposal waits for the bureau; forwarded, it runs 10 working days and, missed, is marked overdue and counted")
    void aForwardedProposalThatIsNotAnsweredBecomesOverdue() throws Exception {
        fixtures.postJson(BASE, TestTokens.user("someone", "CAB", "350500", "public-applicant"), wanted("HRSS"))
                .andExpect(status().isForbidden());
        fixtures.postJson(BASE, consumer(), Map.of("provider", "HRSS", "dataWanted", "x", "scenario", "y"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("interfaceSpec"));
        fixtures.postJson(BASE, bureau(), Map.of("provider", "NOBODY", "dataWanted", "x", "scenario", "y", "interfaceSpec", "z"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("provider"));
        JsonNode proposed = fixtures.body(fixtures.postJson(BASE, consumer(), wanted("HRSS"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.state").value("PROPOSED"))
                .andExpect(jsonPath("$.answerDueAt").doesNotExist()));
        String id = proposed.get("id").asString();
        fixtures.postJson(BASE + "/" + id + "/delivery", approver(), Map.of("interfaceSpec", "x", "usageNotes", "y"))
                .andExpect(status().isConflict());
        fixtures.postJson(BASE + "/" + id + "/forwarding", consumer(), Map.of("forward", true))
                .andExpect(status().isForbidden());
        JsonNode forwarded = fixtures.body(fixtures.postJson(BASE + "/" + id + "/forwarding", bureau(), Map.of("forward", true))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("REQUESTED")));
        Instant due = Instant.parse(forwarded.get("answerDueAt").asString());
        assertThat(due).isEqualTo(workingDaysAfter(Instant.parse(forwarded.get("requestedAt").asString()), 10));
        fixtures.awaitEvent(SharingEventTypes.INTERFACE_REQUESTED, id);

        fixtures.postJson("/api/sharing/time/advance", operator(),
                Map.of("by", Duration.between(clock.instant(), due).plusHours(1).toString())).andExpect(status().isOk());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                mvc.perform(get(BASE + "/" + id).with(approver()))
                        .andExpect(jsonPath("$.state").value("REQUESTED"))
                        .andExpect(jsonPath("$.overdue").value(true)));
        JsonNode overdue = fixtures.awaitEvent(SharingEventTypes.INTERFACE_REQUEST_OVERDUE, id);
        assertThat(Instant.parse(overdue.get("answerDueAt").asString())).isEqualTo(due);
        assertThat(overdue.get("extended").asBoolean()).isFalse();
        mvc.perform(get(BASE + "?overdue=true&provider=HRSS").with(operator()))
                .andExpect(jsonPath("$.items[?(@.id == '" + id + "')]").exists());
        mvc.perform(get("/api/sharing/deadlines?process=interface-request&state=FIRED").with(operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.subjectId == '" + id + "')].ruleCitation").value("QZ 2.3"));

        // Too late to apply for an extension; delivered late, it says so.
        fixtures.postJson(BASE + "/" + id + "/extension", approver(), Map.of("workingDays", 2, "reasons", "迟交"))
                .andExpect(status().isConflict());
        fixtures.postJson(BASE + "/" + id + "/delivery", approver(), Map.of("interfaceSpec", "GET /x", "usageNotes", "y"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.delivery.late").value(true))
                .andExpect(jsonPath("$.overdue").value(true));
    }
}
