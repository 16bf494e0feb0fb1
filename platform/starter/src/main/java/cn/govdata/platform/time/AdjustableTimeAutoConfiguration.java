package cn.govdata.platform.time;

import cn.govdata.platform.config.GovdataPlatformAutoConfiguration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import java.time.Clock;
import java.util.Arrays;

/**
 * With {@code govdata.time.adjustable=true} the service's {@link Clock} is an {@link OffsetClock}
 * operators can move forward through {@code POST <api-base>/time/advance}. Runs before the
 * platform configuration so its plain system clock backs off.
 *
 * <p>Moving time would let anyone with the operator role make statutory deadlines expire early, so
 * start-up fails outright when a production profile is active.
 */
@AutoConfiguration(before = GovdataPlatformAutoConfiguration.class)
@ConditionalOnProperty(name = "govdata.time.adjustable", havingValue = "true")
public class AdjustableTimeAutoConfiguration {

    static final Profiles PRODUCTION = Profiles.of("prod | production");

    private static final Logger log = LoggerFactory.getLogger(AdjustableTimeAutoConfiguration.class);

    AdjustableTimeAutoConfiguration(Environment environment) {
        if (environment.acceptsProfiles(PRODUCTION)) {
            throw new IllegalStateException("govdata.time.adjustable=true is not allowed when a production profile is active "
                    + "(active profiles: " + Arrays.toString(environment.getActiveProfiles()) + "): an adjustable clock lets "
                    + "an operator make statutory deadlines expire early. Remove govdata.time.adjustable "
                    + "(environment variable GOVDATA_TIME_ADJUSTABLE) from the production configuration.");
        }
        log.warn("The clock of this service is ADJUSTABLE (govdata.time.adjustable=true): for demonstrations and system "
                + "tests only, never in production");
    }

    @Bean
    OffsetClock adjustableClock(ObjectProvider<MeterRegistry> meters) {
        OffsetClock clock = new OffsetClock(Clock.system(GovdataPlatformAutoConfiguration.CHINA));
        meters.ifAvailable(registry -> Gauge.builder("clock_offset_seconds", clock, c -> c.offset().toSeconds())
                .description("How far the adjustable clock runs ahead of real time")
                .register(registry));
        return clock;
    }

    @Bean
    TimeController timeController(OffsetClock adjustableClock) {
        return new TimeController(adjustableClock);
    }
}
