package cn.govdata.system;

import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.EventTypes;
import cn.govdata.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The broker itself keeps counties and strangers where they belong (deploy/kafka/acls.tsv): no
 * client gets in without SASL, a county sub-platform authenticates with its Keycloak client
 * credentials (OAUTHBEARER) and reads only its own region's flowback topic, and cannot write the
 * internal topics, so a forged access event never reaches the audit trail.
 */
class KafkaSecuritySystemTest {

    private static final String PUKOU = "county-pukou";
    private static final String PUKOU_SECRET = "demo-secret-county-pukou";

    @Test
    void aClientWithoutCredentialsOrWithAWrongPasswordIsRefusedByTheBroker() {
        Map<String, Object> plaintext = Map.of("bootstrap.servers", Stack.get("KAFKA_BOOTSTRAP"),
                "default.api.timeout.ms", 6000, "request.timeout.ms", 3000);
        try (Admin admin = Admin.create(plaintext)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }

        Map<String, Object> wrongPassword = new HashMap<>(Stack.kafka(Map.of("default.api.timeout.ms", 6000, "request.timeout.ms", 3000)));
        wrongPassword.put("sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"audit-service\" password=\"guessed\";");
        try (Admin admin = Admin.create(wrongPassword)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void aTokenNotMintedForKafkaIsRefusedEvenFromAValidPartnerClient() {
        // psb-system's tokens carry the govdata-api audience only, not govdata-kafka.
        var config = new HashMap<>(Stack.countyKafka(Stack.get("PSB_SYSTEM_CLIENT_ID"), Stack.get("PSB_SYSTEM_CLIENT_SECRET"),
                Map.of("default.api.timeout.ms", 8000, "request.timeout.ms", 4000)));
        try (Admin admin = Admin.create(config)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(15, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void pukouReadsItsRegionsEventsOnItsOwnTopicWithItsKeycloakCredentialsAndNothingOfAnotherRegion() {
        String bureau = Stack.passwordToken("bureau");
        String parent = WalkingSkeletonSystemTest.newCode();
        var city = Stack.call("POST", "/api/catalog/departments", bureau, WalkingSkeletonSystemTest.department(parent));
        assertThat(city.status()).as(city.toString()).isEqualTo(201);
        String code = WalkingSkeletonSystemTest.newCode();
        var registered = Stack.call("POST", "/api/catalog/departments", bureau, """
                {"code":"%s","name":"浦口区系统测试局 %s","level":"COUNTY","region":"320111","parentCode":"%s",
                 "dataOfficer":{"realName":"王芳","phone":"025-83310000","email":"wangfang@example.gov.cn"}}""".formatted(code, code, parent));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

        ConsumerRecord<String, String> found = null;
        List<String> regionsSeen = new java.util.ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Stack.countyKafka(PUKOU, PUKOU_SECRET, Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "county-pukou-system-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.region("320111")));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (found == null && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    regionsSeen.add(String.valueOf(WalkingSkeletonSystemTest.header(record, CloudEventHeaders.REGION)));
                    if (code.equals(record.key())) {
                        found = record;
                    }
                }
            }
        }
        assertThat(found).as("DepartmentRegistered of %s on %s", code, Topics.region("320111")).isNotNull();
        assertThat(WalkingSkeletonSystemTest.header(found, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.DEPARTMENT_REGISTERED.type());
        assertThat(WalkingSkeletonSystemTest.header(found, CloudEventHeaders.ID)).isNotBlank();
        assertThat(WalkingSkeletonSystemTest.header(found, CloudEventHeaders.REGION)).isEqualTo("320111");
        // Only Pukou's own events and city-wide ones (directory, open data, calendar) flow back to Pukou.
        assertThat(regionsSeen).allMatch(r -> r.equals("320111") || r.equals("320100") || r.equals("null"));
    }

    @Test
    void pukouIsRefusedJiangningsTopicTheInternalTopicsAndOtherConsumerGroups() {
        for (String topic : List.of(Topics.region("320115"), Topics.EXCHANGE, Topics.CATALOG, Topics.AUDIT)) {
            try (var consumer = pukouConsumer("county-pukou-system-test-" + UUID.randomUUID())) {
                consumer.subscribe(List.of(topic));
                assertThatThrownBy(() -> pollFor(consumer, Duration.ofSeconds(30)))
                        .as(topic).isInstanceOf(TopicAuthorizationException.class);
            }
        }
        try (var consumer = pukouConsumer("county-jiangning-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(Topics.region("320111")));
            assertThatThrownBy(() -> pollFor(consumer, Duration.ofSeconds(30))).isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void aForgedDataAccessedEventProducedWithACountysCredentialsIsRefusedByTheBroker() {
        try (var producer = new KafkaProducer<String, String>(Stack.countyKafka(PUKOU, PUKOU_SECRET, Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 20000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000,
                // Not idempotent, so the refusal shown is the topic's ACL itself (an idempotent producer
                // without WRITE anywhere is already refused IDEMPOTENT_WRITE on the cluster).
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.ACKS_CONFIG, "1")),
                new StringSerializer(), new StringSerializer())) {
            var forged = new ProducerRecord<String, String>(Topics.EXCHANGE, "forged", "{\"consumerDepartment\":\"HRSS\"}");
            forged.headers().add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            forged.headers().add(CloudEventHeaders.TYPE, "cn.govdata.exchange.data.accessed.v1".getBytes(StandardCharsets.UTF_8));
            forged.headers().add(CloudEventHeaders.REGION, "320111".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> producer.send(forged).get(30, TimeUnit.SECONDS))
                    .satisfies(e -> assertThat(e instanceof TopicAuthorizationException
                            || e.getCause() instanceof TopicAuthorizationException).as(e.toString()).isTrue());
            // Nor its own region's topic: only the platform writes flowback.
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.region("320111"), "forged", "{}")).get(30, TimeUnit.SECONDS))
                    .satisfies(e -> assertThat(e instanceof TopicAuthorizationException
                            || e.getCause() instanceof TopicAuthorizationException).as(e.toString()).isTrue());
        }
    }

    @Test
    void aClientWithoutAnOAuthFlowUsesPlainWithTheSameKeycloakCredentialsAndGetsTheSameRights() {
        // Debian 12's kcat (librdkafka 2.0.2) has no OIDC: PLAIN with the Keycloak client id and
        // secret, which the broker exchanges for a token and validates as for OAUTHBEARER.
        try (var consumer = new KafkaConsumer<String, String>(plain(PUKOU, PUKOU_SECRET), new StringDeserializer(), new StringDeserializer())) {
            assertThat(consumer.partitionsFor(Topics.region("320111"), Duration.ofSeconds(20))).isNotEmpty();
            assertThatThrownBy(() -> consumer.partitionsFor(Topics.region("320115"), Duration.ofSeconds(20)))
                    .isInstanceOf(TopicAuthorizationException.class);
            assertThatThrownBy(() -> consumer.partitionsFor(Topics.EXCHANGE, Duration.ofSeconds(20)))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
        try (var consumer = new KafkaConsumer<String, String>(plain(PUKOU, "demo-secret-guessed"), new StringDeserializer(), new StringDeserializer())) {
            assertThatThrownBy(() -> consumer.partitionsFor(Topics.region("320111"), Duration.ofSeconds(20)))
                    .isInstanceOf(SaslAuthenticationException.class);
        }
    }

    private static Map<String, Object> plain(String clientId, String secret) {
        return Map.of("bootstrap.servers", Stack.get("KAFKA_BOOTSTRAP"), "security.protocol", Stack.get("KAFKA_SECURITY_PROTOCOL"),
                "sasl.mechanism", "PLAIN", "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + clientId + "\" password=\"" + secret + "\";");
    }

    private static KafkaConsumer<String, String> pukouConsumer(String group) {
        return new KafkaConsumer<>(Stack.countyKafka(PUKOU, PUKOU_SECRET, Map.of(ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")), new StringDeserializer(), new StringDeserializer());
    }

    private static void pollFor(KafkaConsumer<String, String> consumer, Duration duration) {
        Instant deadline = Instant.now().plus(duration);
        while (Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(500));
        }
    }
}
