package cn.govdata.events.opendata;

import cn.govdata.events.EventTypes;
import cn.govdata.events.OpenDataEventTypes;
import cn.govdata.events.SchemaAssertions;
import cn.govdata.events.Topics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OpenDataEventContractsTest {

    private static final Instant AT = Instant.parse("2026-11-20T02:00:00Z");

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyOpenDataEventIsRegisteredOnTheOpenDataTopic() {
        assertThat(EventTypes.all()).containsAll(OpenDataEventTypes.ALL);
        OpenDataEventTypes.ALL.forEach(t -> assertThat(t.topic()).isEqualTo(Topics.OPEN_DATA));
    }

    @Test
    void serializedOpenDataEventsConformToTheirSchemas() {
        SchemaAssertions.assertConforms(OpenDataEventTypes.DATASET_VERSION_PUBLISHED, json.writeValueAsString(
                new OpenDataEvents.DatasetVersionPublished("E-1", 2, "AMR", "食品经营许可信息", "UNCONDITIONAL", 12873,
                        List.of("身份证号"), "officer", AT)));
        SchemaAssertions.assertConforms(OpenDataEventTypes.APPLICATION_SUBMITTED, json.writeValueAsString(
                new OpenDataEvents.OpenApplicationSubmitted("ODA-1", "E-1", "AMR", "nju", "university", "研究", false, AT, AT)));
        SchemaAssertions.assertConforms(OpenDataEventTypes.APPLICATION_DECIDED, json.writeValueAsString(
                new OpenDataEvents.OpenApplicationDecided("ODA-1", "E-1", "AMR", "nju", "REJECTED", "用途不明确", "approver", AT)));
        SchemaAssertions.assertConforms(OpenDataEventTypes.LICENCE_ISSUED, json.writeValueAsString(
                new OpenDataEvents.LicenceIssued("ODL-1", "ODA-1", "E-1", "AMR", "nju", "2026-1", false, AT)));
        SchemaAssertions.assertConforms(OpenDataEventTypes.LICENCE_REVOKED, json.writeValueAsString(
                new OpenDataEvents.LicenceEnded("ODL-1", "E-1", "AMR", "nju", "转售数据", "approver", AT)));
        SchemaAssertions.assertConforms(OpenDataEventTypes.PLAN_FILED, json.writeValueAsString(
                new OpenDataEvents.OpenPlanFiled("AMR-2027", "AMR", 2027,
                        List.of(new OpenDataEvents.PlanItem("企业信用信息", "UNCONDITIONAL", "信用", "Q1", "E-1", "credit")), "officer", AT)));
        SchemaAssertions.assertConforms(OpenDataEventTypes.APPLICATION_ASSESSED, json.writeValueAsString(
                new OpenDataEvents.OpenApplicationAssessed("ODA-1", "E-1", "AMR", "nju", false, "用途超出数据范围", "ops", AT)));
        SchemaAssertions.assertConforms(OpenDataEventTypes.APPLICATION_AUTHORISED, json.writeValueAsString(
                new OpenDataEvents.OpenApplicationAuthorised("ODA-1", "E-1", "AMR", "nju", "ops", AT)));
        SchemaAssertions.assertConforms(OpenDataEventTypes.SELECTION_OPENED, json.writeValueAsString(
                new OpenDataEvents.SelectionRoundOpened("ODS-1", "E-1", "AMR", "技术方案60分，安全保障40分", AT, "bureau", AT)));
        SchemaAssertions.assertConforms(OpenDataEventTypes.SELECTION_DECIDED, json.writeValueAsString(
                new OpenDataEvents.SelectionRoundDecided("ODS-1", "E-1", "AMR", 3, "某数据科技有限公司", "ODA-2", "综合得分最高",
                        "bureau", AT)));
    }

    @Test
    void aDecisionWithAnUnknownOutcomeIsRejectedByTheSchema() {
        String body = json.writeValueAsString(
                new OpenDataEvents.OpenApplicationDecided("ODA-1", "E-1", "AMR", "nju", "MAYBE", null, "approver", AT));
        assertThat(SchemaAssertions.violations(OpenDataEventTypes.APPLICATION_DECIDED, body)).isNotEmpty();
    }
}
