package cn.govdata.platform.policy;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.policy.JurisdictionProfile;
import cn.govdata.policy.Period;
import cn.govdata.policy.PolicyChoice;
import cn.govdata.policy.Rule;
import cn.govdata.policy.RuleKey;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code GET <api-base>/policy}, any authenticated caller: the jurisdiction profile this service
 * runs with, overrides applied, so a department can see which article a deadline rests on and an
 * auditor can see what a deployment changed. Read-only; the shape is a contract:
 * <pre>
 * {
 *   "id": "nanjing", "nameZh": "南京市", "nameEn": "Nanjing",
 *   "regulation": "南京市政务数据管理暂行办法（南京市人民政府令第329号）",
 *   "rules": {
 *     "objection-mark": {
 *       "value": "1wd",                 // as written in overrides: 15wd, 10d, 1m, 3y, true, university,research-institute, prior-filing
 *       "unit": "WORKING_DAYS",         // WORKING_DAYS, CALENDAR_DAYS, MONTHS, YEARS; null for switches and choices
 *       "source": "REGULATION",         // REGULATION, PLATFORM_DEFAULT or OVERRIDE
 *       "citation": "NJ 35",            // only for REGULATION
 *       "note": null,                   // why: always set for PLATFORM_DEFAULT and OVERRIDE
 *       "description": "platform marks objected data as disputed",
 *       "format": "&lt;amount&gt;&lt;unit&gt;, unit wd (working days), ..."   // how to write an override
 *     },
 *     ...                               // every RuleKey, in RuleKey order
 *   },
 *   "calendar": {"zone": "Asia/Shanghai", "coveredYears": [2024, 2025, 2026], "coveredUntil": 2026,
 *                "years": [{"year": 2026, "calendarBasis": "OFFICIAL", "source": "SHIPPED"},
 *                          {"year": 2027, "calendarBasis": "PROVISIONAL", "source": null}]}
 * }
 * </pre>
 * Every field is always present (null where it has no value). {@code coveredUntil} is null when no year is covered.
 * {@code years} are this year and next: PROVISIONAL means derived from 全国年节及纪念日放假办法 until the notice is loaded.
 */
@RestController
final class PolicyController {

    private final JurisdictionProfile profile;
    private final WorkingDayCalendar calendar;
    private final Clock clock;

    PolicyController(JurisdictionProfile profile, WorkingDayCalendar calendar, Clock clock) {
        this.profile = profile;
        this.calendar = calendar;
        this.clock = clock;
    }

    // Built per request: the calendar adopts uploaded notices while the service runs.
    @GetMapping("${govdata.api-base}/policy")
    PolicyView policy() {
        return PolicyView.of(profile, calendar, LocalDate.now(clock.withZone(WorkingDayCalendar.ZONE)).getYear());
    }

    record PolicyView(String id, String nameZh, String nameEn, String regulation, Map<String, RuleView> rules,
                      CalendarView calendar) {

        static PolicyView of(JurisdictionProfile profile, WorkingDayCalendar calendar, int thisYear) {
            Map<String, RuleView> rules = new LinkedHashMap<>();
            profile.rules().forEach((key, rule) -> rules.put(key.key(), RuleView.of(key, rule)));
            List<Integer> years = List.copyOf(calendar.coverage());
            return new PolicyView(profile.id(), profile.nameZh(), profile.nameEn(), profile.regulation(),
                    java.util.Collections.unmodifiableMap(rules),
                    new CalendarView(WorkingDayCalendar.ZONE.getId(), years, years.isEmpty() ? null : years.get(years.size() - 1),
                            List.of(YearBasis.of(calendar, thisYear), YearBasis.of(calendar, thisYear + 1))));
        }
    }

    record RuleView(String value, String unit, String source, String citation, String note, String description,
                    String format) {

        static RuleView of(RuleKey key, Rule<?> rule) {
            Object value = rule.value();
            String unit = value instanceof Period period ? period.unit().name() : null;
            return new RuleView(text(value), unit, rule.source().name(), rule.citation(), rule.note(), key.description(),
                    key.valueFormat());
        }

        private static String text(Object value) {
            if (value instanceof Collection<?> items) {
                return items.stream().map(RuleView::text).collect(Collectors.joining(","));
            }
            return value instanceof PolicyChoice choice ? choice.key() : String.valueOf(value);
        }
    }

    record CalendarView(String zone, List<Integer> coveredYears, Integer coveredUntil, List<YearBasis> years) {
    }

    record YearBasis(int year, String calendarBasis, String source) {
        static YearBasis of(WorkingDayCalendar calendar, int year) {
            return new YearBasis(year, calendar.basis(year).name(), calendar.source(year).map(Enum::name).orElse(null));
        }
    }
}
