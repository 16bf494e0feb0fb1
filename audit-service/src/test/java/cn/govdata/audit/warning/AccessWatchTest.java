package cn.govdata.audit.warning;

import cn.govdata.audit.TrailFixtures;
import cn.govdata.audit.chain.TrailRecord;
import cn.govdata.events.AuditEventTypes;
import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.ExchangeEventTypes;
import cn.govdata.events.SchemaAssertions;
import cn.govdata.events.Topics;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.PlatformIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The early-warning rules (SY 43) on access events as the trail hands them over. */
@PlatformIntegrationTest
class AccessWatchTest {

    @Autowired
    AccessWatch watch;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JsonMapper json;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    static String code(String prefix) {
        return prefix + UUID.randomUUID().toString().replaceAll("[^A-Za-z]", "").substring(0, 5).toUpperCase();
    }

    TrailRecord access(String consumer, int records, String channel, Instant at) {
        String id = "acc-" + UUID.randomUUID();
        return new TrailRecord(1, TrailRecord.GENESIS, UUID.randomUUID().toString(), Topics.EXCHANGE + "-0", Topics.EXCHANGE, 0, 0,
                ExchangeEventTypes.DATA_ACCESSED.type(), "/govdata/sharing-service", id, at, consumer, "320100", at, List.of(),
                consumer, "PSB", "RES-1", null, json.readTree(TrailFixtures.dataAccessed(id, "PSB", consumer,
                consumer.toLowerCase() + "-system", "RES-1", "核验", records, channel, at)));
    }

    double raised(String kind) {
        return meters.get("audit_abnormal_access").tags("kind", kind, "source", "audit").counter().count();
    }

    Document alert(String kind, String consumer, Instant windowStart) {
        return mongo.findById(kind + "|" + consumer + "/" + consumer.toLowerCase() + "-system|" + windowStart, Document.class,
                AccessWatch.ALERTS);
    }

    @Test
    void manySingleRecordLookupsInTenMinutesRaiseOneEnumerationWarning() {
        String consumer = code("E");
        // Friday 2026-11-20, 10:21 in Shanghai: a working day, within working hours
        Instant window = Instant.parse("2026-11-20T02:00:00Z");
        Instant at = window.plus(Duration.ofMinutes(21));
        double before = raised("ENUMERATION");
        List<TrailRecord> lookups = new ArrayList<>();
        for (int i = 0; i < 299; i++) {
            lookups.add(access(consumer, 1, "RECORD", at.plusSeconds(i)));
        }
        watch.chained(lookups);
        assertThat(alert("ENUMERATION", consumer, window.plus(Duration.ofMinutes(20)))).isNull();

        watch.chained(List.of(access(consumer, 1, "RECORD", at), access(consumer, 1, "RECORD", at)));
        watch.chained(List.of(access(consumer, 1, "RECORD", at)));

        assertThat(alert("ENUMERATION", consumer, window.plus(Duration.ofMinutes(20)))).isNotNull();
        assertThat(raised("ENUMERATION") - before).isEqualTo(1.0);
        var event = KafkaProbe.awaitRecord(brokers, Topics.AUDIT, Duration.ofSeconds(30),
                r -> KafkaProbe.header(r, CloudEventHeaders.DEPARTMENT).equals(Optional.of(consumer))
                        && r.value().contains("\"kind\":\"ENUMERATION\""));
        assertThat(KafkaProbe.header(event, CloudEventHeaders.TYPE)).contains(AuditEventTypes.ABNORMAL_ACCESS_DETECTED.type());
        SchemaAssertions.assertConforms(AuditEventTypes.ABNORMAL_ACCESS_DETECTED, event.value());
        assertThat(json.readTree(event.value()).path("observed").asInt()).isEqualTo(301);
    }

    @Test
    void aVolumeFarAboveTheConsumersOwnBaselineIsUnusualButTheSameVolumeForABigUserIsNot() {
        Instant hour = Instant.parse("2026-11-20T02:00:00Z");
        String small = code("V");
        String big = code("W");
        List<TrailRecord> history = new ArrayList<>();
        for (int h = 1; h <= 168; h++) {
            history.add(access(small, 10, "QUERY", hour.minus(Duration.ofHours(h)).plusSeconds(60)));
            history.add(access(big, 450, "QUERY", hour.minus(Duration.ofHours(h)).plusSeconds(60)));
        }
        watch.chained(history);

        watch.chained(List.of(access(small, 600, "QUERY", hour.plusSeconds(120)), access(big, 600, "QUERY", hour.plusSeconds(120))));

        Document unusual = alert("UNUSUAL_VOLUME", small, hour);
        assertThat(unusual).isNotNull();
        assertThat(unusual.get("baseline", Number.class).doubleValue()).isEqualTo(10.0);
        assertThat(alert("UNUSUAL_VOLUME", big, hour)).isNull();
    }

    @Test
    void bulkAccessOutsideWorkingHoursIsFlaggedButTheSameDuringAWorkingDayIsNot() {
        String night = code("N");
        String day = code("D");
        // Sunday 2026-11-22 02:10 in Shanghai, and Friday 2026-11-20 10:10 (a working day)
        Instant sundayNight = Instant.parse("2026-11-21T18:10:00Z");
        Instant fridayMorning = Instant.parse("2026-11-20T02:10:00Z");

        watch.chained(List.of(access(night, 250, "QUERY", sundayNight), access(day, 250, "QUERY", fridayMorning)));

        assertThat(alert("OFF_HOURS_BULK", night, sundayNight.truncatedTo(ChronoUnit.HOURS))).isNotNull();
        assertThat(alert("OFF_HOURS_BULK", day, fridayMorning.truncatedTo(ChronoUnit.HOURS))).isNull();
        assertThat(watch.offHours(Instant.parse("2026-11-20T11:00:00Z"))).as("19:00 on a Friday").isTrue();
    }
}
