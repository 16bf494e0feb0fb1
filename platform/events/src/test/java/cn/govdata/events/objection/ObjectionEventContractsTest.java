package cn.govdata.events.objection;

import cn.govdata.events.ObjectionEventTypes;
import cn.govdata.events.SchemaAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectionEventContractsTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final Instant at = Instant.parse("2026-11-23T02:00:00Z");
    private static final String PSEUDONYM = "pk_3f1c0a9be2d4475a8c61b0e9d7f2a6c4e8b1d305";

    @Test
    void everyObjectionEventSerializesToABodyItsSchemaAccepts() {
        SchemaAssertions.assertConforms(ObjectionEventTypes.DATA_DISPUTED, json.writeValueAsString(
                new ObjectionEvents.DataDisputed("YY-2026-000001", "PSB-0001", "PSB", PSEUDONYM, List.of("住址"), "ERROR", at)));
        SchemaAssertions.assertConforms(ObjectionEventTypes.DISPUTE_RESOLVED, json.writeValueAsString(
                new ObjectionEvents.DisputeResolved("YY-2026-000001", "PSB-0001", "PSB", PSEUDONYM, "CORRECTED", at)));
        SchemaAssertions.assertConforms(ObjectionEventTypes.DATA_CORRECTED, json.writeValueAsString(
                new ObjectionEvents.DataCorrected("YY-2026-000001", "PSB-0001", "PSB", PSEUDONYM, List.of("住址"), at)));
        SchemaAssertions.assertConforms(ObjectionEventTypes.OBJECTION_RECEIVED, json.writeValueAsString(
                new ObjectionCaseEvents.Received("YY-2026-000001", "PUBLIC", "ERROR", "PSB-0001", "PSB", null, List.of(),
                        "张*", null, null, null, at, at.plusSeconds(86_400), null, at.plusSeconds(172_800))));
        SchemaAssertions.assertConforms(ObjectionEventTypes.OBJECTION_RECEIVED, json.writeValueAsString(
                new ObjectionCaseEvents.Received("YY-2026-000002", "DATA_SUBJECT", "OMISSION", "PSB-0001", "PSB", PSEUDONYM,
                        List.of("住址"), "李*", null, "HRSS", true, at, null, at, at.plusSeconds(172_800))));
        SchemaAssertions.assertConforms(ObjectionEventTypes.OBJECTION_ROUTED, json.writeValueAsString(
                new ObjectionCaseEvents.Routed("YY-2026-000001", "DEPARTMENT", "PSB", "operator", at, at, true, at)));
        SchemaAssertions.assertConforms(ObjectionEventTypes.OBJECTION_DECIDED, json.writeValueAsString(
                new ObjectionCaseEvents.Decided("YY-2026-000001", "PSB-0001", "PSB", "REJECT", "approver", at, at, false, null)));
        SchemaAssertions.assertConforms(ObjectionEventTypes.OBJECTION_ESCALATED, json.writeValueAsString(
                new ObjectionCaseEvents.Escalated("YY-2026-000001", "transfer", "BDC", at, "NJ 35", at)));
        SchemaAssertions.assertConforms(ObjectionEventTypes.OBJECTOR_INFORMED, json.writeValueAsString(
                new ObjectionCaseEvents.ObjectorInformed("YY-2026-000001", "CORRECTED", "TRACKING_PAGE", at)));
    }

    @Test
    void aReceivedEventCannotSmuggleTheObjectorsContactDetails() {
        String withPhone = """
                {"caseId":"YY-2026-000001","kind":"PUBLIC","reason":"ERROR","resourceId":"PSB-0001","providerDepartment":"PSB",
                 "fields":[],"objectorMasked":"张*","objectorPhone":"13812345678","receivedAt":"2026-11-23T02:00:00Z",
                 "transferDueAt":"2026-11-25T16:00:00Z"}""";

        assertThat(SchemaAssertions.violations(ObjectionEventTypes.OBJECTION_RECEIVED, withPhone))
                .anySatisfy(v -> assertThat(v.getMessage()).contains("objectorPhone"));
    }

    @Test
    void disputeAndCorrectionEventsRefuseARecordKeyInPlaceOfItsPseudonym() {
        for (var type : List.of(ObjectionEventTypes.DATA_DISPUTED, ObjectionEventTypes.DISPUTE_RESOLVED, ObjectionEventTypes.DATA_CORRECTED)) {
            String body = json.writeValueAsString(new ObjectionEvents.DataCorrected("YY-2026-000001", "PSB-0001", "PSB",
                    "320115200206235413", List.of("住址"), at));
            assertThat(SchemaAssertions.violations(type, body)).anySatisfy(v -> assertThat(v.getMessage()).contains("recordPseudonym"));
        }
        String received = json.writeValueAsString(new ObjectionCaseEvents.Received("YY-2026-000002", "DATA_SUBJECT", "OMISSION",
                "PSB-0001", "PSB", "320115200206235413", List.of("住址"), "李*", null, "HRSS", true, at, null, at, at));
        assertThat(SchemaAssertions.violations(ObjectionEventTypes.OBJECTION_RECEIVED, received))
                .anySatisfy(v -> assertThat(v.getMessage()).contains("recordPseudonym"));
    }
}
