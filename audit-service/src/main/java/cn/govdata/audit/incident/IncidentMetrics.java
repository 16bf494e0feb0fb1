package cn.govdata.audit.incident;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code audit_security_incidents_open{severity}} and {@code audit_security_incident_notifications_overdue}:
 * counted from the register, not from this replica's own writes, so every replica reports the same
 * figures; refreshed after each change here and every minute for the others'.
 */
@Component
class IncidentMetrics {

    private static final Logger log = LoggerFactory.getLogger(IncidentMetrics.class);

    private final Incidents incidents;
    private final Map<Severity, AtomicLong> open = new EnumMap<>(Severity.class);
    private final AtomicLong overdue = new AtomicLong();

    IncidentMetrics(Incidents incidents, MeterRegistry meters) {
        this.incidents = incidents;
        for (Severity severity : Severity.values()) {
            AtomicLong value = new AtomicLong();
            open.put(severity, value);
            Gauge.builder("audit_security_incidents_open", value, AtomicLong::get)
                    .description("Open data security incidents in the register (NJ 34, SY 44), by severity")
                    .tag("severity", severity.name()).register(meters);
        }
        Gauge.builder("audit_security_incident_notifications_overdue", overdue, AtomicLong::get)
                .description("Open incidents whose notification period ran out with a required notification missing")
                .register(meters);
    }

    @Scheduled(initialDelayString = "PT20S", fixedDelayString = "PT1M")
    void refresh() {
        try {
            for (Severity severity : Severity.values()) {
                open.get(severity).set(incidents.countOpen(severity));
            }
            overdue.set(incidents.countOverdueOpen());
        } catch (RuntimeException e) {
            log.debug("Incident gauges not refreshed: {}", e.toString());
        }
    }
}
