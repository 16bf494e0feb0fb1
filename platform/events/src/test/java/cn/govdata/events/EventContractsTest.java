package cn.govdata.events;

import cn.govdata.events.catalog.CatalogEntryEvents;
import cn.govdata.events.catalog.CatalogEntrySnapshot;
import cn.govdata.events.catalog.DepartmentRegistered;
import cn.govdata.events.calendar.CalendarYearPublished;
import cn.govdata.events.deadline.DeadlineEvent;
import cn.govdata.events.deadline.DeadlineRescheduled;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventContractsTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aSerializedDepartmentRegisteredConformsToItsSchema() {
        var event = new DepartmentRegistered("PSB", "市公安局", "CITY", "320100", null,
                new DepartmentRegistered.DataOfficer("张伟", "025-84420000", "zhangwei@psb.example.gov.cn"),
                Instant.parse("2026-11-20T02:00:00Z"), "bureau");

        SchemaAssertions.assertConforms(EventTypes.DEPARTMENT_REGISTERED, json.writeValueAsString(event));
    }

    @Test
    void aBodyMissingARequiredFieldIsRejectedByTheSchema() {
        String withoutRegion = """
                {"code":"PSB","name":"市公安局","level":"CITY","dataOfficer":{"realName":"张伟","phone":"1"},
                 "registeredAt":"2026-11-20T02:00:00Z","registeredBy":"bureau"}""";

        assertThat(SchemaAssertions.violations(EventTypes.DEPARTMENT_REGISTERED, withoutRegion))
                .anySatisfy(v -> assertThat(v.getMessage()).contains("region"));
    }

    @Test
    void aPublishedCatalogEntryCarriesWhyItIsNotOpenAndConformsToItsSchema() {
        var snapshot = new CatalogEntrySnapshot("101001-PSB-000001", 1, "人口基础信息", null, "PSB", "人口信息管理系统", "BASIC",
                "POPULATION", List.of("JSON"), List.of(new CatalogEntrySnapshot.DataItem("公民身份号码", "STRING", 18, null, true, true)),
                "UNCONDITIONAL", null, null, List.of("API"), "NOT_OPEN", null, "含个人信息", "《个人信息保护法》第二十八条", false,
                "DAILY", "人口", null, "320100", "IMPORTANT");
        String body = json.writeValueAsString(new CatalogEntryEvents.Published(snapshot, "bureau",
                Instant.parse("2026-11-20T02:00:00Z"), Instant.parse("2026-11-19T02:00:00Z")));

        SchemaAssertions.assertConforms(EventTypes.CATALOG_ENTRY_PUBLISHED, body);
        assertThat(json.readTree(body).get("entry").get("openReason").asString()).isEqualTo("含个人信息");
    }

    @Test
    void aSerializedDeadlineEventConformsToItsSchema() {
        var event = new DeadlineEvent("d-1", "objection", "mark-disputed", "OBJ-1", "PSB",
                Instant.parse("2026-11-23T16:00:00Z"), "ESCALATE", "NJ 35", Instant.parse("2026-11-24T00:00:00Z"));

        SchemaAssertions.assertConforms(EventTypes.DEADLINE_MISSED, json.writeValueAsString(event));
    }

    @Test
    void aDeadlineEventSaysWhetherItsDueTimeIsProvisional() {
        var event = new DeadlineEvent("d-1", "objection", "mark-disputed", "OBJ-1", "PSB",
                Instant.parse("2027-01-05T16:00:00Z"), "REMIND", "NJ 35", Instant.parse("2027-01-05T12:00:00Z"), "PROVISIONAL");

        SchemaAssertions.assertConforms(EventTypes.DEADLINE_APPROACHING, json.writeValueAsString(event));
        assertThat(SchemaAssertions.violations(EventTypes.DEADLINE_APPROACHING,
                json.writeValueAsString(event).replace("PROVISIONAL", "GUESSED"))).isNotEmpty();
    }

    @Test
    void aDeadlineRescheduledConformsToItsSchemaAndNeedsBothDueTimes() {
        var event = new DeadlineRescheduled("d-1", "objection", "mark-disputed", "OBJ-1", "PSB",
                Instant.parse("2027-02-11T16:00:00Z"), Instant.parse("2027-02-17T16:00:00Z"), "OFFICIAL", "NJ 35", 2027,
                "国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕1号）", "2027 holiday notice loaded",
                Instant.parse("2026-12-02T02:00:00Z"));
        String body = json.writeValueAsString(event);

        SchemaAssertions.assertConforms(EventTypes.DEADLINE_RESCHEDULED, body);
        assertThat(SchemaAssertions.violations(EventTypes.DEADLINE_RESCHEDULED, body.replaceAll("\"previousDueAt\":\"[^\"]+\",", "")))
                .anySatisfy(v -> assertThat(v.getMessage()).contains("previousDueAt"));
    }

    @Test
    void aCalendarYearPublishedConformsToItsSchemaAndTravelsOnTheCalendarTopic() {
        var event = new CalendarYearPublished(2027, 1, "国务院办公厅关于2027年部分节假日安排的通知", "国办发明电〔2026〕1号",
                java.time.LocalDate.parse("2026-11-10"), List.of(java.time.LocalDate.parse("2027-01-01")),
                List.of(java.time.LocalDate.parse("2027-02-20")), false, "operator", Instant.parse("2026-12-02T02:00:00Z"));

        SchemaAssertions.assertConforms(CalendarEventTypes.YEAR_PUBLISHED, json.writeValueAsString(event));
        assertThat(CalendarEventTypes.YEAR_PUBLISHED.topic()).isEqualTo(Topics.CALENDAR);
        assertThat(Topics.ALL).contains(Topics.CALENDAR);
    }

    @Test
    void everyEventTypeHasAUniqueNameAVersionedTopicAndASchemaOnTheClasspath() {
        var names = new HashSet<String>();
        for (EventType<?> type : EventTypes.all()) {
            assertThat(names.add(type.type())).as("duplicate %s", type.type()).isTrue();
            assertThat(type.topic()).matches("govdata\\.[a-z-]+\\.v\\d+");
            assertThat(Topics.ALL).contains(type.topic());
            assertThat(getClass().getClassLoader().getResource(type.schemaResource())).isNotNull();
        }
    }

    @Test
    void theAsyncApiDocumentDescribesEveryEventType() throws Exception {
        try (var in = getClass().getClassLoader().getResourceAsStream("cn/govdata/events/asyncapi.yaml")) {
            String doc = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            EventTypes.all().forEach(t -> assertThat(doc).contains("name: " + t.type()));
            Topics.ALL.stream().filter(topic -> EventTypes.all().stream().anyMatch(t -> t.topic().equals(topic)))
                    .forEach(topic -> assertThat(doc).contains("address: " + topic));
        }
    }
}
