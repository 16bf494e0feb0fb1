package cn.govdata.catalog.duty;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.platform.time.OffsetClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;

/**
 * Starts the service's clock on Monday 28 September 2026, 10:00 Asia/Shanghai, running at real
 * pace, so a duty opened "now" runs across the National Day holiday whatever day the tests run on.
 * Still an {@link OffsetClock}: {@code POST /api/catalog/time/advance} moves it forward.
 */
@TestConfiguration(proxyBeanMethods = false)
class RewoundClock {

    static final Instant START = ZonedDateTime.of(2026, 9, 28, 10, 0, 0, 0, WorkingDayCalendar.ZONE).toInstant();

    @Bean
    @Primary
    OffsetClock rewoundClock() {
        return new OffsetClock(Clock.offset(Clock.system(WorkingDayCalendar.ZONE), Duration.between(Instant.now(), START)));
    }
}
