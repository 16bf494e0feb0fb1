package cn.govdata.platform.deadline;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.platform.config.GovdataPlatformAutoConfiguration;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.outbox.OutboxCollection;
import cn.govdata.platform.policy.PolicyAutoConfiguration;
import cn.govdata.policy.JurisdictionProfile;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Statutory deadlines for every service: the {@link DeadlineRegistry} workflows use, the engine that
 * fires them from the service's own {@code deadlines} collection, and the read/demo endpoints. The
 * collection is an outbox collection, so the relay publishes what the engine fires.
 */
@AutoConfiguration(after = {GovdataPlatformAutoConfiguration.class, PolicyAutoConfiguration.class})
@EnableConfigurationProperties(DeadlineProperties.class)
public class DeadlineAutoConfiguration {

    @Bean
    OutboxCollection deadlinesOutbox() {
        return new OutboxCollection(DeadlineStore.COLLECTION);
    }

    @Bean
    DeadlineStore deadlineStore(MongoTemplate mongo) {
        return new DeadlineStore(mongo, DeadlineStore.COLLECTION);
    }

    @Bean
    DeadlineMetrics deadlineMetrics(MeterRegistry meters) {
        return new DeadlineMetrics(meters);
    }

    @Bean
    DeadlineRegistry deadlineRegistry(DeadlineStore deadlineStore, WorkingDayCalendar calendar, JurisdictionProfile profile,
                                      Clock clock, DeadlineMetrics deadlineMetrics) {
        return new DeadlineRegistry(deadlineStore, calendar, profile, clock, deadlineMetrics);
    }

    @Bean
    @ConditionalOnProperty(name = "govdata.deadlines.engine-enabled", havingValue = "true", matchIfMissing = true)
    DeadlineEngine deadlineEngine(DeadlineStore deadlineStore, List<DeadlineHandler> handlers, Events events, Clock clock,
                                  DeadlineProperties properties, DeadlineMetrics deadlineMetrics,
                                  @Value("${spring.application.name}") String applicationName) {
        // Unique per process, so a restarted replica does not mistake its predecessor's leases for its own.
        String owner = applicationName + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new DeadlineEngine(deadlineStore, handlers, events, clock, properties, deadlineMetrics, owner);
    }

    @Bean
    DeadlineReplanning deadlineReplanning(DeadlineStore deadlineStore, WorkingDayCalendar calendar, Events events, Clock clock,
                                          DeadlineMetrics deadlineMetrics, DeadlineRegistry deadlineRegistry) {
        return new DeadlineReplanning(deadlineStore, calendar, events, clock, deadlineMetrics, deadlineRegistry);
    }

    @Bean
    DeadlineController deadlineController(DeadlineRegistry deadlineRegistry) {
        return new DeadlineController(deadlineRegistry);
    }

    /**
     * Registering arbitrary deadlines is a demonstration tool like moving the clock: it exists only
     * with {@code govdata.time.adjustable=true}, and answers 404 in a real deployment.
     */
    @Bean
    @ConditionalOnProperty(name = "govdata.time.adjustable", havingValue = "true")
    DeadlineDemoController deadlineDemoController(DeadlineRegistry deadlineRegistry, Clock clock) {
        return new DeadlineDemoController(deadlineRegistry, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "govdata.time.adjustable", havingValue = "false", matchIfMissing = true)
    DeadlineDemoOff deadlineDemoOff() {
        return new DeadlineDemoOff();
    }
}
