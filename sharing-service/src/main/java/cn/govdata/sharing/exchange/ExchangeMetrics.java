package cn.govdata.sharing.exchange;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code exchange_calls_total{resource,outcome}} and {@code exchange_latency_seconds{resource,outcome}}.
 * Labels stay few: the resource label is a known resource id or "unknown" (never whatever a caller
 * put in the path), the outcome one of ok, denied, throttled, provider_error.
 */
@Component
class ExchangeMetrics {

    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)};

    private record Meters(Counter calls, Timer latency) {
    }

    private final MeterRegistry registry;
    private final Map<String, Meters> meters = new ConcurrentHashMap<>();

    ExchangeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String resource, ExchangeException.Outcome outcome, long nanos) {
        Meters m = meters.computeIfAbsent(resource + '\u0000' + outcome, k -> new Meters(
                Counter.builder("exchange_calls").description("Exchange calls by resource and outcome")
                        .tag("resource", resource).tag("outcome", outcome.label()).register(registry),
                Timer.builder("exchange_latency").description("Exchange call latency, provider call included")
                        .tag("resource", resource).tag("outcome", outcome.label())
                        .serviceLevelObjectives(LATENCY_BUCKETS).register(registry)));
        m.calls().increment();
        m.latency().record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
