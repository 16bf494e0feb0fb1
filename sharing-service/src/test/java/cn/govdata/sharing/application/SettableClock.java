package cn.govdata.sharing.application;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still where a test puts it, so a rule about an exact instant (a due time, the
 * millisecond before it) can be tested at that instant; the adjustable clock keeps ticking.
 */
public final class SettableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public SettableClock(Instant start, ZoneId zone) {
        this(new AtomicReference<>(start), zone);
    }

    private SettableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new SettableClock(now, zone);
    }

    /** Replaces the platform's clock (it backs off when a Clock bean exists). */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        SettableClock settableClock() {
            return new SettableClock(Instant.parse("2026-12-07T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
        }
    }
}
