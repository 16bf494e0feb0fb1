package cn.govdata.calendar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkingDayCalendarTest {

    private final WorkingDayCalendar calendar = WorkingDayCalendar.shipped();

    @ParameterizedTest(name = "{0} is {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            2025-01-01 | PUBLIC_HOLIDAY     | New Year
            2025-01-02 | WORKING_DAY        | day after New Year
            2025-01-26 | MAKEUP_WORKING_DAY | Sunday worked before Spring Festival
            2025-01-27 | WORKING_DAY        | Monday before Spring Festival
            2025-01-28 | PUBLIC_HOLIDAY     | Spring Festival Eve, a holiday from 2025
            2025-02-04 | PUBLIC_HOLIDAY     | last day of Spring Festival
            2025-02-05 | WORKING_DAY        | first day back after Spring Festival
            2025-02-08 | MAKEUP_WORKING_DAY | Saturday worked after Spring Festival
            2025-02-09 | REST_DAY           | ordinary Sunday
            2025-04-03 | WORKING_DAY        | Thursday before Qingming
            2025-04-04 | PUBLIC_HOLIDAY     | Qingming Friday
            2025-04-06 | PUBLIC_HOLIDAY     | Qingming Sunday
            2025-04-07 | WORKING_DAY        | Monday after Qingming
            2025-04-27 | MAKEUP_WORKING_DAY | Sunday worked before Labour Day
            2025-05-01 | PUBLIC_HOLIDAY     | Labour Day
            2025-05-05 | PUBLIC_HOLIDAY     | last day of Labour Day break, a Monday
            2025-05-06 | WORKING_DAY        | first day back after Labour Day
            2025-05-10 | REST_DAY           | no makeup Saturday after Labour Day 2025
            2025-05-30 | WORKING_DAY        | Friday before Dragon Boat
            2025-05-31 | PUBLIC_HOLIDAY     | Dragon Boat Saturday
            2025-06-02 | PUBLIC_HOLIDAY     | Dragon Boat Monday
            2025-06-03 | WORKING_DAY        | Tuesday after Dragon Boat
            2025-09-28 | MAKEUP_WORKING_DAY | Sunday worked before National Day
            2025-09-30 | WORKING_DAY        | last day before National Day
            2025-10-01 | PUBLIC_HOLIDAY     | National Day
            2025-10-06 | PUBLIC_HOLIDAY     | Mid-Autumn inside the National Day break
            2025-10-08 | PUBLIC_HOLIDAY     | last day of the eight-day break
            2025-10-09 | WORKING_DAY        | first day back after National Day
            2025-10-11 | MAKEUP_WORKING_DAY | Saturday worked after National Day
            2025-10-12 | REST_DAY           | ordinary Sunday
            2026-01-01 | PUBLIC_HOLIDAY     | New Year
            2026-01-03 | PUBLIC_HOLIDAY     | New Year break Saturday
            2026-01-04 | MAKEUP_WORKING_DAY | Sunday worked after New Year
            2026-02-13 | WORKING_DAY        | Friday before Spring Festival
            2026-02-14 | MAKEUP_WORKING_DAY | Saturday worked before Spring Festival
            2026-02-15 | PUBLIC_HOLIDAY     | first day of the nine-day Spring Festival
            2026-02-17 | PUBLIC_HOLIDAY     | Spring Festival
            2026-02-23 | PUBLIC_HOLIDAY     | last day of Spring Festival, a Monday
            2026-02-24 | WORKING_DAY        | first day back after Spring Festival
            2026-02-28 | MAKEUP_WORKING_DAY | Saturday worked after Spring Festival
            2026-03-01 | REST_DAY           | ordinary Sunday
            2026-04-03 | WORKING_DAY        | Friday before Qingming
            2026-04-04 | PUBLIC_HOLIDAY     | Qingming Saturday
            2026-04-06 | PUBLIC_HOLIDAY     | Qingming Monday
            2026-04-07 | WORKING_DAY        | Tuesday after Qingming
            2026-04-30 | WORKING_DAY        | Thursday before Labour Day
            2026-05-01 | PUBLIC_HOLIDAY     | Labour Day
            2026-05-05 | PUBLIC_HOLIDAY     | last day of Labour Day break, a Tuesday
            2026-05-06 | WORKING_DAY        | first day back after Labour Day
            2026-05-09 | MAKEUP_WORKING_DAY | Saturday worked after Labour Day
            2026-05-10 | REST_DAY           | ordinary Sunday
            2026-06-18 | WORKING_DAY        | Thursday before Dragon Boat
            2026-06-19 | PUBLIC_HOLIDAY     | Dragon Boat Friday
            2026-06-21 | PUBLIC_HOLIDAY     | Dragon Boat Sunday
            2026-06-22 | WORKING_DAY        | Monday after Dragon Boat
            2026-09-20 | MAKEUP_WORKING_DAY | Sunday worked before National Day
            2026-09-24 | WORKING_DAY        | Thursday before Mid-Autumn
            2026-09-25 | PUBLIC_HOLIDAY     | Mid-Autumn Friday
            2026-09-27 | PUBLIC_HOLIDAY     | Mid-Autumn Sunday
            2026-09-28 | WORKING_DAY        | Monday after Mid-Autumn
            2026-09-30 | WORKING_DAY        | last day before National Day
            2026-10-01 | PUBLIC_HOLIDAY     | National Day
            2026-10-07 | PUBLIC_HOLIDAY     | last day of National Day break
            2026-10-08 | WORKING_DAY        | first day back after National Day
            2026-10-10 | MAKEUP_WORKING_DAY | Saturday worked after National Day
            2026-10-11 | REST_DAY           | ordinary Sunday
            2024-02-09 | WORKING_DAY        | Spring Festival Eve was still a working day in 2024
            2024-02-18 | MAKEUP_WORKING_DAY | Sunday worked after Spring Festival 2024
            2024-10-12 | MAKEUP_WORKING_DAY | Saturday worked after National Day 2024
            """)
    void eachDateHasTheKindTheStateCouncilNoticeGivesIt(LocalDate date, DayKind expected, String why) {
        assertThat(calendar.dayKind(date)).as(why).isEqualTo(expected);
        assertThat(calendar.isWorkingDay(date)).as(why).isEqualTo(expected.isWorking());
    }

    @ParameterizedTest(name = "{0} + {1} working days = {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            2025-01-27 |  1 | 2025-02-05 | jumps the whole Spring Festival
            2025-01-24 |  1 | 2025-01-26 | lands on the makeup Sunday
            2025-02-07 |  1 | 2025-02-08 | lands on the makeup Saturday
            2025-04-03 |  1 | 2025-04-07 | jumps Qingming
            2025-04-25 |  3 | 2025-04-29 | counts the makeup Sunday before Labour Day
            2025-04-30 |  1 | 2025-05-06 | jumps Labour Day
            2025-05-30 |  1 | 2025-06-03 | jumps Dragon Boat
            2025-09-26 |  5 | 2025-10-10 | counts the makeup Sunday, jumps National Day
            2025-09-30 | 15 | 2025-10-28 | counts the makeup Saturday after National Day
            2026-02-13 |  1 | 2026-02-14 | Friday before Spring Festival to the makeup Saturday
            2026-02-13 |  2 | 2026-02-24 | jumps the nine-day Spring Festival
            2026-06-18 |  1 | 2026-06-22 | jumps Dragon Boat
            2026-09-18 |  1 | 2026-09-20 | lands on the makeup Sunday
            2026-09-24 |  5 | 2026-10-09 | jumps Mid-Autumn and National Day
            2026-10-03 |  1 | 2026-10-08 | from inside a holiday to the first day back
            2025-10-01 |  0 | 2025-10-01 | zero is the date itself
            2025-10-09 | -1 | 2025-09-30 | backwards over National Day
            2026-02-24 | -1 | 2026-02-14 | backwards to the makeup Saturday
            """)
    void addingWorkingDaysSkipsHolidaysAndCountsMakeupDays(LocalDate start, int n, LocalDate expected, String why) {
        assertThat(calendar.addWorkingDays(start, n)).as(why).isEqualTo(expected);
    }

    @ParameterizedTest(name = "received {0}, {1} working days: due before {2} ({3})")
    @CsvSource(delimiter = '|', textBlock = """
            2025-03-12T10:00+08:00 | 5 | 2025-03-20T00:00+08:00 | received on a working day, which does not count
            2025-03-14T16:00+08:00 | 1 | 2025-03-18T00:00+08:00 | received Friday: end of Monday
            2025-03-15T09:00+08:00 | 1 | 2025-03-18T00:00+08:00 | received Saturday: counts from Monday, end of Monday
            2025-03-11T16:30Z      | 1 | 2025-03-14T00:00+08:00 | Tuesday in UTC but already Wednesday in Shanghai
            2025-09-30T17:30+08:00 | 1 | 2025-10-10T00:00+08:00 | received on the last day before National Day
            2025-09-30T23:59:59+08:00 | 1 | 2025-10-10T00:00+08:00 | a second before the holiday starts
            2025-10-01T00:00+08:00 | 1 | 2025-10-10T00:00+08:00 | received on the first holiday
            2025-09-28T10:00+08:00 | 1 | 2025-09-30T00:00+08:00 | received on a makeup Sunday, which counts as a working day
            2026-02-13T15:00+08:00 | 1 | 2026-02-15T00:00+08:00 | due on the makeup Saturday
            2026-02-14T10:00+08:00 | 1 | 2026-02-25T00:00+08:00 | received on a makeup Saturday before Spring Festival
            2026-10-03T12:00+08:00 | 1 | 2026-10-09T00:00+08:00 | received inside National Day
            """)
    void dueWithinEndsAtMidnightAfterTheNthWorkingDayFollowingReceipt(OffsetDateTime received, int workingDays,
                                                                     OffsetDateTime expected, String why) {
        Instant due = calendar.dueWithin(received.toInstant(), workingDays);

        assertThat(due).as(why).isEqualTo(expected.toInstant());
        assertThat(calendar.workingDaysBetween(received.toInstant(), due.minusNanos(1)))
                .as("a reply in the last nanosecond took exactly the allowed working days").isEqualTo(workingDays);
    }

    @ParameterizedTest(name = "{0} to {1}: {2} working days")
    @CsvSource(delimiter = '|', textBlock = """
            2025-09-30T10:00+08:00 | 2025-10-09T18:00+08:00 |  1
            2025-09-30T10:00+08:00 | 2025-09-30T18:00+08:00 |  0
            2025-01-24T10:00+08:00 | 2025-02-08T10:00+08:00 |  6
            2025-02-08T10:00+08:00 | 2025-01-24T10:00+08:00 | -6
            2026-02-13T10:00+08:00 | 2026-02-24T10:00+08:00 |  2
            """)
    void workingDaysBetweenCountsTheWorkingDaysAfterTheFirstDayUpToTheLast(OffsetDateTime from, OffsetDateTime to, long expected) {
        assertThat(calendar.workingDaysBetween(from.toInstant(), to.toInstant())).isEqualTo(expected);
    }

    // 民法典 第二百零三条: the National Day break is inside the first period and counts; the last day of the
    // others (02-16 inside Spring Festival, Sunday 02-15, Saturday 03-14) is a rest day, so they end with the next working day.
    @ParameterizedTest(name = "received {0}, {1} calendar days: due before {2}")
    @CsvSource(delimiter = '|', textBlock = """
            2025-09-30T10:00+08:00 | 10 | 2025-10-11T00:00+08:00
            2026-02-13T10:00+08:00 |  1 | 2026-02-15T00:00+08:00
            2026-02-06T10:00+08:00 | 10 | 2026-02-25T00:00+08:00
            2026-02-14T10:00+08:00 |  1 | 2026-02-25T00:00+08:00
            2026-03-04T10:00+08:00 | 10 | 2026-03-17T00:00+08:00
            """)
    void dueWithinCalendarDaysCountsHolidaysButALastDayOffMovesToTheNextWorkingDay(OffsetDateTime received, int days, OffsetDateTime expected) {
        assertThat(calendar.dueWithinCalendarDays(received.toInstant(), days)).isEqualTo(expected.toInstant());
    }

    @ParameterizedTest(name = "received {0}, {1} months: due before {2}")
    @CsvSource(delimiter = '|', textBlock = """
            2025-03-15T10:00+08:00 | 1 | 2025-04-16T00:00+08:00
            2025-01-31T10:00+08:00 | 1 | 2025-03-01T00:00+08:00
            2024-01-31T10:00+08:00 | 1 | 2024-03-01T00:00+08:00
            2025-11-30T10:00+08:00 | 3 | 2026-03-01T00:00+08:00
            """)
    void dueWithinMonthsEndsOnTheCorrespondingDayOrTheMonthsLastDay(OffsetDateTime received, int months, OffsetDateTime expected) {
        assertThat(calendar.dueWithinMonths(received.toInstant(), months)).isEqualTo(expected.toInstant());
    }

    @Test
    void aDeadlineOfNoTimeAtAllIsRejected() {
        Instant now = Instant.parse("2025-03-12T02:00:00Z");

        assertThatThrownBy(() -> calendar.dueWithin(now, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calendar.dueWithinCalendarDays(now, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calendar.dueWithinMonths(now, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theShippedCalendarCovers2024To2026() {
        assertThat(calendar.coverage()).containsExactly(2024, 2025, 2026);
        assertThat(calendar.isCovered(2026)).isTrue();
        assertThat(calendar.isCovered(2027)).isFalse();
    }
}
