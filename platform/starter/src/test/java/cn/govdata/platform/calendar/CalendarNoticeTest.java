package cn.govdata.platform.calendar;

import cn.govdata.calendar.CalendarBasis;
import cn.govdata.calendar.ScheduleSource;
import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.events.CalendarEventTypes;
import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.EventTypes;
import cn.govdata.events.SchemaAssertions;
import cn.govdata.events.Topics;
import cn.govdata.platform.deadline.Deadline;
import cn.govdata.platform.deadline.DeadlineRegistry;
import cn.govdata.platform.deadline.DeadlineRequest;
import cn.govdata.platform.deadline.StarterTestApplication;
import cn.govdata.platform.test.InMemoryWireStore;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.test.TestTokens;
import cn.govdata.policy.Period;
import cn.govdata.policy.Rule;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
@ContextConfiguration(classes = StarterTestApplication.class, initializers = InMemoryWireStore.class)
@TestPropertySource(properties = StarterTestApplication.ADJUSTABLE_TIME)
class CalendarNoticeTest {

    static final JwtRequestPostProcessor OPERATOR = TestTokens.user("operator", "BDC", "320100", "platform-operator");

    // A test fixture, not the real 2027 notice (unknown when this was written): every statutory day,
    // Spring Festival stretched to 9 days (02-05..02-13) with Saturday 02-20 worked, National Day to 7.
    static final String NOTICE_2027 = """
            {"noticeTitle":"国务院办公厅关于2027年部分节假日安排的通知","noticeNumber":"国办发明电〔2026〕99号",
             "noticeDate":"2026-11-10",
             "holidays":["2027-01-01..2027-01-03","2027-02-05..2027-02-13","2027-04-03..2027-04-05",
                         "2027-05-01..2027-05-05","2027-06-09","2027-09-15","2027-10-01..2027-10-07"],
             "makeupWorkingDays":["2027-02-20","2027-09-26","2027-10-09"],
             "replace":%s}""";

    @Autowired
    MockMvc mvc;
    @Autowired
    DeadlineRegistry registry;
    @Autowired
    WorkingDayCalendar calendar;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    JsonMapper json;
    @Autowired
    EmbeddedKafkaBroker embeddedKafka;

    @Test
    void aPendingDeadlineOverSpringFestival2027MovesWhenTheNoticeWithExtraDaysIsUploadedAndDeadlineRescheduledIsPublished()
            throws Exception {
        String subject = "OBJ-" + UUID.randomUUID();
        // Monday 2027-02-01; 5 working days. By law alone: 02-02..02-04, then 02-11, 02-12 (eve, festival and 补假 off).
        Instant received = Instant.parse("2027-02-01T02:00:00Z");
        boolean alreadyOfficial = calendar.isCovered(2027);
        Deadline before = registry.register(DeadlineRequest.forStep("objection", "mark-disputed", subject)
                .responsible("PSB", "320100").within(received, Rule.regulated(Period.workingDays(5), "TEST 5"))
                .remindBefore(Duration.ofHours(4)));
        if (!alreadyOfficial) {
            assertThat(before.dueAt()).isEqualTo(Instant.parse("2027-02-12T16:00:00Z"));
            assertThat(before.calendarBasis()).isEqualTo(CalendarBasis.PROVISIONAL.name());
        }

        mvc.perform(put("/api/test/calendar/years/2027").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                        .content(NOTICE_2027.formatted(alreadyOfficial)))
                .andExpect(status().is(alreadyOfficial ? 200 : 201))
                .andExpect(jsonPath("$.year").value(2027))
                .andExpect(jsonPath("$.makeupWorkingDays[0]").value("2027-02-20"));

        // 02-02..02-04, the break to Saturday 02-13, Sunday, then 02-15 and 02-16.
        Instant official = Instant.parse("2027-02-16T16:00:00Z");
        Deadline after = registry.find("objection", "mark-disputed", subject).orElseThrow();
        assertThat(calendar.source(2027)).contains(ScheduleSource.UPLOADED);
        assertThat(after.dueAt()).isEqualTo(official);
        assertThat(after.remindAt()).isEqualTo(official.minus(Duration.ofHours(4)));
        assertThat(after.calendarBasis()).isEqualTo("OFFICIAL");
        if (!alreadyOfficial) {
            assertThat(after.rescheduledFrom()).isEqualTo(Instant.parse("2027-02-12T16:00:00Z"));
            assertThat(after.rescheduleReason()).contains("国办发明电〔2026〕99号");

            var event = KafkaProbe.awaitRecord(embeddedKafka.getBrokersAsString(), Topics.DEADLINES, Duration.ofSeconds(20),
                    r -> subject.equals(r.key()));
            assertThat(KafkaProbe.header(event, CloudEventHeaders.TYPE)).contains(EventTypes.DEADLINE_RESCHEDULED.type());
            assertThat(KafkaProbe.header(event, CloudEventHeaders.DEPARTMENT)).contains("PSB");
            SchemaAssertions.assertConforms(EventTypes.DEADLINE_RESCHEDULED, event.value());
            JsonNode body = json.readTree(event.value());
            assertThat(body.get("previousDueAt").asString()).isEqualTo("2027-02-12T16:00:00Z");
            assertThat(body.get("dueAt").asString()).isEqualTo("2027-02-16T16:00:00Z");
        }

        mvc.perform(get("/api/test/deadlines").param("process", "objection").param("size", "200").with(OPERATOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.subjectId == '" + subject + "')].calendarBasis").value("OFFICIAL"));
        var published = KafkaProbe.awaitRecord(embeddedKafka.getBrokersAsString(), Topics.CALENDAR, Duration.ofSeconds(20),
                r -> "2027".equals(r.key()));
        SchemaAssertions.assertConforms(CalendarEventTypes.YEAR_PUBLISHED, published.value());
        assertThat(mongo.findById(2027, AdoptedYear.class, AdoptedYear.COLLECTION)).isNotNull();
        mvc.perform(get("/api/test/calendar/years").with(TestTokens.user("someone", "PSB", "320100", "dept-consumer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.year == 2027)].status").value("OFFICIAL"))
                .andExpect(jsonPath("$[?(@.year == 2027)].source").value("UPLOADED"));
    }

    @Test
    void aYearAlreadyOfficialIsReplacedOnlyWithReplaceTrue() throws Exception {
        String valid2026 = """
                {"noticeTitle":"国务院办公厅关于2026年部分节假日安排的通知","noticeNumber":"国办发明电〔2025〕7号",
                 "noticeDate":"2025-11-04","holidays":["2026-01-01..2026-01-03","2026-02-15..2026-02-23",
                 "2026-04-04..2026-04-06","2026-05-01..2026-05-05","2026-06-19","2026-09-25","2026-10-01..2026-10-07"],
                 "makeupWorkingDays":["2026-01-04"]}""";

        mvc.perform(put("/api/test/calendar/years/2026").with(OPERATOR).contentType(MediaType.APPLICATION_JSON).content(valid2026))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("\"replace\": true")));
        assertThat(calendar.source(2026)).isNotEqualTo(java.util.Optional.of(ScheduleSource.UPLOADED));
    }

    @Test
    void aContradictoryNoticeIsRefusedNamingEachDateAndRuleAndNothingIsApplied() throws Exception {
        String bad = """
                {"noticeTitle":"国务院办公厅关于2028年部分节假日安排的通知","noticeNumber":"国办发明电〔2027〕1号",
                 "noticeDate":"2027-11-10","holidays":["2028-01-01","2028-01-26..2028-01-31","2029-01-01"],
                 "makeupWorkingDays":["2028-01-31","2028-02-02"]}""";

        mvc.perform(put("/api/test/calendar/years/2028").with(OPERATOR).contentType(MediaType.APPLICATION_JSON).content(bad))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.message =~ /2029-01-01 is not in 2028.*/)]").exists())
                .andExpect(jsonPath("$.errors[?(@.message =~ /2028-01-31 is listed both.*/)]").exists())
                .andExpect(jsonPath("$.errors[?(@.message =~ /2028-02-02 is a WEDNESDAY.*/)]").exists())
                .andExpect(jsonPath("$.errors[?(@.message =~ /2028-01-25 .*statutory holiday.*/)]").exists())
                .andExpect(jsonPath("$.errors[?(@.message =~ /2028-10-01 .*statutory holiday.*/)]").exists());
        assertThat(calendar.isCovered(2028)).isFalse();
        assertThat(mongo.findById(2028, CalendarNoticeDesk.NoticeDocument.class, CalendarNoticeDesk.COLLECTION)).isNull();
    }

    @Test
    void onlyThePlatformOperatorUploadsAndAnonymousCallersAreUnauthorized() throws Exception {
        mvc.perform(put("/api/test/calendar/years/2029").with(TestTokens.user("clerk", "PSB", "320100", "dept-data-officer"))
                        .contentType(MediaType.APPLICATION_JSON).content(NOTICE_2027.replace("2027-", "2029-").formatted(false)))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/test/calendar/years/2029").contentType(MediaType.APPLICATION_JSON)
                        .content(NOTICE_2027.replace("2027-", "2029-").formatted(false)))
                .andExpect(status().isUnauthorized());
        assertThat(calendar.isCovered(2029)).isFalse();
    }
}
