package cn.govdata.platform.config;

import cn.govdata.events.Topics;
import cn.govdata.platform.inbox.IdempotentConsumer;
import cn.govdata.platform.inbox.InboxProperties;
import cn.govdata.platform.inbox.InboundEvent;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.outbox.OutboxCollection;
import cn.govdata.platform.outbox.OutboxNudges;
import cn.govdata.platform.outbox.OutboxProperties;
import cn.govdata.platform.outbox.OutboxRelay;
import cn.govdata.platform.problem.ProblemHandler;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/** The shared machinery every domain service gets by depending on the starter. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"})
@EnableConfigurationProperties({OutboxProperties.class, InboxProperties.class, GovdataPlatformAutoConfiguration.KafkaTopicProperties.class})
public class GovdataPlatformAutoConfiguration {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** Partitions and replication for the platform topics; a production cluster raises the replicas. */
    @ConfigurationProperties("govdata.kafka")
    public record KafkaTopicProperties(int partitions, int replicationFactor) {
        public KafkaTopicProperties {
            partitions = partitions <= 0 ? 3 : partitions;
            replicationFactor = replicationFactor <= 0 ? 1 : replicationFactor;
        }
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.system(CHINA);
    }

    @Bean
    ProblemHandler problemHandler() {
        return new ProblemHandler();
    }

    @Bean
    Events events(JsonMapper json, Clock clock, @Value("${spring.application.name}") String applicationName) {
        return new Events(json, clock, applicationName);
    }

    @Bean
    OutboxNudges outboxNudges() {
        return new OutboxNudges();
    }

    /** Every write of this process that queues outbox messages wakes the relay once the store confirms it. */
    @Bean
    MongoClientSettingsBuilderCustomizer outboxNudgesListener(OutboxNudges nudges) {
        return settings -> settings.addCommandListener(nudges);
    }

    @Bean
    OutboxRelay outboxRelay(MongoTemplate mongo, KafkaTemplate<String, String> kafka, List<OutboxCollection> collections,
                            OutboxProperties properties, MeterRegistry meters, OutboxNudges nudges) {
        return new OutboxRelay(mongo, kafka, collections, properties, meters, nudges);
    }

    @Bean
    IdempotentConsumer idempotentConsumer(MongoTemplate mongo, Clock clock, MeterRegistry meters, InboxProperties inbox) {
        return new IdempotentConsumer(mongo, clock, meters, inbox);
    }

    /**
     * Lets a service create the platform topics it finds missing (embedded brokers in tests, a bare
     * developer broker). Off where the topics are administered: the local runner creates them from
     * deploy/kafka/acls.tsv and the services' principals have no CREATE (or DESCRIBE on others' topics).
     */
    @Bean
    @ConditionalOnProperty(name = "govdata.kafka.declare-topics", havingValue = "true", matchIfMissing = true)
    KafkaAdmin.NewTopics platformTopics(KafkaTopicProperties topics) {
        return new KafkaAdmin.NewTopics(Topics.ALL.stream()
                .map(name -> TopicBuilder.name(name).partitions(topics.partitions()).replicas(topics.replicationFactor()).build())
                .toArray(org.apache.kafka.clients.admin.NewTopic[]::new));
    }

    /**
     * Transient failures (database briefly away) are retried with growing pauses for about two
     * minutes before a record is parked on {@code <topic>-dlt}; a malformed record is parked at once.
     */
    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, String> kafka) {
        var recoverer = new DeadLetterPublishingRecoverer(kafka, (record, e) -> new TopicPartition(record.topic() + "-dlt", -1));
        var backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(20_000);
        backOff.setMaxElapsedTime(120_000);
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(InboundEvent.MalformedEventException.class,
                tools.jackson.core.JacksonException.class);
        return handler;
    }
}
