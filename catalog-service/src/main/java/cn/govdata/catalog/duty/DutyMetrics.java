package cn.govdata.catalog.duty;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code catalog_duties_overdue_total{department}}: update duties a department let pass their due
 * time, for the supervision scorecard. Counted once, when the duty turns OVERDUE.
 */
@Component
class DutyMetrics {

    private final MeterRegistry meters;

    DutyMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void overdue(String department) {
        Counter.builder("catalog_duties_overdue").description("Catalog update duties that passed their due time unfulfilled")
                .tag("department", department).register(meters).increment();
    }
}
