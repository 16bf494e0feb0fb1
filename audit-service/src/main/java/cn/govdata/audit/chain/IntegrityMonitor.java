package cn.govdata.audit.chain;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Verifies the whole trail on a schedule and on demand, and exposes the outcome as
 * {@code audit_chain_intact} (1 intact, 0 broken; NaN before the first verification) for the
 * alert rule. Also signs the time-based checkpoints of the chains this instance writes.
 */
public final class IntegrityMonitor {

    private static final Logger log = LoggerFactory.getLogger(IntegrityMonitor.class);

    private final ChainVerifier verifier;
    private final ChainWriter writer;
    private final AtomicReference<VerificationReport> last = new AtomicReference<>();
    private final Timer took;

    public IntegrityMonitor(ChainVerifier verifier, ChainWriter writer, MeterRegistry meters) {
        this.verifier = verifier;
        this.writer = writer;
        Gauge.builder("audit_chain_intact", last, r -> r.get() == null ? Double.NaN
                        : r.get().status() == VerificationReport.Status.INTACT ? 1 : 0)
                .description("1 when the last verification found every audit chain intact, 0 when one is broken")
                .register(meters);
        Gauge.builder("audit_verified_records", last, r -> r.get() == null ? Double.NaN : r.get().records())
                .description("Records covered by the last verification").register(meters);
        Gauge.builder("audit_last_verification_timestamp_seconds", last,
                        r -> r.get() == null ? Double.NaN : r.get().verifiedAt().getEpochSecond())
                .description("When the last verification ran").register(meters);
        this.took = Timer.builder("audit_verification").description("Time to walk and check every chain").register(meters);
    }

    @Scheduled(initialDelayString = "${govdata.audit.verification.initial-delay:PT20S}",
            fixedDelayString = "${govdata.audit.verification.interval:PT1H}")
    void scheduled() {
        try {
            verifyNow();
        } catch (RuntimeException e) {
            log.warn("Scheduled audit verification failed; next attempt at the next interval: {}", e.toString());
        }
    }

    public synchronized VerificationReport verifyNow() {
        VerificationReport report = verifier.verify();
        last.set(report);
        took.record(report.took());
        log.info("Audit trail verification: {} ({} records in {} chains, {} ms)", report.status(), report.records(),
                report.chains().size(), report.took().toMillis());
        return report;
    }

    public VerificationReport last() {
        return last.get();
    }

    @Scheduled(initialDelayString = "PT30S", fixedDelayString = "${govdata.audit.checkpoints.idle-check:PT30S}")
    void checkpointIdleChains() {
        try {
            writer.checkpointIdleChains();
        } catch (RuntimeException e) {
            log.warn("Signing idle checkpoints failed; retried at the next check: {}", e.toString());
        }
    }
}
