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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes a missing holiday schedule visible. Without the year's official notice the calendar counts
 * Monday–Friday, which is wrong around every holiday and makeup working day of that year, so
 * operators get one loud warning per year, a counter to alert on and a gauge of the last covered year.
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
            log.warn("!!! NO OFFICIAL HOLIDAY SCHEDULE FOR {} !!! Deadlines in {} are counted Monday–Friday and are wrong "
                    + "around its holidays and makeup working days. Put cn-{}.properties (the State Council notice) into "
                    + "govdata.calendar.override-directory and restart.", year, year, year);
        }
    }

    /** Registers the coverage gauge and warns at start-up when this or next year's schedule is missing. */
    void watch(WorkingDayCalendar calendar, Clock clock) {
        Gauge.builder("calendar_covered_until_year", calendar,
                        c -> c.coverage().isEmpty() ? 0 : c.coverage().last())
                .description("Last year the working-day calendar has an official holiday schedule for")
                .register(meters);
        int thisYear = LocalDate.now(clock.withZone(WorkingDayCalendar.ZONE)).getYear();
        for (int year : new int[] {thisYear, thisYear + 1}) {
            if (!calendar.isCovered(year)) {
                log.warn("The working-day calendar has no holiday schedule for {} (covered: {}). Add cn-{}.properties to "
                        + "govdata.calendar.override-directory once the State Council publishes the notice.",
                        year, calendar.coverage(), year);
            }
        }
    }
}
