package cn.govdata.platform.test;

import cn.govdata.events.Topics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A whole service on an embedded KRaft Kafka broker and an in-memory wire store, with MockMvc.
 * Eureka is off; tokens come from spring-security-test's {@code jwt()}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
        "eureka.client.enabled=false",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "govdata.outbox.poll-interval=100ms",
        // The embedded broker creates the topics with one partition; growing them under running
        // consumers would hide records until the next metadata refresh.
        "govdata.kafka.partitions=1",
        // A fixed test key (32 bytes of 'test-pseudonym-key-for-tests-32b'); real keys come from the environment.
        "govdata.privacy.pseudonym-key=dGVzdC1wc2V1ZG9ueW0ta2V5LWZvci10ZXN0cy0zMmI="})
@EmbeddedKafka(partitions = 1, topics = {Topics.CATALOG, Topics.SHARING, Topics.EXCHANGE, Topics.OPEN_DATA,
        Topics.OBJECTION, Topics.AUDIT, Topics.DEADLINES})
@ContextConfiguration(initializers = InMemoryWireStore.class)
@AutoConfigureMockMvc
public @interface PlatformIntegrationTest {
}
