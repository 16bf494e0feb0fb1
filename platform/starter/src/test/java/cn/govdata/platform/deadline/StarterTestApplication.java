package cn.govdata.platform.deadline;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The smallest service the starter's integration tests run: auto-configuration plus one deadline
 * handler. Not {@code @SpringBootApplication}: component scanning here would register the starter's
 * controllers a second time next to their auto-configured beans.
 *
 * <p>Test classes in other packages name it explicitly, with the same annotations, so they share
 * one cached context (and one embedded broker) per property set:
 * <pre>
 * &#64;PlatformIntegrationTest
 * &#64;ContextConfiguration(classes = StarterTestApplication.class, initializers = InMemoryWireStore.class)
 * &#64;TestPropertySource(properties = StarterTestApplication.ADJUSTABLE_TIME)
 * </pre>
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class StarterTestApplication {

    private static final String COMMON = """
            spring.application.name=starter-test
            govdata.api-base=/api/test
            govdata.directory.replica.enabled=false
            govdata.deadlines.poll-interval=100ms
            govdata.deadlines.lease=1s
            govdata.calendar.notices.accept-uploads=true
            govdata.calendar.notices.refresh-interval=1s
            """;

    /** A demo-style service: the clock can be advanced through the time endpoint. */
    public static final String ADJUSTABLE_TIME = COMMON + "govdata.time.adjustable=true\n";

    /** A production-style service: real time only, and one policy value overridden by the deployment. */
    public static final String FIXED_TIME_WITH_OVERRIDE = COMMON + """
            govdata.time.adjustable=false
            govdata.policy.overrides.objection-mark=2wd
            """;

    /** The process whose {@code decide} step has a handler; it fails as often as told before succeeding. */
    public static final String HANDLED_PROCESS = "handled";

    /** An aggregate collection of the tests' own, so relay tests write documents nothing else reads. */
    public static final String RELAY_TEST_COLLECTION = "relay_test";

    @Bean
    cn.govdata.platform.outbox.OutboxCollection relayTestCollection() {
        return new cn.govdata.platform.outbox.OutboxCollection(RELAY_TEST_COLLECTION);
    }

    @Bean
    RecordingHandler recordingHandler() {
        return new RecordingHandler();
    }

    static final class RecordingHandler implements DeadlineHandler {

        final Map<String, AtomicInteger> missed = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> failuresToCome = new ConcurrentHashMap<>();

        @Override
        public String process() {
            return HANDLED_PROCESS;
        }

        @Override
        public String step() {
            return "decide";
        }

        @Override
        public void onMissed(Deadline deadline) {
            missed.computeIfAbsent(deadline.subjectId(), s -> new AtomicInteger()).incrementAndGet();
            AtomicInteger failures = failuresToCome.get(deadline.subjectId());
            if (failures != null && failures.getAndDecrement() > 0) {
                throw new IllegalStateException("simulated outage while acting on " + deadline.subjectId());
            }
        }
    }
}
