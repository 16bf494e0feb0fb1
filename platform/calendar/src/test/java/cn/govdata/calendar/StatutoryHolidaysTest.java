package cn.govdata.calendar;

import cn.govdata.calendar.StatutoryHolidays.StatutoryDay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatutoryHolidaysTest {

    /*
     * Lunar and solar-term dates as published by the Purple Mountain Observatory / Hong Kong
     * Observatory almanacs (农历新年, 清明, 端午, 中秋), against which the library is checked.
     * 2027 and 2030 are the years whose new moon falls minutes from midnight in Beijing.
     */
    @ParameterizedTest(name = "{0}: eve {1}, new year {2}, Qingming {3}, Dragon Boat {4}, Mid-Autumn {5}")
    @CsvSource({
            "2024, 2024-02-09, 2024-02-10, 2024-04-04, 2024-06-10, 2024-09-17",
            "2025, 2025-01-28, 2025-01-29, 2025-04-04, 2025-05-31, 2025-10-06",
            "2026, 2026-02-16, 2026-02-17, 2026-04-05, 2026-06-19, 2026-09-25",
            "2027, 2027-02-05, 2027-02-06, 2027-04-05, 2027-06-09, 2027-09-15",
            "2028, 2028-01-25, 2028-01-26, 2028-04-04, 2028-05-28, 2028-10-03",
            "2029, 2029-02-12, 2029-02-13, 2029-04-04, 2029-06-16, 2029-09-22",
            "2030, 2030-02-02, 2030-02-03, 2030-04-05, 2030-06-05, 2030-09-12"})
    void theLunarFestivalsAndQingmingFallOnTheAlmanacDates(int year, LocalDate eve, LocalDate newYear, LocalDate qingming,
                                                         LocalDate dragonBoat, LocalDate midAutumn) {
        assertThat(StatutoryHolidays.lunar(year, 1, 1)).isEqualTo(newYear);
        assertThat(StatutoryHolidays.qingming(year)).isEqualTo(qingming);
        assertThat(StatutoryHolidays.lunar(year, 5, 5)).isEqualTo(dragonBoat);
        assertThat(StatutoryHolidays.lunar(year, 8, 15)).isEqualTo(midAutumn);
        if (year >= StatutoryHolidays.REVISION_2024_FROM) {
            assertThat(days(year, "spring-festival")).first().isEqualTo(eve);
        }
    }

    @ParameterizedTest(name = "{0} has {1} statutory days")
    @CsvSource({"2014, 11", "2024, 11", "2025, 13", "2026, 13", "2027, 13", "2029, 13", "2030, 13"})
    void theNumberOfStatutoryDaysFollowsTheVersionOfTheLawInForce(int year, int count) {
        assertThat(StatutoryHolidays.of(year)).hasSize(count);
    }

    @Test
    void from2025SpringFestivalStartsOnLunarNewYearsEveAndLabourDayHasTwoDays() {
        assertThat(days(2024, "spring-festival")).containsExactly(date("2024-02-10"), date("2024-02-11"), date("2024-02-12"));
        assertThat(days(2024, "labour-day")).containsExactly(date("2024-05-01"));
        assertThat(days(2027, "spring-festival"))
                .containsExactly(date("2027-02-05"), date("2027-02-06"), date("2027-02-07"), date("2027-02-08"));
        assertThat(days(2027, "labour-day")).containsExactly(date("2027-05-01"), date("2027-05-02"));
    }

    @Test
    void newYearsEveIsTheLastDayOfTheTwelfthMonthWhetherThatMonthHas29Or30Days() {
        // 腊月 of 癸卯 (2023/24) has 30 days; 腊月 of 甲辰 (2024/25) has 29, so 2025 had no 年三十 and its eve is 腊月廿九.
        assertThat(StatutoryHolidays.lunar(2023, 12, 30).plusDays(1)).isEqualTo(StatutoryHolidays.lunar(2024, 1, 1));
        assertThat(StatutoryHolidays.lunar(2024, 12, 29).plusDays(1)).isEqualTo(StatutoryHolidays.lunar(2025, 1, 1));
        assertThatThrownBy(() -> StatutoryHolidays.lunar(2024, 12, 30)).isInstanceOf(IllegalArgumentException.class);
        assertThat(days(2025, "spring-festival")).first().isEqualTo(StatutoryHolidays.lunar(2024, 12, 29));
    }

    @ParameterizedTest(name = "{0}: the shipped notice gives every statutory day of the law in force off")
    @ValueSource(ints = {2024, 2025, 2026})
    void everyShippedNoticeContainsEveryStatutoryDayDerivedForItsYear(int year) {
        YearSchedule notice = WorkingDayCalendar.shipped().schedule(year).orElseThrow();

        assertThat(notice.publicHolidays()).containsAll(StatutoryHolidays.of(year).stream().map(StatutoryDay::date).toList());
    }

    @Test
    void aStatutoryDayOnAWeekendIsCompensatedOnTheNextWorkingDayAfterItsHoliday() {
        YearSchedule y2027 = StatutoryHolidays.provisionalSchedule(2027);

        assertThat(y2027.makeupWorkingDays()).as("调休 only comes with the notice").isEmpty();
        // Spring Festival Fri 02-05 .. Mon 02-08: Sat and Sun are statutory, so Tue 02-09 and Wed 02-10 are off.
        assertThat(y2027.publicHolidays()).contains(date("2027-02-05"), date("2027-02-08"), date("2027-02-09"), date("2027-02-10"))
                .doesNotContain(date("2027-02-11"));
        // Labour Day Sat 05-01, Sun 05-02: Mon 05-03 and Tue 05-04 off. National Day Fri 10-01 .. Sun 10-03: Mon, Tue off.
        assertThat(y2027.publicHolidays()).contains(date("2027-05-03"), date("2027-05-04"), date("2027-10-04"), date("2027-10-05"))
                .doesNotContain(date("2027-05-05"), date("2027-10-06"));
        // New Year Sat 2028-01-01 is compensated on Mon 01-03; Mid-Autumn and National Day share 2028-10-03.
        assertThat(StatutoryHolidays.provisionalSchedule(2028).publicHolidays())
                .contains(date("2028-01-03"), date("2028-10-04")).doesNotContain(date("2028-10-05"));
    }

    @Test
    void yearsBeforeThe2013RevisionAreNotDerived() {
        assertThatThrownBy(() -> StatutoryHolidays.of(2013)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2013");
    }

    @Test
    void aFiveWorkingDayDeadlineReceived28December2026IsDueAtTheEndOf5January2027Provisionally() {
        WorkingDayCalendar calendar = WorkingDayCalendar.shipped();

        DueTime due = calendar.dueTime(OffsetDateTime.parse("2026-12-28T10:00+08:00").toInstant(), 5, Counting.WORKING_DAYS);

        // 29, 30, 31 December; New Year's Day (Fri) off by law; the weekend; 4 and 5 January.
        assertThat(due.at()).isEqualTo(OffsetDateTime.parse("2027-01-06T00:00+08:00").toInstant());
        assertThat(due.basis()).isEqualTo(CalendarBasis.PROVISIONAL);
        assertThat(due.calendarYears()).containsExactly(2026, 2027);
        assertThat(due.provisionalYears()).containsExactly(2027);
    }

    @Test
    void aDueTimeInsideOfficialYearsIsOfficial() {
        DueTime due = WorkingDayCalendar.shipped().dueTime(Instant.parse("2026-03-02T02:00:00Z"), 10, Counting.WORKING_DAYS);

        assertThat(due.basis()).isEqualTo(CalendarBasis.OFFICIAL);
        assertThat(due.calendarYears()).containsExactly(2026);
    }

    private static List<LocalDate> days(int year, String festival) {
        return StatutoryHolidays.of(year).stream().filter(d -> d.festival().equals(festival)).map(StatutoryDay::date).toList();
    }

    private static LocalDate date(String text) {
        return LocalDate.parse(text);
    }
}
