package cn.govdata.platform.deadline;

import cn.govdata.platform.test.InMemoryWireStore;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.test.TestTokens;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
@ContextConfiguration(classes = StarterTestApplication.class, initializers = InMemoryWireStore.class)
@TestPropertySource(properties = StarterTestApplication.ADJUSTABLE_TIME)
class DeadlineApiTest {

    static final JwtRequestPostProcessor OPERATOR = TestTokens.user("operator", "BDC", "320100", "platform-operator");
    static final JwtRequestPostProcessor BUREAU = TestTokens.user("bureau", "BDB", "320100", "bureau-reviewer");

    @Autowired
    MockMvc mvc;
    @Autowired
    DeadlineRegistry registry;
    @Autowired
    Clock clock;

    @Test
    void registeringTheSameStepAgainAnswersTheExistingDeadline() throws Exception {
        String body = """
                {"process":"demo","step":"s","subjectId":"%s","responsibleDepartment":"PSB","dueAt":"2030-01-01T00:00:00Z",
                 "action":"MARK_OVERDUE","remindBefore":"PT4H"}""".formatted(UUID.randomUUID());
        String id = JsonPath.read(mvc.perform(post("/api/test/deadlines").with(OPERATOR)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.remindBefore").value("PT4H"))
                .andExpect(jsonPath("$.remindAt").value("2029-12-31T20:00:00Z"))
                .andExpect(jsonPath("$.ruleCitation").value(nullValue()))
                .andReturn().getResponse().getContentAsString(), "$.id");

        mvc.perform(post("/api/test/deadlines").with(OPERATOR).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id));
    }

    @Test
    void anInvalidRegistrationIsA400NamingEachField() throws Exception {
        mvc.perform(post("/api/test/deadlines").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"process\":\"\",\"region\":\"32\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder(
                        "process", "step", "subjectId", "responsibleDepartment", "region", "action")));
    }

    @Test
    void anUnknownRuleIsA400NamingRule() throws Exception {
        mvc.perform(post("/api/test/deadlines").with(OPERATOR).contentType(MediaType.APPLICATION_JSON).content(
                        registration("objection-marc")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("rule"))
                .andExpect(jsonPath("$.errors[0].message", containsString("objection-mark")));
    }

    @Test
    void aRuleThatIsNotATimeLimitIsA400NamingRule() throws Exception {
        mvc.perform(post("/api/test/deadlines").with(OPERATOR).contentType(MediaType.APPLICATION_JSON).content(
                        registration("conditional-share-silence-is-consent")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("rule"))
                .andExpect(jsonPath("$.errors[0].message", containsString("not a period")));
    }

    @Test
    void aRegistrationNeedsExactlyOneOfDueAtAndRule() throws Exception {
        mvc.perform(post("/api/test/deadlines").with(OPERATOR).contentType(MediaType.APPLICATION_JSON).content(
                        registration(null)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("dueAt"));
        mvc.perform(post("/api/test/deadlines").with(OPERATOR).contentType(MediaType.APPLICATION_JSON).content(
                        registration("objection-mark").replace("}", ",\"dueAt\":\"2030-01-01T00:00:00Z\"}")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("dueAt"));
    }

    @Test
    void anUnknownActionIsA400ListingTheActions() throws Exception {
        mvc.perform(post("/api/test/deadlines").with(OPERATOR).contentType(MediaType.APPLICATION_JSON).content(
                        registration("objection-mark").replace("MARK_OVERDUE", "REMIND_BEFORE")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("action"))
                .andExpect(jsonPath("$.errors[0].message", containsString("MARK_OVERDUE, ESCALATE_TO_BUREAU, AUTO_ACT")));
    }

    @Test
    void onlyThePlatformOperatorMayRegisterThroughTheApi() throws Exception {
        mvc.perform(post("/api/test/deadlines").with(BUREAU).contentType(MediaType.APPLICATION_JSON)
                        .content(registration("objection-mark")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/test/deadlines").contentType(MediaType.APPLICATION_JSON).content(registration("objection-mark")))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aDepartmentSeesOnlyItsOwnDeadlinesWhileTheBureauAndAuditorsSeeAll() throws Exception {
        String process = "scoping-" + UUID.randomUUID();
        var due = clock.instant().plus(Duration.ofDays(30));
        registry.register(DeadlineRequest.forStep(process, "s", "A").responsible("PSB", "320100").dueAt(due));
        registry.register(DeadlineRequest.forStep(process, "s", "B").responsible("HRSS", "320100").dueAt(due.plusSeconds(1)));
        registry.register(DeadlineRequest.forStep(process, "s", "C").responsible("JN-PSB", "320115").dueAt(due.plusSeconds(2)));

        mvc.perform(get("/api/test/deadlines").param("process", process)
                        .with(TestTokens.user("approver", "PSB", "320100", "dept-approver")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.items[0].subjectId").value("A"));
        mvc.perform(get("/api/test/deadlines").param("process", process).param("department", "HRSS")
                        .with(TestTokens.user("approver", "PSB", "320100", "dept-approver")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/test/deadlines").param("process", process).with(BUREAU))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].subjectId", containsInAnyOrder("A", "B", "C")));
        mvc.perform(get("/api/test/deadlines").param("process", process).param("department", "HRSS")
                        .with(TestTokens.user("auditor", null, "320100", "auditor")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].subjectId", containsInAnyOrder("B")));
        mvc.perform(get("/api/test/deadlines").param("process", process)
                        .with(TestTokens.system("county-jiangning", "JN-BDB", "320115", "county-subplatform")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].subjectId", containsInAnyOrder("C")));
        mvc.perform(get("/api/test/deadlines").param("process", process).param("state", "PENDING").param("size", "2")
                        .with(OPERATOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(3))
                .andExpect(jsonPath("$.totalPages").value(2))
                .andExpect(jsonPath("$.items[*].subjectId", containsInAnyOrder("A", "B")));
        mvc.perform(get("/api/test/deadlines").with(TestTokens.user("citizen", null, "320100", "public-applicant")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/test/deadlines").param("state", "LATE").with(BUREAU))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("state")));
    }

    private static String registration(String rule) {
        return """
                {"process":"demo","step":"s","subjectId":"%s","responsibleDepartment":"PSB","region":"320100",
                 %s"action":"MARK_OVERDUE"}""".formatted(UUID.randomUUID(), rule == null ? "" : "\"rule\":\"" + rule + "\",");
    }
}
