package cn.govdata.system;

import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Audit's "done when" on the running stack: the trail verifies; a record edited by hand in the
 * store is reported as exactly that record (and the chain verifies again once it is put back); an
 * auditor finds one consumer's accesses of the last hour; departments download their usage logs;
 * a provider that lets a share decision run past its deadline shows it on its scorecard.
 */
class AuditSystemTest {

    static String bureau;
    static String auditor;
    static String psb;
    static String hrss;
    static String operator;

    @BeforeAll
    static void tokens() {
        bureau = Stack.passwordToken("bureau");
        auditor = Stack.passwordToken("auditor");
        psb = Stack.passwordToken("psb-officer");
        operator = Stack.passwordToken("operator");
        hrss = Stack.clientToken(Stack.get("HRSS_SYSTEM_CLIENT_ID"), Stack.get("HRSS_SYSTEM_CLIENT_SECRET"));
        Scenarios.department(bureau, "PSB", "市公安局");
        Scenarios.department(bureau, "HRSS", "市人力资源和社会保障局");
    }

    @Test
    void aRecordEditedByHandInTheStoreIsReportedAsExactlyThatRecordUntilItIsPutBack() {
        String code = "T" + Scenarios.run().substring(0, 7);
        var registered = Stack.call("POST", "/api/catalog/departments", bureau, """
                {"code":"%s","name":"审计测试局","level":"CITY","region":"320100",
                 "dataOfficer":{"realName":"李娜","phone":"025-84420001"}}""".formatted(code));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        JsonNode[] stored = new JsonNode[1];
        WalkingSkeletonSystemTest.eventually("audit stores the registration of " + code, () -> {
            var found = Stack.call("GET", "/api/audit/events?subject=" + code, auditor, null);
            if (found.status() == 200 && found.json().get("totalItems").asInt() == 1) {
                stored[0] = found.json().get("items").get(0);
                return true;
            }
            return false;
        });
        String eventId = stored[0].get("eventId").asString();
        String chain = stored[0].get("chain").asString();
        assertThat(chain(verification(), chain).get("alteredCount").asLong()).isZero();

        String uri = Stack.get("WIRE_STORE_URI");
        try (var client = MongoClients.create(uri)) {
            var blocks = client.getDatabase("audit").getCollection("audit_blocks");
            Document block = null;
            int index = -1;
            for (Document candidate : blocks.find(Filters.eq("chain", chain))) {
                List<String> records = candidate.getList("records", String.class);
                for (int i = 0; i < records.size(); i++) {
                    if (records.get(i).contains(eventId)) {
                        block = candidate;
                        index = i;
                    }
                }
            }
            assertThat(block).as("the block holding %s in chain %s", eventId, chain).isNotNull();
            String original = block.getList("records", String.class).get(index);
            assertThat(original).contains("审计测试局");
            var where = Filters.eq("_id", block.get("_id"));
            blocks.updateOne(where, Updates.set("records." + index, original.replace("审计测试局", "审计测试厅")));
            try {
                JsonNode report = verification();
                assertThat(report.get("status").asString()).isEqualTo("BROKEN");
                JsonNode tampered = chain(report, chain);
                assertThat(tampered.get("alteredCount").asLong()).isEqualTo(1);
                assertThat(tampered.get("altered").get(0).asString()).isEqualTo(eventId);
                assertThat(tampered.get("removedCount").asLong()).isZero();
                assertThat(tampered.get("insertedCount").asLong()).isZero();
                assertThat(tampered.get("firstBrokenAt").asLong()).isEqualTo(stored[0].get("seq").asLong());
            } finally {
                blocks.updateOne(where, Updates.set("records." + index, original));
            }
        }
        assertThat(chain(verification(), chain).get("alteredCount").asLong()).isZero();
    }

    @Test
    void anAuditorFindsOneConsumersAccessesOfTheLastHourAndEachDepartmentDownloadsItsOwnUsageLog() {
        String resource = Scenarios.peopleResource(psb, bureau, "UNCONDITIONAL");
        Scenarios.grant(hrss, resource, List.of("公民身份号码", "姓名"));
        for (int i = 0; i < 3; i++) {
            var read = Stack.call("GET", "/api/exchange/" + resource + "/records/" + Scenarios.PERSON, hrss, null,
                    Scenarios.PURPOSE);
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
        }
        Instant now = Instant.now();
        String lastHour = "&from=" + now.minus(1, ChronoUnit.HOURS) + "&to=" + now.plus(1, ChronoUnit.MINUTES);
        String query = "/api/audit/events?consumer=HRSS&type=cn.govdata.exchange.data.accessed.v1" + lastHour + "&size=500";
        WalkingSkeletonSystemTest.eventually("the auditor sees HRSS's three reads of " + resource, () -> {
            var found = Stack.call("GET", query, auditor, null);
            int ours = 0;
            for (JsonNode item : found.json().get("items")) {
                ours += resource.equals(item.get("resource").asString()) ? 1 : 0;
            }
            return ours == 3;
        });
        for (JsonNode item : Stack.call("GET", query, auditor, null).json().get("items")) {
            assertThat(item.get("consumer").asString()).isEqualTo("HRSS");
            assertThat(Instant.parse(item.get("occurredAt").asString())).isAfter(now.minus(1, ChronoUnit.HOURS));
        }
        var csv = Stack.call("GET", query.replace("/events?", "/events.csv?"), auditor, null);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("content-type")).startsWith("text/csv");
        assertThat(csv.body().lines().filter(l -> l.contains(resource)).count()).isEqualTo(3);

        // QZ 8.4: the consumer and the provider each get their usage log; a third department gets none of it.
        WalkingSkeletonSystemTest.eventually("the usage logs hold the reads", () ->
                Stack.call("GET", "/api/audit/usage.csv?from=" + now.minus(1, ChronoUnit.HOURS), hrss, null).body()
                        .lines().filter(l -> l.contains(resource)).count() == 3);
        var providerLog = Stack.call("GET", "/api/audit/usage?department=PSB" + lastHour + "&size=500", psb, null);
        assertThat(providerLog.status()).as(providerLog.toString()).isEqualTo(200);
        assertThat(providerLog.body()).contains(resource);
        var someoneElses = Stack.call("GET", "/api/audit/usage?department=HRSS", psb, null);
        assertThat(someoneElses.status()).as(someoneElses.toString()).isEqualTo(403);
    }

    /**
     * The provider never decides; sharing's clock is advanced past the decision period so its
     * deadline engine reports the miss, and sharing-service is restarted afterwards (which resets
     * its clock) so later tests see the real time again.
     */
    @Test
    void aShareDecisionLeftPastItsDeadlineCountsAgainstTheProviderOnItsScorecard() {
        Instant started = Instant.now();
        String resource = Scenarios.peopleResource(psb, bureau, "CONDITIONAL");
        String application = Scenarios.applyConditional(hrss, bureau, resource, List.of("公民身份号码"));
        try {
            var advanced = Stack.call("POST", "/api/sharing/time/advance", operator, "{\"by\":\"P30D\"}");
            assertThat(advanced.status()).as(advanced.toString()).isEqualTo(200);
            WalkingSkeletonSystemTest.eventually("PSB's scorecard counts " + application + " as late", () -> {
                var card = Stack.call("GET", "/api/audit/scorecards/PSB?from=" + started + "&to="
                        + Instant.now().plus(40, ChronoUnit.DAYS), bureau, null);
                for (JsonNode item : card.json().get("items")) {
                    if (item.get("item").asString().equals("approval-timeliness")) {
                        return item.get("passed").asLong() < item.get("total").asLong()
                                && item.get("basis").asString().contains(application);
                    }
                }
                return false;
            });
            var metrics = Stack.call("GET", "/api/audit/scorecards/PSB?to=" + Instant.now().plus(40, ChronoUnit.DAYS), psb, null);
            assertThat(metrics.status()).as("a department reads its own scorecard").isEqualTo(200);
            assertThat(Stack.call("GET", "/api/audit/scorecards/PSB", hrss, null).status()).isEqualTo(403);
        } finally {
            Stack.govdata("restart", "sharing-service");
        }
    }

    static JsonNode verification() {
        var report = Stack.call("GET", "/api/audit/verification", auditor, null);
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        return report.json();
    }

    static JsonNode chain(JsonNode report, String chain) {
        for (JsonNode c : report.get("chains")) {
            if (c.get("chain").asString().equals(chain)) {
                return c;
            }
        }
        throw new AssertionError("no chain " + chain + " in " + report);
    }

}
