package cn.govdata.system;

import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.ObjectionEventTypes;
import cn.govdata.events.SchemaAssertions;
import cn.govdata.events.SharingEventTypes;
import cn.govdata.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7's done-when on the real stack under the Nanjing profile (NJ 35, NT 29): a citizen's
 * objection is flagged in the exchange within the mark deadline, transferred, decided and
 * corrected at source; the consumer holding a grant is told on Kafka; the citizen reads the outcome
 * by tracking number. Then a case left untransferred is escalated and counted once the objection
 * desk's clock passes its transfer deadline. That clock only moves forward and stays moved for
 * the life of the objection-service process, so the clock step runs last and every expectation
 * is read from the service's own time rather than from the wall clock.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObjectionSystemTest {

    /** One of the 20 residents the provider simulator serves (deploy/provider-sim). */
    private static final String RECORD_KEY = "320115200206235413";
    private static final String ADDRESS = "住址";
    private static final String NAME = "姓名";
    private static final List<String> ITEMS = List.of("公民身份号码", NAME, "手机号码", ADDRESS, "出生日期");
    private static final String OBJECTOR_NAME = "张三";
    private static final String OBJECTOR_PHONE = "13812345678";
    private static final Map<String, String> PURPOSE = Map.of("X-Purpose",
            URLEncoder.encode("核验参保人身份信息", StandardCharsets.UTF_8));

    static String bureau;
    static String operator;
    static String psbOfficer;
    static String citizen;
    static String company;
    static String hrssSystem;
    static String resourceId;
    static String grantId;

    @BeforeAll
    static void aPeopleResourceBehindTheSimulatorWithAGrantForHrss() {
        bureau = Stack.passwordToken("bureau");
        operator = Stack.passwordToken("operator");
        psbOfficer = Stack.passwordToken("psb-officer");
        citizen = Stack.passwordToken("citizen");
        company = Stack.passwordToken("company");
        hrssSystem = Stack.clientToken(Stack.get("HRSS_SYSTEM_CLIENT_ID"), Stack.get("HRSS_SYSTEM_CLIENT_SECRET"));

        var policy = Stack.call("GET", "/api/objections/policy", operator, null);
        assertThat(policy.status()).as(policy.toString()).isEqualTo(200);
        assertThat(policy.json().get("id").asString()).as("the stack runs the Nanjing profile").isEqualTo("nanjing");

        Scenarios.department(bureau, "PSB", "市公安局");
        Scenarios.department(bureau, "HRSS", "市人力资源和社会保障局");
        resourceId = Scenarios.publish(psbOfficer, bureau,
                Scenarios.entry("人口基础信息（异议测试 " + Scenarios.run() + "）", "PSB", "UNCONDITIONAL", "NOT_OPEN", ITEMS));
        Scenarios.registerPeopleProvider(psbOfficer, resourceId);
        grantId = Scenarios.grant(hrssSystem, resourceId, List.of("公民身份号码", NAME, ADDRESS));
    }

    @Test
    @Order(1)
    void aCitizensObjectionIsFlaggedInTheExchangeCorrectedAtSourceAndTheGrantHolderIsTold() {
        assertThat(record().get("disputed").asBoolean()).isFalse();

        JsonNode filed = file(ADDRESS, "我的住址登记错误，应为玄武区珠江路1号。");
        String trackingNumber = filed.get("trackingNumber").asString();
        assertThat(filed.get("state").asString()).as("Nanjing marks a named record on receipt").isEqualTo("DISPUTED");
        Instant markDue = Instant.parse(step(filed, "mark").get("dueAt").asString());

        WalkingSkeletonSystemTest.eventually("the exchange flags " + RECORD_KEY + " as disputed",
                () -> record().get("disputed").asBoolean());
        assertThat(record().get("disputedFields").values()).extracting(JsonNode::asString).containsExactly(ADDRESS);
        assertThat(objectionDeskTime()).as("flagged within the mark deadline (NJ 35: 1 working day)").isBefore(markDue);

        var routed = Stack.call("POST", "/api/objections/cases/" + trackingNumber + "/route", operator,
                "{\"route\":\"DEPARTMENT\",\"department\":\"PSB\"}");
        assertThat(routed.status()).as(routed.toString()).isEqualTo(200);
        assertThat(routed.json().get("state").asString()).isEqualTo("TRANSFERRED");
        assertThat(step(routed.json(), "transfer").get("onTime").asBoolean()).isTrue();

        var decided = Stack.call("POST", "/api/objections/cases/" + trackingNumber + "/decision", psbOfficer,
                "{\"decision\":\"CORRECT\",\"reasons\":\"核实户籍档案，住址登记有误\"}");
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        assertThat(decided.json().get("state").asString()).isEqualTo("CORRECTING");

        var corrected = Stack.call("POST", "/api/objections/cases/" + trackingNumber + "/correction", psbOfficer,
                "{\"correctedFields\":[\"住址\"],\"note\":\"已在户籍系统更正\"}");
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
        assertThat(corrected.json().get("outcome").asString()).isEqualTo("CORRECTED");

        ConsumerRecord<String, String> notice = awaitRecord(Topics.SHARING, r -> grantId.equals(r.key())
                && SharingEventTypes.CORRECTION_NOTIFIED.type().equals(WalkingSkeletonSystemTest.header(r, CloudEventHeaders.TYPE))
                && r.value().contains(trackingNumber));
        assertThat(WalkingSkeletonSystemTest.header(notice, CloudEventHeaders.DEPARTMENT)).isEqualTo("HRSS");
        SchemaAssertions.assertConforms(SharingEventTypes.CORRECTION_NOTIFIED, notice.value());
        JsonNode body = Stack.JSON.readTree(notice.value());
        assertThat(body.get("resourceId").asString()).isEqualTo(resourceId);
        // The record is named by its keyed pseudonym only (docs/privacy.md), never by the ID number.
        assertThat(body.get("recordPseudonym").asString()).matches("pk_[0-9a-f]{40}");
        assertThat(notice.value()).doesNotContain(RECORD_KEY);
        assertThat(body.get("correctedFields").values()).extracting(JsonNode::asString).containsExactly(ADDRESS);
        assertThat(body.get("consumerDepartment").asString()).isEqualTo("HRSS");
        assertThat(notice.value()).doesNotContain(OBJECTOR_NAME, OBJECTOR_PHONE);

        var tracked = Stack.call("GET", "/api/objections/track/" + trackingNumber, citizen, null);
        assertThat(tracked.status()).as(tracked.toString()).isEqualTo(200);
        assertThat(tracked.json().get("state").asString()).isEqualTo("CLOSED");
        assertThat(tracked.json().get("outcome").asString()).isEqualTo("CORRECTED");
        assertThat(tracked.json().get("handlingDepartment").asString()).isEqualTo("PSB");
        assertThat(tracked.json().get("correction").get("correctedFields").values()).extracting(JsonNode::asString)
                .containsExactly(ADDRESS);
        var someoneElse = Stack.call("GET", "/api/objections/track/" + trackingNumber, company, null);
        assertThat(someoneElse.status()).as(someoneElse.toString()).isEqualTo(404);
        assertThat(someoneElse.header("content-type")).startsWith("application/problem+json");

        WalkingSkeletonSystemTest.eventually("the exchange no longer flags " + RECORD_KEY,
                () -> !record().get("disputed").asBoolean());
    }

    @Test
    @Order(2)
    void aCaseLeftUntransferredPastItsDeadlineIsEscalatedAndCounted() {
        String trackingNumber = file(NAME, "姓名用字登记错误。").get("trackingNumber").asString();
        var opened = Stack.call("GET", "/api/objections/cases/" + trackingNumber, operator, null);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
        JsonNode transfer = step(opened.json(), "transfer");
        String platform = transfer.get("responsibleDepartment").asString();
        Instant transferDue = Instant.parse(transfer.get("dueAt").asString());
        long missedBefore = missedTransfers(platform);

        // Every case is due relative to the desk's own (possibly already advanced) clock.
        Duration ahead = Duration.between(objectionDeskTime(), transferDue);
        if (!ahead.isNegative()) {
            var advanced = Stack.call("POST", "/api/objections/time/advance", operator,
                    "{\"by\":\"" + ahead.plusMinutes(30).toString() + "\"}");
            assertThat(advanced.status()).as(advanced.toString()).isEqualTo(200);
        }

        WalkingSkeletonSystemTest.eventually(trackingNumber + " escalated for the missed transfer", () -> {
            var current = Stack.call("GET", "/api/objections/cases/" + trackingNumber, operator, null);
            JsonNode step = step(current.json(), "transfer");
            return current.json().get("escalated").asBoolean() && step.get("escalated").asBoolean()
                    && step.hasNonNull("missedAt");
        });
        assertThat(missedTransfers(platform)).as("counted against %s in /stats", platform).isGreaterThan(missedBefore);
        var escalated = awaitRecord(Topics.OBJECTION, r -> trackingNumber.equals(r.key())
                && ObjectionEventTypes.OBJECTION_ESCALATED.type().equals(WalkingSkeletonSystemTest.header(r, CloudEventHeaders.TYPE)));
        assertThat(Stack.JSON.readTree(escalated.value()).get("step").asString()).isEqualTo("transfer");
    }

    /** The citizen files against the shared record, once the objection desk knows the published resource. */
    private static JsonNode file(String field, String claim) {
        String body = """
                {"reason":"ERROR","resourceId":"%s","recordKey":"%s","fields":["%s"],"claim":"%s",
                 "objector":{"name":"%s","phone":"%s"}}""".formatted(resourceId, RECORD_KEY, field, claim, OBJECTOR_NAME,
                OBJECTOR_PHONE);
        Stack.Response[] filed = new Stack.Response[1];
        WalkingSkeletonSystemTest.eventually("objection-service accepts an objection on " + resourceId, () -> {
            filed[0] = Stack.call("POST", "/api/objections/cases", citizen, body);
            return filed[0].status() == 201;
        });
        assertThat(filed[0].header("location")).endsWith("/api/objections/track/" + filed[0].json().get("trackingNumber").asString());
        return filed[0].json();
    }

    /** The shared record as HRSS's system receives it through the exchange. */
    private static JsonNode record() {
        var response = Stack.call("GET", "/api/exchange/" + resourceId + "/records/" + RECORD_KEY, hrssSystem, null, PURPOSE);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("records").get(0);
    }

    private static JsonNode step(JsonNode caseView, String name) {
        for (JsonNode step : caseView.get("deadlines")) {
            if (name.equals(step.get("step").asString())) {
                return step;
            }
        }
        throw new AssertionError("No step " + name + " in " + caseView);
    }

    private static Instant objectionDeskTime() {
        var time = Stack.call("GET", "/api/objections/time", operator, null);
        assertThat(time.status()).as(time.toString()).isEqualTo(200);
        return Instant.parse(time.json().get("now").asString());
    }

    private static long missedTransfers(String department) {
        var stats = Stack.call("GET", "/api/objections/stats", operator, null);
        assertThat(stats.status()).as(stats.toString()).isEqualTo(200);
        for (JsonNode row : stats.json().get("departments")) {
            if (department.equals(row.get("department").asString())) {
                JsonNode transfer = row.get("missedBySteps").get("transfer");
                return transfer == null ? 0 : transfer.asLong();
            }
        }
        return 0;
    }

    static ConsumerRecord<String, String> awaitRecord(String topic, Predicate<ConsumerRecord<String, String>> matching) {
        try (var consumer = new KafkaConsumer<String, String>(Stack.kafka(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "system-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (matching.test(record)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("No matching record on " + topic + " within 60 s");
    }
}
