package cn.govdata.system;

import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.EventTypes;
import cn.govdata.events.SchemaAssertions;
import cn.govdata.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walking skeleton end to end on the real stack: Keycloak tokens, the gateway, catalog-service,
 * the outbox relay, a real Kafka broker, audit-service and the directory read copies.
 */
class WalkingSkeletonSystemTest {

    static String bureau;
    static String citizen;
    static String auditor;
    static String psbSystem;

    @BeforeAll
    static void tokens() {
        bureau = Stack.passwordToken("bureau");
        citizen = Stack.passwordToken("citizen");
        auditor = Stack.passwordToken("auditor");
        psbSystem = Stack.clientToken(Stack.get("PSB_SYSTEM_CLIENT_ID"), Stack.get("PSB_SYSTEM_CLIENT_SECRET"));
    }

    static String newCode() {
        var random = new Random();
        var code = new StringBuilder("ST");
        for (int i = 0; i < 6; i++) {
            code.append((char) ('A' + random.nextInt(26)));
        }
        return code.toString();
    }

    static String department(String code) {
        return """
                {"code":"%s","name":"系统测试局 %s","level":"CITY","region":"320100",
                 "dataOfficer":{"realName":"王芳","phone":"025-83310000","email":"wangfang@example.gov.cn"}}""".formatted(code, code);
    }

    @Test
    void withoutATokenTheGatewayAnswers401ProblemJson() {
        var response = Stack.call("POST", "/api/catalog/departments", null, department(newCode()));

        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.header("content-type")).startsWith("application/problem+json");
        assertThat(response.header("www-authenticate")).startsWith("Bearer");
        assertThat(response.json().get("status").asInt()).isEqualTo(401);
    }

    @Test
    void aForgedTokenIsRefusedWith401() {
        String forged = bureau.substring(0, bureau.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        var response = Stack.call("GET", "/api/catalog/departments", forged, null);

        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.header("content-type")).startsWith("application/problem+json");
    }

    @Test
    void aCitizenMayNotRegisterADepartmentAndNothingIsStored() {
        String code = newCode();
        var response = Stack.call("POST", "/api/catalog/departments", citizen, department(code));

        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.header("content-type")).startsWith("application/problem+json");
        assertThat(Stack.call("GET", "/api/catalog/departments/" + code, bureau, null).status()).isEqualTo(404);
    }

    @Test
    void aBadBodyIsA400ProblemNamingTheField() {
        String code = newCode();
        var response = Stack.call("POST", "/api/catalog/departments", bureau, department(code).replace("320100", "32"));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("content-type")).startsWith("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("region");
        assertThat(Stack.call("GET", "/api/catalog/departments/" + code, bureau, null).status()).isEqualTo(404);
    }

    @Test
    void aRegisteredDepartmentIsReadableTravelsOnKafkaAndReachesAuditAndEveryReadCopy() {
        String code = newCode();
        Instant before = Instant.now();

        var created = Stack.call("POST", "/api/catalog/departments", bureau, department(code));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("x-request-id")).isNotBlank();
        assertThat(created.header("location")).endsWith("/api/catalog/departments/" + code);
        var read = Stack.call("GET", "/api/catalog/departments/" + code, psbSystem, null);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().get("dataOfficer").get("realName").asString()).isEqualTo("王芳");

        ConsumerRecord<String, String> event = awaitEvent(code, before);
        assertThat(header(event, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.DEPARTMENT_REGISTERED.type());
        assertThat(header(event, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(event, CloudEventHeaders.SOURCE)).isEqualTo("/govdata/catalog-service");
        assertThat(header(event, CloudEventHeaders.SUBJECT)).isEqualTo(code);
        assertThat(header(event, CloudEventHeaders.DEPARTMENT)).isEqualTo(code);
        assertThat(header(event, CloudEventHeaders.REGION)).isEqualTo("320100");
        assertThat(header(event, CloudEventHeaders.ID)).isNotBlank();
        assertThat(Instant.parse(header(event, CloudEventHeaders.TIME))).isAfter(before.minusSeconds(60));
        SchemaAssertions.assertConforms(EventTypes.DEPARTMENT_REGISTERED, event.value());

        String eventId = header(event, CloudEventHeaders.ID);
        eventually("audit-service stored " + eventId, () -> {
            var audit = Stack.call("GET", "/api/audit/events?subject=" + code, auditor, null);
            return audit.status() == 200 && audit.json().get("totalItems").asInt() == 1
                    && audit.json().get("items").get(0).get("eventId").asString().equals(eventId);
        });
        for (String copy : List.of("/api/sharing/directory", "/api/open-data/directory", "/api/objections/directory")) {
            eventually(copy + " lists " + code, () -> Stack.call("GET", copy + "?size=200", psbSystem, null).body().contains("\"" + code + "\""));
        }
    }

    @Test
    void restartingServicesLosesNothing() {
        String first = newCode();
        assertThat(Stack.call("POST", "/api/catalog/departments", bureau, department(first)).status()).isEqualTo(201);
        eventually("audit has " + first, () -> auditCount(first) == 1);

        // Events produced while the audit service is down are consumed when it is back.
        Stack.govdata("stop", "audit-service");
        String second = newCode();
        assertThat(Stack.call("POST", "/api/catalog/departments", bureau, department(second)).status()).isEqualTo(201);
        Stack.govdata("start", "audit-service");
        eventually("audit has " + second + " after its restart", () -> auditCount(second) == 1);

        Stack.govdata("restart", "catalog-service");
        eventually("catalog-service serves " + first + " after its restart",
                () -> Stack.call("GET", "/api/catalog/departments/" + first, bureau, null).status() == 200);
        assertThat(auditCount(first)).isEqualTo(1);
        assertThat(Stack.call("POST", "/api/catalog/departments", bureau, department(first)).status()).isEqualTo(409);
    }

    static int auditCount(String subject) {
        var audit = Stack.call("GET", "/api/audit/events?subject=" + subject, auditor, null);
        return audit.status() == 200 ? audit.json().get("totalItems").asInt() : -1;
    }

    static void eventually(String what, Supplier<Boolean> condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            try {
                if (condition.get()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // The service may be restarting; keep asking until the deadline.
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Timed out waiting until " + what);
    }

    static ConsumerRecord<String, String> awaitEvent(String key, Instant since) {
        try (var consumer = new KafkaConsumer<String, String>(Stack.kafka(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "system-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.CATALOG));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (Instant.now().isBefore(deadline)) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("DepartmentRegistered for " + key + " did not arrive on " + Topics.CATALOG);
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
