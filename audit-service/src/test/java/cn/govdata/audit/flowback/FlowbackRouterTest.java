package cn.govdata.audit.flowback;

import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.Topics;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.PlatformIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The router on a real (embedded) broker: what each county's topic receives, copied as it was. */
@PlatformIntegrationTest
// The probes carry types no follower in this service interprets (the shared broker's audit trail,
// usage log and directory replica see them too): the rule routes a county's events whatever their
// type, and "cn.govdata.calendar." is a city-wide publication prefix.
class FlowbackRouterTest {

    private static final String PROBE = "cn.govdata.test.flowback-probe.v1";

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    private Map<String, String> headers(String id, String type, String region) {
        return Map.of(CloudEventHeaders.ID, id, CloudEventHeaders.TYPE, type, CloudEventHeaders.REGION, region,
                CloudEventHeaders.SOURCE, "/govdata/test", CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.TIME, Instant.now().toString(), CloudEventHeaders.SUBJECT, "S");
    }

    @Test
    void aCountysEventIsRepublishedOnItsRegionTopicWithTheSameKeyBodyAndCloudEventsId() {
        String key = "DEPT-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        KafkaProbe.send(brokers, Topics.CATALOG, key, "{\"code\":\"X\"}", headers(id, PROBE, "320111"));

        var copy = KafkaProbe.awaitRecord(brokers, Topics.region("320111"), Duration.ofSeconds(30), r -> key.equals(r.key()));

        assertThat(copy.value()).isEqualTo("{\"code\":\"X\"}");
        assertThat(KafkaProbe.header(copy, CloudEventHeaders.ID)).contains(id);
        assertThat(KafkaProbe.header(copy, CloudEventHeaders.TYPE)).contains(PROBE);
        assertThat(KafkaProbe.header(copy, CloudEventHeaders.REGION)).contains("320111");
    }

    @Test
    void aCityDepartmentsInternalEventAndAnotherCountysEventNeverReachPukouWhileACityWidePublicationDoes() {
        String run = UUID.randomUUID().toString();
        KafkaProbe.send(brokers, Topics.EXCHANGE, "city-" + run, "{}", headers(UUID.randomUUID().toString(), PROBE, "320100"));
        KafkaProbe.send(brokers, Topics.EXCHANGE, "jiangning-" + run, "{}", headers(UUID.randomUUID().toString(), PROBE, "320115"));
        KafkaProbe.send(brokers, Topics.OPEN_DATA, "open-" + run, "{}", headers(UUID.randomUUID().toString(),
                "cn.govdata.calendar.flowback-probe.v1", "320100"));
        // One partition per topic: once this marker, sent after them on the same topic, has been
        // routed, the two exchange events before it have been decided on too.
        KafkaProbe.send(brokers, Topics.EXCHANGE, "marker-" + run, "{}", headers(UUID.randomUUID().toString(), PROBE, "320111"));

        List<String> pukou = keysUntil(Topics.region("320111"), "marker-" + run);

        assertThat(pukou).doesNotContain("city-" + run, "jiangning-" + run);
        KafkaProbe.awaitRecord(brokers, Topics.region("320111"), Duration.ofSeconds(30), r -> ("open-" + run).equals(r.key()));
        KafkaProbe.awaitRecord(brokers, Topics.region("320115"), Duration.ofSeconds(30), r -> ("jiangning-" + run).equals(r.key()));
        KafkaProbe.awaitRecord(brokers, Topics.region("320115"), Duration.ofSeconds(30), r -> ("open-" + run).equals(r.key()));
    }

    private List<String> keysUntil(String topic, String marker) {
        List<String> keys = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (!keys.contains(marker) && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    keys.add(record.key());
                }
            }
        }
        assertThat(keys).as("marker routed to " + topic).contains(marker);
        return keys;
    }
}
