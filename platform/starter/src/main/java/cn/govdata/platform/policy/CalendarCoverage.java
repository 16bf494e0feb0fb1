package cn.govdata.platform.policy;

import cn.govdata.calendar.UncoveredYearListener;
import cn.govdata.calendar.WorkingDayCalendar;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes a missing holiday schedule visible. Without the year's official notice the calendar counts
 * the year provisionally (statutory days only, no 调休), so operators get one loud warning per year,
 * a counter, and gauges the Prometheus rules in deploy/prometheus alert on.
 */
final class CalendarCoverage implements UncoveredYearListener {

    private static final Logger log = LoggerFactory.getLogger(CalendarCoverage.class);

    private final MeterRegistry meters;
    private final Set<Integer> warned = ConcurrentHashMap.newKeySet();

    CalendarCoverage(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void onUncoveredYear(int year) {
        Counter.builder("calendar_uncovered_year_lookups")
                .description("Working-day questions answered Monday–Friday because the year's holiday schedule is missing")
                .tag("year", Integer.toString(year))
                .register(meters)
                .increment();
        if (warned.add(year)) {
            log.warn("!!! NO OFFICIAL HOLIDAY SCHEDULE FOR {} !!! Deadlines in {} are PROVISIONAL: counted with the statutory "
                    + "holidays of 全国年节及纪念日放假办法 but without the notice's bridged days and makeup working days. "
                    + "Upload the State Council notice (PUT /api/catalog/calendar/years/{}); pending deadlines are re-planned.",
                    year, year, year);
        }
    }

    /**
     * Registers the coverage gauges and warns at start-up when this or next year's schedule is missing.
     * {@code calendar_next_year_official} (0/1) and {@code calendar_days_until_next_year} let an alert
     * fire from 1 November (61 days or fewer before 1 January) while next year has no notice.
     */
    void watch(WorkingDayCalendar calendar, Clock clock) {
        Gauge.builder("calendar_covered_until_year", calendar,
                        c -> c.coverage().isEmpty() ? 0 : c.coverage().last())
                .description("Last year the working-day calendar has an official holiday schedule for")
                .register(meters);
        Gauge.builder("calendar_next_year_official", calendar, c -> c.isCovered(today(clock).getYear() + 1) ? 1 : 0)
                .description("1 when next year has an official holiday schedule (shipped or uploaded), 0 while it is provisional")
                .register(meters);
        Gauge.builder("calendar_days_until_next_year", clock,
                        c -> ChronoUnit.DAYS.between(today(c), LocalDate.of(today(c).getYear() + 1, 1, 1)))
                .description("Days from today (Asia/Shanghai) to 1 January of next year")
                .register(meters);
        int thisYear = LocalDate.now(clock.withZone(WorkingDayCalendar.ZONE)).getYear();
        for (int year : new int[] {thisYear, thisYear + 1}) {
            if (!calendar.isCovered(year)) {
                log.warn("The working-day calendar has no holiday schedule for {} (covered: {}); it is provisional. Upload "
                        + "the notice (PUT /api/catalog/calendar/years/{}) once the State Council publishes it.",
                        year, calendar.coverage(), year);
            }
        }
    }

    private static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(WorkingDayCalendar.ZONE));
    }
}
