package cn.govdata.platform.deadline;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.EventType;
import cn.govdata.events.EventTypes;
import cn.govdata.events.SchemaAssertions;
import cn.govdata.events.Topics;
import cn.govdata.platform.test.InMemoryWireStore;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.test.TestTokens;
import cn.govdata.platform.time.OffsetClock;
import cn.govdata.policy.Deadlines;
import cn.govdata.policy.Period;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
@ContextConfiguration(classes = StarterTestApplication.class, initializers = InMemoryWireStore.class)
@TestPropertySource(properties = StarterTestApplication.ADJUSTABLE_TIME)
class DeadlineFiringTest {

    static final JwtRequestPostProcessor OPERATOR = TestTokens.user("operator", "BDC", "320100", "platform-operator");

    @Autowired
    MockMvc mvc;
    @Autowired
    DeadlineRegistry registry;
    @Autowired
    DeadlineEngine engine;
    @Autowired
    OffsetClock clock;
    @Autowired
    WorkingDayCalendar calendar;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JsonMapper json;
    @Autowired
    StarterTestApplication.RecordingHandler handler;
    // The broker of this test's own context: the JVM-wide spring.embedded.kafka.brokers property
    // names whichever embedded broker started last, which may belong to another cached context.
    @Autowired
    EmbeddedKafkaBroker embeddedKafka;

    @Test
    void aDeadlineRegisteredThroughTheApiIsMissedOnceTheClockPassesItAndTheEventReachesKafka() throws Exception {
        String subject = "OBJ-" + UUID.randomUUID();
        Instant received = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant due = Deadlines.due(calendar, received, Period.workingDays(1));

        var created = mvc.perform(post("/api/test/deadlines").with(OPERATOR).contentType(MediaType.APPLICATION_JSON).content("""
                        {"process":"objection","step":"mark-disputed","subjectId":"%s","responsibleDepartment":"PSB",
                         "region":"320100","receivedAt":"%s","rule":"objection-mark","action":"ESCALATE_TO_BUREAU"}"""
                        .formatted(subject, received)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.dueAt").value(due.toString()))
                .andExpect(jsonPath("$.rule").value("objection-mark"))
                .andExpect(jsonPath("$.ruleSource").value("REGULATION"))
                .andExpect(jsonPath("$.ruleCitation").value("NJ 35"))
                .andExpect(jsonPath("$.state").value("PENDING"))
                .andReturn();
        String id = json.readTree(created.getResponse().getContentAsString()).get("id").asString();

        mvc.perform(post("/api/test/time/advance").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"by\":\"%s\"}".formatted(Duration.between(clock.instant(), due).plusMinutes(1))))
                .andExpect(status().isOk());

        ConsumerRecord<String, String> record = awaitEvent(EventTypes.DEADLINE_MISSED, subject);
        assertThat(KafkaProbe.header(record, CloudEventHeaders.SPEC_VERSION)).contains("1.0");
        assertThat(KafkaProbe.header(record, CloudEventHeaders.SOURCE)).contains("/govdata/starter-test");
        assertThat(KafkaProbe.header(record, CloudEventHeaders.SUBJECT)).contains(subject);
        assertThat(KafkaProbe.header(record, CloudEventHeaders.DEPARTMENT)).contains("PSB");
        assertThat(KafkaProbe.header(record, CloudEventHeaders.REGION)).contains("320100");
        assertThat(KafkaProbe.header(record, CloudEventHeaders.DATA_SCHEMA)).contains("https://govdata.cn/schemas/deadline.v1.json");
        assertThat(KafkaProbe.header(record, CloudEventHeaders.ID)).isPresent();
        assertThat(KafkaProbe.header(record, CloudEventHeaders.TIME)).isPresent();
        SchemaAssertions.assertConforms(EventTypes.DEADLINE_MISSED, record.value());
        JsonNode body = json.readTree(record.value());
        assertThat(body.get("deadlineId").asString()).isEqualTo(id);
        assertThat(body.get("action").asString()).isEqualTo("ESCALATE");
        assertThat(body.get("ruleCitation").asString()).isEqualTo("NJ 35");
        assertThat(body.get("dueAt").asString()).isEqualTo(due.toString());

        mvc.perform(get("/api/test/deadlines?process=objection&state=FIRED").with(OPERATOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.subjectId == '%s')].firedAt".formatted(subject)).isNotEmpty());
        assertThat(meters.get("deadlines_missed").tags("process", "objection", "department", "PSB").counter().count())
                .isGreaterThanOrEqualTo(1.0);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                meters.get("deadlines_due").tags("process", "objection", "department", "PSB").gauge().value()).isEqualTo(1.0));

        assertThat(registry.complete("objection", "mark-disputed", subject)).isTrue();
        assertThat(registry.find("objection", "mark-disputed", subject)).get()
                .satisfies(d -> assertThat(d.state()).isEqualTo(DeadlineState.COMPLETED));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                meters.get("deadlines_due").tags("process", "objection", "department", "PSB").gauge().value()).isZero());
    }

    @Test
    void aReminderGoesOutBeforeTheDueTimeAndTheDeadlineStillFiresWhenItPasses() {
        String subject = "SHR-" + UUID.randomUUID();
        Instant due = clock.instant().plus(Duration.ofHours(2));
        registry.register(DeadlineRequest.forStep("conditional-share", "provider-decision", subject)
                .responsible("PSB", "320100").dueAt(due).citing("NJ 22").remindBefore(Duration.ofHours(1)));

        clock.advance(Duration.ofMinutes(61));

        ConsumerRecord<String, String> reminder = awaitEvent(EventTypes.DEADLINE_APPROACHING, subject);
        SchemaAssertions.assertConforms(EventTypes.DEADLINE_APPROACHING, reminder.value());
        assertThat(json.readTree(reminder.value()).get("action").asString()).isEqualTo("REMIND");
        assertThat(registry.find("conditional-share", "provider-decision", subject)).get().satisfies(d -> {
            assertThat(d.state()).isEqualTo(DeadlineState.PENDING);
            assertThat(d.remindedAt()).isNotNull();
        });
        assertThat(meters.get("deadlines_reminded").tags("process", "conditional-share").counter().count()).isEqualTo(1.0);

        clock.advance(Duration.ofHours(1));

        ConsumerRecord<String, String> missed = awaitEvent(EventTypes.DEADLINE_MISSED, subject);
        SchemaAssertions.assertConforms(EventTypes.DEADLINE_MISSED, missed.value());
        assertThat(json.readTree(missed.value()).get("action").asString()).isEqualTo("MARK_OVERDUE");
        assertThat(json.readTree(missed.value()).get("ruleCitation").asString()).isEqualTo("NJ 22");
        assertThat(registry.find("conditional-share", "provider-decision", subject)).get()
                .satisfies(d -> assertThat(d.state()).isEqualTo(DeadlineState.FIRED));
    }

    @Test
    void aStepCompletedBeforeItsDueTimeFiresNothing() {
        String subject = "OPN-" + UUID.randomUUID();
        registry.register(DeadlineRequest.forStep("conditional-open", "decision", subject).responsible("PSB", "320100")
                .dueAt(clock.instant().plus(Duration.ofHours(1))).remindBefore(Duration.ofMinutes(30)));

        assertThat(registry.complete("conditional-open", "decision", subject)).isTrue();
        clock.advance(Duration.ofHours(2));
        engine.pollOnce();

        assertThat(registry.find("conditional-open", "decision", subject)).get().satisfies(d -> {
            assertThat(d.state()).isEqualTo(DeadlineState.COMPLETED);
            assertThat(d.remindedAt()).isNull();
            assertThat(d.firedAt()).isNull();
            assertThat(d.closedAt()).isBefore(d.dueAt());
        });
        assertThatThrownBy(() -> KafkaProbe.awaitRecord(embeddedKafka.getBrokersAsString(), Topics.DEADLINES, Duration.ofSeconds(3),
                r -> subject.equals(r.key()))).isInstanceOf(AssertionError.class);
        assertThat(meters.find("deadlines_missed").tags("process", "conditional-open").counter()).isNull();
        assertThat(registry.complete("conditional-open", "decision", subject)).isFalse();
        assertThat(registry.cancel("conditional-open", "decision", subject)).isFalse();
    }

    @Test
    void aHandlerRunsBeforeTheDeadlineIsMarkedFiredAndAFailingOneIsRetriedUntilItSucceeds() {
        String subject = "AUTO-" + UUID.randomUUID();
        handler.failuresToCome.put(subject, new AtomicInteger(1));
        registry.register(DeadlineRequest.forStep(StarterTestApplication.HANDLED_PROCESS, "decide", subject)
                .responsible("PSB", "210100").dueAt(clock.instant().minusSeconds(1)).onExpiry(ExpiryAction.AUTO_ACT));

        ConsumerRecord<String, String> missed = awaitEvent(EventTypes.DEADLINE_MISSED, subject);

        assertThat(json.readTree(missed.value()).get("action").asString()).isEqualTo("AUTO_ACT");
        assertThat(handler.missed.get(subject)).hasValue(2);
        assertThat(meters.get("deadline_handler_failures").tags("process", StarterTestApplication.HANDLED_PROCESS)
                .counter().count()).isGreaterThanOrEqualTo(1.0);
        assertThat(registry.find(StarterTestApplication.HANDLED_PROCESS, "decide", subject)).get()
                .satisfies(d -> assertThat(d.state()).isEqualTo(DeadlineState.FIRED));
    }

    private ConsumerRecord<String, String> awaitEvent(EventType<?> type, String subject) {
        return KafkaProbe.awaitRecord(embeddedKafka.getBrokersAsString(), Topics.DEADLINES, Duration.ofSeconds(20), r -> subject.equals(r.key())
                && KafkaProbe.header(r, CloudEventHeaders.TYPE).filter(type.type()::equals).isPresent());
    }
}
