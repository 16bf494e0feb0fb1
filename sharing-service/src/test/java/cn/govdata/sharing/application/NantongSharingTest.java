package cn.govdata.sharing.application;

import cn.govdata.platform.test.KeepsKafkaBrokersProperty;
import cn.govdata.platform.test.PlatformIntegrationTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The sharing service under Nantong's profile (formality check NT 21, platform-direct review NT 23,
 * 3 months unused NT 26) with an adjustable clock and a fast deadline engine. Classes with this
 * annotation share one application context, so each test works on resources of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@PlatformIntegrationTest
@ExtendWith(KeepsKafkaBrokersProperty.class)
@TestPropertySource(properties = {
        "govdata.jurisdiction=nantong",
        "govdata.time.adjustable=true",
        // One partition, as the embedded broker creates them: added partitions reach a running consumer late.
        "govdata.kafka.partitions=1",
        "govdata.deadlines.poll-interval=200ms",
        "govdata.sharing.grants.expiry-poll-interval=PT1H"})
public @interface NantongSharingTest {
}
