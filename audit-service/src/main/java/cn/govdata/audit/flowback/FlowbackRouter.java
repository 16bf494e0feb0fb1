package cn.govdata.audit.flowback;

import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Republishes each county's share of the internal topics onto {@code govdata.region.<code>.v1}
 * (see {@link FlowbackRule}), so a county sub-platform reads one topic it is authorised for instead
 * of every region's events filtered by a header it is trusted to check.
 *
 * <p>Here, in the audit service, because it already follows every internal topic with the same
 * pattern and its principal is the one the ACL table lets write the region topics. The record is
 * copied as it is: same key (never a personal identifier, as on the internal topics), value,
 * timestamp and CloudEvents headers including {@code ce_id}, so a county deduplicates the
 * at-least-once delivery by {@code ce_id}. Waiting for each send keeps the offset from being
 * committed before the county's copy is written; a failure is retried by the container's error handler.
 */
@Component
@ConditionalOnProperty(name = "govdata.flowback.enabled", havingValue = "true")
@EnableConfigurationProperties(FlowbackProperties.class)
class FlowbackRouter {

    private static final Logger log = LoggerFactory.getLogger(FlowbackRouter.class);

    private final FlowbackRule rule;
    private final KafkaTemplate<String, String> kafka;
    private final MeterRegistry meters;

    FlowbackRouter(FlowbackProperties properties, KafkaTemplate<String, String> kafka, MeterRegistry meters) {
        this.rule = new FlowbackRule(properties);
        this.kafka = kafka;
        this.meters = meters;
        log.info("Region flowback to {} (city-wide: {})", properties.regions(), properties.cityWideTypes());
    }

    /** The internal topics, the audit trail's pattern: region topics and -dlt topics do not match. */
    @KafkaListener(id = "audit-flowback", topicPattern = "govdata\\.[a-z-]+\\.v[0-9]+")
    void route(ConsumerRecord<String, String> record) throws InterruptedException, ExecutionException, TimeoutException {
        for (String county : rule.destinations(header(record, CloudEventHeaders.TYPE), header(record, CloudEventHeaders.REGION))) {
            String topic = Topics.region(county);
            kafka.send(new ProducerRecord<>(topic, null, record.timestamp(), record.key(), record.value(), record.headers()))
                    .get(30, TimeUnit.SECONDS);
            meters.counter("audit_flowback_published", "region", county).increment();
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
