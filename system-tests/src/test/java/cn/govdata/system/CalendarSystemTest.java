package cn.govdata.system;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loading next year's holiday notice through the gateway: the platform operator uploads the 2027
 * schedule to catalog-service, every service adopts it from govdata.calendar.v1, and pending
 * deadlines over Spring Festival 2027 move — a Nanjing objection deadline in objection-service and a
 * Shenyang share-decision deadline (SY 25, 5 working days) in sharing-service restarted under the
 * Shenyang profile. Deadlines are registered through the demo {@code POST /deadlines} (the stack runs
 * with GOVDATA_TIME_ADJUSTABLE=true) with a rule and a receipt time in February 2027.
 *
 * <p>Reruns leave the stack as they found it apart from 2027 being official: when 2027 is official
 * already, the test first re-uploads (replace) the schedule the law alone gives, so the deadlines
 * start from the provisional due times again, then uploads the fixture with the extra days.
 */
class CalendarSystemTest {

    // TEST FIXTURE, not the State Council's 2027 notice (not published when this was written): every
    // statutory day of 全国年节及纪念日放假办法, Spring Festival stretched to 02-05..02-13 with makeup
    // Saturday 02-20, National Day to 10-01..10-07 with makeup 09-26 and 10-09.
    static final String NOTICE_2027 = """
            {"noticeTitle":"国务院办公厅关于2027年部分节假日安排的通知（测试样例）","noticeNumber":"国办发明电〔2026〕TEST号",
             "noticeDate":"2026-11-10",
             "holidays":["2027-01-01..2027-01-03","2027-02-05..2027-02-13","2027-04-03..2027-04-05",
                         "2027-05-01..2027-05-05","2027-06-09","2027-09-15","2027-10-01..2027-10-07"],
             "makeupWorkingDays":["2027-02-20","2027-09-26","2027-10-09"],
             "replace":true}""";
    // What the law alone gives 2027 (statutory days and their 补假), uploaded on reruns to start over.
    static final String LAW_ONLY_2027 = """
            {"noticeTitle":"2027年法定节假日（测试：仅按放假办法推算）","noticeNumber":"TEST-LAW-ONLY","noticeDate":"2026-11-01",
             "holidays":["2027-01-01","2027-02-05..2027-02-10","2027-04-05","2027-05-01..2027-05-04","2027-06-09",
                         "2027-09-15","2027-10-01..2027-10-05"],
             "makeupWorkingDays":[],"replace":true}""";

    static String operator;
    static String bureau;
    static String psbOfficer;
    static String citizen;

    @BeforeAll
    static void tokens() {
        operator = Stack.passwordToken("operator");
        bureau = Stack.passwordToken("bureau");
        psbOfficer = Stack.passwordToken("psb-officer");
        citizen = Stack.passwordToken("citizen");
    }

    @Test
    void onlyThePlatformOperatorMayUploadANotice() {
        assertThat(Stack.call("PUT", "/api/catalog/calendar/years/2027", null, NOTICE_2027).status()).isEqualTo(401);
        assertThat(Stack.call("PUT", "/api/catalog/calendar/years/2027", citizen, NOTICE_2027).status()).isEqualTo(403);
        assertThat(Stack.call("PUT", "/api/catalog/calendar/years/2027", psbOfficer, NOTICE_2027).status()).isEqualTo(403);
    }

    @Test
    void aNoticeMissingAStatutoryDayIsRefusedNamingTheDate() {
        var refused = Stack.call("PUT", "/api/catalog/calendar/years/2027", operator,
                NOTICE_2027.replace("\"2027-06-09\",", ""));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.body()).contains("2027-06-09").contains("端午节");
    }

    @Test
    void uploading2027MovesThePendingNanjingObjectionAndShenyangShareDecisionDeadlinesOverSpringFestival() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        if (official2027()) {
            var reset = Stack.call("PUT", "/api/catalog/calendar/years/2027", operator, LAW_ONLY_2027);
            assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
            awaitYear("/api/objections", "TEST-LAW-ONLY");
            awaitYear("/api/sharing", "TEST-LAW-ONLY");
        }
        Stack.govdata(Map.of("GOVDATA_JURISDICTION", "shenyang"), "restart", "sharing-service");
        try {
            assertThat(Stack.call("GET", "/api/sharing/policy", operator, null).body()).contains("shenyang");
            // Thursday 2027-02-04, NJ 35 one working day: by law alone the eve (02-05) to the 补假 (02-10) are off, so Thursday 02-11.
            JsonNode objection = register("/api/objections", "objection", "mark-disputed", "OBJ-CAL-" + run, "PSB", "320100",
                    "2027-02-04T02:00:00Z", "objection-mark");
            assertThat(objection.get("dueAt").asString()).isEqualTo("2027-02-11T16:00:00Z");
            // Monday 2027-02-01, SY 25 five working days: 02-02..02-04, 02-11, 02-12.
            JsonNode share = register("/api/sharing", "conditional-share", "provider-decision", "APP-CAL-" + run, "PSB", "210100",
                    "2027-02-01T02:00:00Z", "conditional-share-decision");
            assertThat(share.get("dueAt").asString()).isEqualTo("2027-02-12T16:00:00Z");
            assertThat(share.get("ruleCitation").asString()).isEqualTo("SY 25");

            var uploaded = Stack.call("PUT", "/api/catalog/calendar/years/2027", operator, NOTICE_2027);
            assertThat(uploaded.status()).as(uploaded.toString()).isIn(200, 201);
            assertThat(uploaded.json().get("makeupWorkingDays").get(0).asString()).isEqualTo("2027-02-20");

            // The fixture closes 02-05..02-13: the objection is due at the end of Monday 02-15, the share decision of Tuesday 02-16.
            JsonNode movedObjection = awaitMoved("/api/objections", "objection", "OBJ-CAL-" + run, "2027-02-15T16:00:00Z");
            assertThat(movedObjection.get("rescheduledFrom").asString()).isEqualTo("2027-02-11T16:00:00Z");
            assertThat(movedObjection.get("calendarBasis").asString()).isEqualTo("OFFICIAL");
            assertThat(movedObjection.get("rescheduleReason").asString()).contains("国办发明电〔2026〕TEST号");
            JsonNode movedShare = awaitMoved("/api/sharing", "conditional-share", "APP-CAL-" + run, "2027-02-16T16:00:00Z");
            assertThat(movedShare.get("rescheduledFrom").asString()).isEqualTo("2027-02-12T16:00:00Z");

            // The responsible department sees the change on its own deadlines.
            var ownView = Stack.call("GET", "/api/objections/deadlines?process=objection&size=200", psbOfficer, null);
            assertThat(ownView.status()).isEqualTo(200);
            assertThat(ownView.body()).contains("OBJ-CAL-" + run).contains("\"rescheduledFrom\":\"2027-02-11T16:00:00Z\"");
            var policy = Stack.call("GET", "/api/objections/policy", bureau, null).json().get("calendar");
            assertThat(policy.get("coveredUntil").asInt()).isGreaterThanOrEqualTo(2027);
        } finally {
            Stack.govdata("restart", "sharing-service");
        }
    }

    private static boolean official2027() {
        for (JsonNode year : Stack.call("GET", "/api/catalog/calendar/years", operator, null).json()) {
            if (year.get("year").asInt() == 2027) {
                return year.get("status").asString().equals("OFFICIAL");
            }
        }
        return false;
    }

    private static void awaitYear(String api, String noticeNumberOrText) {
        WalkingSkeletonSystemTest.eventually(api + " adopts the 2027 notice " + noticeNumberOrText, () ->
                Stack.call("GET", api + "/calendar/years", operator, null).body().contains(noticeNumberOrText));
    }

    private static JsonNode register(String api, String process, String step, String subject, String department, String region,
                                     String receivedAt, String rule) {
        var response = Stack.call("POST", api + "/deadlines", operator, """
                {"process":"%s","step":"%s","subjectId":"%s","responsibleDepartment":"%s","region":"%s",
                 "receivedAt":"%s","rule":"%s","action":"ESCALATE_TO_BUREAU"}"""
                .formatted(process, step, subject, department, region, receivedAt, rule));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    private static JsonNode awaitMoved(String api, String process, String subject, String dueAt) {
        JsonNode[] found = new JsonNode[1];
        WalkingSkeletonSystemTest.eventually(subject + " is due " + dueAt + " in " + api, () -> {
            for (JsonNode d : Stack.call("GET", api + "/deadlines?process=" + process + "&size=200", bureau, null).json().get("items")) {
                if (d.get("subjectId").asString().equals(subject) && d.get("dueAt").asString().equals(dueAt)) {
                    found[0] = d;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }
}
