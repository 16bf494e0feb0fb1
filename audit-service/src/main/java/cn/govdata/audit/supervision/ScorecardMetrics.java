package cn.govdata.audit.supervision;

import cn.govdata.audit.AuditProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code supervision_score{department,item}} (percent, item {@code overall} included) and
 * {@code supervision_open_cases{kind}}, recomputed on a schedule. Departments are a bounded set
 * (the city's directory), so they are fine as a label.
 */
@Component
class ScorecardMetrics {

    private static final Logger log = LoggerFactory.getLogger(ScorecardMetrics.class);

    private final Scorecards scorecards;
    private final AuditProperties properties;
    private final Clock clock;
    private final MultiGauge scores;
    private final MultiGauge open;

    ScorecardMetrics(Scorecards scorecards, AuditProperties properties, Clock clock, MeterRegistry meters) {
        this.scorecards = scorecards;
        this.properties = properties;
        this.clock = clock;
        this.scores = MultiGauge.builder("supervision_score")
                .description("Current supervision score per department and item, percent (NT 31)").register(meters);
        this.open = MultiGauge.builder("supervision_open_cases")
                .description("Cases awaiting a decision: approvals, objection cases, catalog update duties").register(meters);
    }

    @Scheduled(initialDelayString = "PT15S", fixedDelayString = "${govdata.audit.scorecards.metrics-refresh:PT1M}")
    void refresh() {
        try {
            Instant now = clock.instant();
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (var card : scorecards.all(now.minus(properties.scorecards().window()), now.plusSeconds(1))) {
                if (card.overall() != null) {
                    rows.add(MultiGauge.Row.of(Tags.of("department", card.department(), "item", "overall"), card.overall()));
                }
                card.items().stream().filter(i -> i.score() != null).forEach(i -> rows.add(
                        MultiGauge.Row.of(Tags.of("department", card.department(), "item", i.item()), i.score())));
            }
            scores.register(rows, true);
            open.register(scorecards.openCases().entrySet().stream()
                    .map(e -> (MultiGauge.Row<?>) MultiGauge.Row.of(Tags.of("kind", e.getKey()), e.getValue())).toList(), true);
        } catch (RuntimeException e) {
            log.warn("Refreshing supervision metrics failed: {}", e.toString());
        }
    }
}
