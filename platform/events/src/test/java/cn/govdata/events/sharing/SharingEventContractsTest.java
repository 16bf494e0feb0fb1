package cn.govdata.events.sharing;

import cn.govdata.events.EventType;
import cn.govdata.events.SchemaAssertions;
import cn.govdata.events.SharingEventTypes;
import cn.govdata.events.Topics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SharingEventContractsTest {

    private static final Instant T = Instant.parse("2026-11-20T02:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-24T16:00:00Z");
    private static final List<String> ITEMS = List.of("姓名", "参保状态");

    private final JsonMapper json = JsonMapper.builder().build();

    private final Map<EventType<?>, Object> samples = Map.ofEntries(
            Map.entry(SharingEventTypes.APPLICATION_SUBMITTED, new SharingEvents.ApplicationSubmitted("APP-1", "NEW", null,
                    "R-1", "社保参保信息", "CONDITIONAL", "HRSS", "CAB", "低保资格审核", "核对参保状态", "社会救助暂行办法",
                    ITEMS, List.of("姓名"), "API", "DATA", T, LATER, "FORMALITY_CHECK", T, LATER, null)),
            Map.entry(SharingEventTypes.PROVIDER_OPINION_GIVEN, new SharingEvents.ProviderOpinionGiven("APP-1", "R-1", "HRSS",
                    "CAB", "bureau-after-consulting-provider", "APPROVE", ITEMS, List.of(), List.of("履职必需"), null,
                    "hrss-approver", T, "QZ 5.4")),
            Map.entry(SharingEventTypes.DISPUTE_REFERRED, new SharingEvents.DisputeReferred("APP-1", "R-1", "HRSS", "CAB",
                    "GOVERNMENT", "协调不成", "bureau", T, "SY 28")),
            Map.entry(SharingEventTypes.DISPUTE_DECIDED, new SharingEvents.DisputeDecided("APP-1", "R-1", "HRSS", "CAB",
                    "GOVERNMENT", "沈阳市人民政府", "GRANT", List.of("履职必需"), "2026-12-01", "bureau", T, "GR-1", "SY 28")),
            Map.entry(SharingEventTypes.GRANT_PLATFORM_REVIEWED, new SharingEvents.GrantPlatformReviewed("GR-1", "R-1", "HRSS",
                    "CAB", "CONFIRMED", "同意授权", "bureau", T, LATER)),
            Map.entry(SharingEventTypes.FORMALITY_CHECKED, new SharingEvents.FormalityChecked("APP-1", "R-1", "HRSS", "CAB",
                    true, List.of(), "bureau", T, T, LATER, LATER)),
            Map.entry(SharingEventTypes.APPLICATION_DECIDED, new SharingEvents.ApplicationDecided("APP-1", "NEW", null, "R-1",
                    "HRSS", "CAB", "APPROVED", ITEMS, List.of("姓名"), List.of(), LATER, List.of(), null,
                    "silence-is-consent (SY 25)", true, T, T, T, LATER, null, "GR-1")),
            Map.entry(SharingEventTypes.APPLICATION_ESCALATED, new SharingEvents.ApplicationEscalated("APP-1", "R-1", "HRSS",
                    "CAB", "履职必需", List.of("无法律依据"), T, T)),
            Map.entry(SharingEventTypes.COORDINATION_DECIDED, new SharingEvents.CoordinationDecided("APP-1", "R-1", "HRSS",
                    "CAB", "GRANT", List.of("协商一致"), "bureau", T, T, "GR-1")),
            Map.entry(SharingEventTypes.GRANT_ISSUED, new SharingEvents.GrantIssued("GR-1", "APP-1", "R-1", "社保参保信息",
                    "HRSS", "CAB", "低保资格审核", "核对参保状态", ITEMS, List.of(), "API", "DATA", T, LATER, "approver",
                    "PROVIDER_DECISION", T, T, null, 10000, 600)),
            Map.entry(SharingEventTypes.GRANT_SUSPENDED, new SharingEvents.GrantSuspended("GR-1", "R-1", "HRSS", "CAB",
                    "超范围使用", "bureau", T)),
            Map.entry(SharingEventTypes.GRANT_REINSTATED, new SharingEvents.GrantReinstated("GR-1", "R-1", "HRSS", "CAB",
                    null, "bureau", LATER, T)),
            Map.entry(SharingEventTypes.GRANT_REVOKED, new SharingEvents.GrantRevoked("GR-1", "R-1", "HRSS", "CAB", "UNUSED",
                    "unused", "approver", LATER, null)),
            Map.entry(SharingEventTypes.GRANT_EXPIRED, new SharingEvents.GrantExpired("GR-1", "R-1", "HRSS", "CAB", LATER, LATER)),
            Map.entry(SharingEventTypes.GRANT_NARROWED, new SharingEvents.GrantNarrowed("GR-1", "R-1", "HRSS", "CAB",
                    List.of("参保状态"), List.of("姓名"), 2, T)),
            Map.entry(SharingEventTypes.GRANT_WIDENED, new SharingEvents.GrantWidened("GR-1", "APP-2", "R-1", "HRSS", "CAB",
                    List.of("姓名"), List.of("姓名"), "《社会救助暂行办法》第十一条", "approver", T)),
            Map.entry(SharingEventTypes.GRANT_ENDING_NOTICE, new SharingEvents.GrantEndingNotice("GR-1", "R-1", "HRSS", "CAB",
                    "RESOURCE_WITHDRAWAL_REQUESTED", "系统下线", T)),
            Map.entry(SharingEventTypes.GRANT_RENEWED, new SharingEvents.GrantRenewed("GR-1", "APP-2", "R-1", "HRSS", "CAB",
                    T, LATER, "approver", T, T)),
            Map.entry(SharingEventTypes.CORRECTION_NOTIFIED, new SharingEvents.CorrectionNotified("GR-1", "R-1", "PSB", "HRSS",
                    "pk_3f1c0a9be2d4475a8c61b0e9d7f2a6c4e8b1d305", List.of("住址"), "OBJ-20261120-0001", T, LATER)),
            Map.entry(SharingEventTypes.DEMAND_RAISED, new SharingEvents.DemandRaised("DMD-1", "CAB", "HRSS", "灵活就业人员名单",
                    ITEMS, "救助对象核查", T, LATER)),
            Map.entry(SharingEventTypes.DEMAND_ANSWERED, new SharingEvents.DemandAnswered("DMD-1", "CAB", "HRSS", "WILL_PUBLISH",
                    LocalDate.of(2026, 12, 10), LATER, null, "officer", T, T, LATER)),
            Map.entry(SharingEventTypes.DEMAND_FULFILLED, new SharingEvents.DemandFulfilled("DMD-1", "CAB", "HRSS", "R-2",
                    "officer", T, LATER)),
            Map.entry(SharingEventTypes.INTERFACE_REQUESTED, new InterfaceRequestEvents.InterfaceRequested("IFR-1", "HRSS", "CAB",
                    "灵活就业人员参保状态", "低保资格核验", "按身份证号查询参保状态", "bureau-reviewer-wang", T, LATER)),
            Map.entry(SharingEventTypes.INTERFACE_REQUEST_EXTENDED, new InterfaceRequestEvents.InterfaceRequestExtended("IFR-1",
                    "HRSS", 5, "系统改造", "bureau-reviewer-wang", T, T, LATER)),
            Map.entry(SharingEventTypes.INTERFACE_DELIVERED, new InterfaceRequestEvents.InterfaceDelivered("IFR-1", "HRSS", null,
                    "officer", T, LATER, false)),
            Map.entry(SharingEventTypes.INTERFACE_PUBLISHED, new InterfaceRequestEvents.InterfacePublished("IFR-1", "HRSS", "CAB",
                    "hrss-insured-status-v1", "operator", T)),
            Map.entry(SharingEventTypes.INTERFACE_REQUEST_OVERDUE, new InterfaceRequestEvents.InterfaceRequestOverdue("IFR-1", "HRSS",
                    null, LATER, true)));

    @Test
    void everySharingEventSerializesToABodyItsSchemaAccepts() {
        assertThat(samples.keySet()).containsExactlyInAnyOrderElementsOf(SharingEventTypes.ALL);
        samples.forEach((type, payload) -> {
            assertThat(type.payloadClass()).isInstanceOf(Class.class).isEqualTo(payload.getClass());
            SchemaAssertions.assertConforms(type, json.writeValueAsString(payload));
        });
    }

    @Test
    void sharingEventsTravelOnTheSharingTopicWithTheirOwnSchemas() {
        for (EventType<?> type : SharingEventTypes.ALL) {
            assertThat(type.topic()).isEqualTo(Topics.SHARING);
            assertThat(type.type()).startsWith("cn.govdata.sharing.").endsWith(".v1");
            assertThat(type.schemaResource()).contains("/sharing-");
        }
    }

    @Test
    void aGrantIssuedWithoutItsItemsIsRejected() {
        String body = """
                {"grantId":"GR-1","applicationId":"APP-1","resourceId":"R-1","resourceName":"n","providerDepartment":"HRSS",
                 "consumerDepartment":"CAB","scenario":"s","purpose":"p","unmaskedItems":[],"method":"API","kind":"DATA",
                 "validFrom":"2026-11-20T02:00:00Z","validTo":"2027-11-20T02:00:00Z","approvedBy":"a","route":"PLATFORM_DIRECT",
                 "applicationSubmittedAt":"2026-11-20T02:00:00Z","issuedAt":"2026-11-20T02:00:00Z","dailyQuota":1,"ratePerMinute":1}""";

        assertThat(SchemaAssertions.violations(SharingEventTypes.GRANT_ISSUED, body))
                .anySatisfy(v -> assertThat(v.getMessage()).contains("items"));
    }
}
