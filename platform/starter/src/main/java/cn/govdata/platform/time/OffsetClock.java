package cn.govdata.platform.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock running at the pace of a base clock plus an offset an operator can only move forward, so
 * a demonstration or system test can reach a deadline days away without waiting for it.
 *
 * <p>Never moving back keeps what the platform already recorded consistent: an event fired, a lease
 * expired or a deadline computed at a later time must not reappear in the future. Clocks derived
 * with {@link #withZone} share the offset, so advancing one advances every view of it.
 */
public final class OffsetClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset;

    public OffsetClock(Clock base) {
        this(base, new AtomicReference<>(Duration.ZERO));
    }

    private OffsetClock(Clock base, AtomicReference<Duration> offset) {
        this.base = Objects.requireNonNull(base, "base");
        this.offset = offset;
    }

    /** How far this clock runs ahead of its base. */
    public Duration offset() {
        return offset.get();
    }

    /**
     * Moves the clock forward by {@code by}.
     *
     * @return the clock's time right after advancing
     * @throws IllegalArgumentException unless {@code by} is positive
     */
    public Instant advance(Duration by) {
        Objects.requireNonNull(by, "by");
        if (by.isZero() || by.isNegative()) {
            throw new IllegalArgumentException("The clock only moves forward; " + by + " is not a positive duration");
        }
        offset.accumulateAndGet(by, Duration::plus);
        return instant();
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public OffsetClock withZone(ZoneId zone) {
        return zone.equals(base.getZone()) ? this : new OffsetClock(base.withZone(zone), offset);
    }

    @Override
    public String toString() {
        return "OffsetClock[" + base + " + " + offset.get() + "]";
    }
}
