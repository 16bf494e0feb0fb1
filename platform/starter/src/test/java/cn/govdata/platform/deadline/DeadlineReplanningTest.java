package cn.govdata.platform.deadline;

import cn.govdata.calendar.ScheduleSource;
import cn.govdata.calendar.StatutoryHolidays;
import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.calendar.YearSchedule;
import cn.govdata.platform.test.InMemoryWireStore;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.test.TestTokens;
import cn.govdata.policy.Period;
import cn.govdata.policy.Rule;
import cn.govdata.policy.RuleKey;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
@ContextConfiguration(classes = StarterTestApplication.class, initializers = InMemoryWireStore.class)
@TestPropertySource(properties = StarterTestApplication.ADJUSTABLE_TIME)
class DeadlineReplanningTest {

    // Monday 2030-01-28, 5 working days. By law alone Spring Festival is 02-02..02-05 with 补假 02-06, 02-07:
    // due at the end of Friday 02-08. The fixture notice below closes 02-01..02-09 instead: end of Tuesday 02-12.
    static final Instant RECEIVED = Instant.parse("2030-01-28T02:00:00Z");
    static final Instant PROVISIONAL_DUE = Instant.parse("2030-02-08T16:00:00Z");
    static final Instant OFFICIAL_DUE = Instant.parse("2030-02-12T16:00:00Z");

    @Autowired
    DeadlineRegistry registry;
    @Autowired
    DeadlineReplanning replanning;
    @Autowired
    WorkingDayCalendar calendar;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    MockMvc mvc;

    @Test
    void aNoticeMovesPendingRuleDeadlinesLeavesFixedOnesAndListsFiredOnesForReviewWithoutMovingThem() throws Exception {
        String id = UUID.randomUUID().toString();
        Deadline pending = registry.register(DeadlineRequest.forStep("objection", "mark-disputed", "P-" + id)
                .responsible("PSB", "320100").within(RECEIVED, Rule.regulated(Period.workingDays(5), "TEST 5")));
        Deadline fixed = registry.register(DeadlineRequest.forStep("objection", "mark-disputed", "F-" + id)
                .responsible("PSB", "320100").dueAt(PROVISIONAL_DUE));
        Deadline fired = registry.register(DeadlineRequest.forStep("objection", "mark-disputed", "X-" + id)
                .responsible("PSB", "320100").within(RECEIVED, Rule.regulated(Period.workingDays(5), "TEST 5")));
        // As if the engine had fired it at its provisional due time.
        mongo.updateFirst(query(where("_id").is(fired.id())),
                new org.springframework.data.mongodb.core.query.Update().set("state", "FIRED").set("firedAt", PROVISIONAL_DUE),
                DeadlineStore.COLLECTION);
        // Registered before due times recorded their period and years: only the rule key is known.
        Deadline legacy = registry.register(DeadlineRequest.forStep("objection", "mark-disputed", "L-" + id)
                .responsible("PSB", "320100").within(Instant.parse("2030-01-31T02:00:00Z"), RuleKey.OBJECTION_MARK));
        mongo.updateFirst(query(where("_id").is(legacy.id())), new org.springframework.data.mongodb.core.query.Update()
                .unset("period").unset("calendarYears").unset("calendarBasis"), DeadlineStore.COLLECTION);
        assertThat(legacy.dueAt()).as("Friday 02-01 is a working day by law alone").isEqualTo(Instant.parse("2030-02-01T16:00:00Z"));
        assertThat(pending.dueAt()).isEqualTo(PROVISIONAL_DUE);
        assertThat(pending.calendarBasis()).isEqualTo("PROVISIONAL");
        assertThat(fixed.calendarBasis()).isNull();

        Set<LocalDate> holidays = new HashSet<>();
        StatutoryHolidays.of(2030).forEach(d -> holidays.add(d.date()));
        LocalDate.parse("2030-02-01").datesUntil(LocalDate.parse("2030-02-10")).forEach(holidays::add);
        calendar.adopt(new YearSchedule(2030, "test notice 2030（测试〔2029〕1号）", holidays, Set.of()), ScheduleSource.UPLOADED);
        DeadlineReplanning.Result first = replanning.replan(2030, "test notice 2030（测试〔2029〕1号）");
        DeadlineReplanning.Result again = replanning.replan(2030, "test notice 2030（测试〔2029〕1号）");

        Deadline moved = registry.find("objection", "mark-disputed", "P-" + id).orElseThrow();
        assertThat(moved.dueAt()).isEqualTo(OFFICIAL_DUE);
        assertThat(moved.rescheduledFrom()).isEqualTo(PROVISIONAL_DUE);
        assertThat(moved.calendarBasis()).isEqualTo("OFFICIAL");
        assertThat(registry.find("objection", "mark-disputed", "F-" + id).orElseThrow().dueAt()).isEqualTo(PROVISIONAL_DUE);
        Deadline review = registry.find("objection", "mark-disputed", "X-" + id).orElseThrow();
        assertThat(review.dueAt()).as("a fired deadline never moves").isEqualTo(PROVISIONAL_DUE);
        assertThat(review.reviewDueAt()).isEqualTo(OFFICIAL_DUE);
        Deadline legacyMoved = registry.find("objection", "mark-disputed", "L-" + id).orElseThrow();
        assertThat(legacyMoved.dueAt()).as("NJ 35, 1wd: next working day after the break is Monday 02-11")
                .isEqualTo(Instant.parse("2030-02-11T16:00:00Z"));
        assertThat(legacyMoved.period()).isEqualTo("1wd");
        assertThat(first.rescheduled()).isEqualTo(2);
        assertThat(again.rescheduled()).as("re-planning twice moves nothing more").isZero();

        mvc.perform(get("/api/test/deadlines/provisional-review").param("size", "200")
                        .with(TestTokens.user("reviewer", "BDC", "320100", "bureau-reviewer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.subjectId == 'X-" + id + "')].reviewDueAt").value(OFFICIAL_DUE.toString()));
        mvc.perform(get("/api/test/deadlines/provisional-review").with(TestTokens.user("clerk", "PSB", "320100", "dept-data-officer")))
                .andExpect(status().isForbidden());
    }
}
