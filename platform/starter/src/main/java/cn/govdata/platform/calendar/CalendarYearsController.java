package cn.govdata.platform.calendar;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.calendar.YearSchedule;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET <api-base>/calendar/years}, any authenticated caller: what this service's working-day
 * calendar uses for each year from the first official one to next year + 1:
 * <pre>
 * [{"year":2026,"status":"OFFICIAL","source":"SHIPPED","notice":"国务院办公厅关于2026年…","revision":null,
 *   "noticeNumber":null,"noticeDate":null,"publicHolidays":[…],"makeupWorkingDays":[…]},
 *  {"year":2027,"status":"PROVISIONAL","source":null,"notice":"暂定：依《全国年节及纪念日放假办法》推算…",…}]
 * </pre>
 */
@RestController
class CalendarYearsController {

    private final WorkingDayCalendar calendar;
    private final CalendarYears years;
    private final Clock clock;

    CalendarYearsController(WorkingDayCalendar calendar, CalendarYears years, Clock clock) {
        this.calendar = calendar;
        this.years = years;
        this.clock = clock;
    }

    record YearView(int year, String status, String source, String notice, Integer revision, String noticeNumber,
                    LocalDate noticeDate, List<LocalDate> publicHolidays, List<LocalDate> makeupWorkingDays) {
    }

    @GetMapping("${govdata.api-base}/calendar/years")
    List<YearView> years() {
        int nextYear = LocalDate.now(clock.withZone(WorkingDayCalendar.ZONE)).getYear() + 1;
        int first = calendar.coverage().isEmpty() ? nextYear - 1 : Math.min(calendar.coverage().first(), nextYear - 1);
        int last = Math.max(nextYear + 1, calendar.coverage().isEmpty() ? nextYear : calendar.coverage().last());
        List<YearView> views = new ArrayList<>();
        for (int year = first; year <= last; year++) {
            var official = calendar.schedule(year);
            if (official.isPresent()) {
                var uploaded = years.adopted(year);
                YearSchedule s = official.get();
                views.add(new YearView(year, "OFFICIAL", calendar.source(year).map(Enum::name).orElse(null), s.notice(),
                        uploaded.map(AdoptedYear::revision).orElse(null), uploaded.map(AdoptedYear::noticeNumber).orElse(null),
                        uploaded.map(AdoptedYear::noticeDate).orElse(null), List.copyOf(s.publicHolidays()),
                        List.copyOf(s.makeupWorkingDays())));
            } else {
                var provisional = calendar.provisionalSchedule(year);
                views.add(new YearView(year, "PROVISIONAL", null, provisional.map(YearSchedule::notice).orElse(null), null, null,
                        null, provisional.map(p -> List.copyOf(p.publicHolidays())).orElse(List.of()), List.of()));
            }
        }
        return views;
    }
}
