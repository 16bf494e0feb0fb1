package cn.govdata.events;

import cn.govdata.events.catalog.DepartmentRegistered;
import cn.govdata.events.deadline.DeadlineEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.HashSet;

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
    void aSerializedDeadlineEventConformsToItsSchema() {
        var event = new DeadlineEvent("d-1", "objection", "mark-disputed", "OBJ-1", "PSB",
                Instant.parse("2026-11-23T16:00:00Z"), "ESCALATE", "NJ 35", Instant.parse("2026-11-24T00:00:00Z"));

        SchemaAssertions.assertConforms(EventTypes.DEADLINE_MISSED, json.writeValueAsString(event));
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
