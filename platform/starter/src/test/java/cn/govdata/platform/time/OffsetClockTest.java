package cn.govdata.platform.time;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OffsetClockTest {

    private static final Instant REAL = Instant.parse("2026-11-20T02:00:00Z");

    private final OffsetClock clock = new OffsetClock(Clock.fixed(REAL, ZoneId.of("Asia/Shanghai")));

    @Test
    void untilAdvancedItTellsTheBaseClocksTime() {
        assertThat(clock.instant()).isEqualTo(REAL);
        assertThat(clock.offset()).isZero();
        assertThat(clock.getZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void advancingAddsUpAndReturnsTheNewTime() {
        assertThat(clock.advance(Duration.ofDays(3))).isEqualTo(REAL.plus(Duration.ofDays(3)));
        assertThat(clock.advance(Duration.ofHours(2))).isEqualTo(REAL.plus(Duration.ofDays(3)).plus(Duration.ofHours(2)));
        assertThat(clock.offset()).isEqualTo(Duration.ofHours(74));
        assertThat(clock.millis()).isEqualTo(clock.instant().toEpochMilli());
    }

    @Test
    void itNeverGoesBackNorStandsStill() {
        clock.advance(Duration.ofDays(1));

        assertThatThrownBy(() -> clock.advance(Duration.ofHours(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only moves forward");
        assertThatThrownBy(() -> clock.advance(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThat(clock.offset()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void aClockForAnotherZoneSharesTheOffset() {
        OffsetClock utc = clock.withZone(ZoneOffset.UTC);

        clock.advance(Duration.ofDays(2));

        assertThat(utc.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(utc.instant()).isEqualTo(REAL.plus(Duration.ofDays(2)));
        assertThat(clock.withZone(clock.getZone())).isSameAs(clock);
    }

    @Test
    void realTimeKeepsRunningUnderTheOffset() throws InterruptedException {
        OffsetClock running = new OffsetClock(Clock.systemUTC());
        running.advance(Duration.ofDays(1));
        Instant first = running.instant();
        Thread.sleep(5);
        assertThat(running.instant()).isAfter(first);
        assertThat(Duration.between(Instant.now(), running.instant())).isGreaterThan(Duration.ofHours(23));
    }
}
