package cn.govdata.calendar;

import net.time4j.PlainDate;
import net.time4j.calendar.ChineseCalendar;
import net.time4j.calendar.EastAsianMonth;
import net.time4j.calendar.EastAsianYear;
import net.time4j.calendar.SolarTerm;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The statutory public holidays of 《全国年节及纪念日放假办法》, derived for any year from the law
 * itself, and the provisional schedule the calendar uses for a year whose State Council notice is not
 * loaded yet.
 *
 * <p>Two versions of 第二条 matter here. From 2014 (the 2013 revision) to 2024 there were 11 days:
 * 元旦 1, 春节 3 (lunar 1/1–1/3), 清明 1, 劳动节 1 (May 1), 端午 1, 中秋 1, 国庆 3. The 2024 revision,
 * in force 2025-01-01, has 13: lunar New Year's Eve joins 春节 and May 2 joins 劳动节.
 *
 * <p>Lunar dates come from Time4J's {@link ChineseCalendar} (the astronomical calendar of
 * GB/T 33661-2017, new moons and solar terms reckoned at UTC+8), so New Year's Eve is the day before
 * lunar 1/1 and thus the last day of month 12 whether that month has 29 or 30 days. Qingming is the
 * day on which the sun's apparent ecliptic longitude reaches 15° ({@link SolarTerm#MINOR_03_QINGMING_015}).
 * ICU4J was tried first and dropped: its lunar theory is minutes off and starts the lunar years 2027
 * and 2030 a day late or early because their new moons fall minutes from midnight.
 */
public final class StatutoryHolidays {

    /** The first year of the 2024 revision's 13 days. */
    public static final int REVISION_2024_FROM = 2025;
    /** Earliest year derived; before it the 2007 revision applied, which this class does not model. */
    public static final int EARLIEST_YEAR = 2014;

    private StatutoryHolidays() {
    }

    /** One statutory day off, e.g. {@code spring-festival 2027-02-05 (lunar New Year's Eve)}. */
    public record StatutoryDay(LocalDate date, String festival, String description) implements Comparable<StatutoryDay> {
        @Override
        public int compareTo(StatutoryDay other) {
            return date.compareTo(other.date);
        }
    }

    /** Whether {@link #of} can derive {@code year}. */
    public static boolean derivable(int year) {
        return year >= EARLIEST_YEAR && year <= 2200;
    }

    /**
     * The statutory days of {@code year} under the version of the law in force that year, sorted.
     *
     * @throws IllegalArgumentException for a year before {@link #EARLIEST_YEAR} or after 2200
     */
    public static List<StatutoryDay> of(int year) {
        if (!derivable(year)) {
            throw new IllegalArgumentException("Statutory holidays are derived for " + EARLIEST_YEAR + "–2200 only, not " + year);
        }
        boolean revised = year >= REVISION_2024_FROM;
        List<StatutoryDay> days = new ArrayList<>();
        days.add(new StatutoryDay(LocalDate.of(year, 1, 1), "new-year", "元旦"));
        LocalDate lunarNewYear = lunar(year, 1, 1);
        if (revised) {
            days.add(new StatutoryDay(lunarNewYear.minusDays(1), "spring-festival", "农历除夕"));
        }
        for (int i = 0; i < 3; i++) {
            days.add(new StatutoryDay(lunarNewYear.plusDays(i), "spring-festival", "正月初" + "一二三".charAt(i)));
        }
        days.add(new StatutoryDay(qingming(year), "qingming", "清明节"));
        days.add(new StatutoryDay(LocalDate.of(year, 5, 1), "labour-day", "劳动节"));
        if (revised) {
            days.add(new StatutoryDay(LocalDate.of(year, 5, 2), "labour-day", "劳动节"));
        }
        days.add(new StatutoryDay(lunar(year, 5, 5), "dragon-boat", "端午节"));
        days.add(new StatutoryDay(lunar(year, 8, 15), "mid-autumn", "中秋节"));
        for (int i = 1; i <= 3; i++) {
            days.add(new StatutoryDay(LocalDate.of(year, 10, i), "national-day", "国庆节"));
        }
        Collections.sort(days);
        return List.copyOf(days);
    }

    /**
     * The schedule the law alone gives {@code year}: the statutory days, every weekend, and for each
     * statutory day on a Saturday or Sunday a compensating day off (补假, 第六条) on the next working
     * day after that holiday. No makeup working days: 调休 is decided by each year's notice only.
     */
    public static YearSchedule provisionalSchedule(int year) {
        List<StatutoryDay> days = of(year);
        Set<LocalDate> off = new TreeSet<>();
        days.forEach(d -> off.add(d.date()));
        // A festival's days are consecutive; compensation goes after the festival's last day.
        List<List<StatutoryDay>> festivals = new ArrayList<>();
        for (StatutoryDay day : days) {
            List<StatutoryDay> last = festivals.isEmpty() ? null : festivals.get(festivals.size() - 1);
            if (last != null && last.get(last.size() - 1).festival().equals(day.festival())
                    && last.get(last.size() - 1).date().plusDays(1).equals(day.date())) {
                last.add(day);
            } else {
                festivals.add(new ArrayList<>(List.of(day)));
            }
        }
        for (List<StatutoryDay> festival : festivals) {
            long onWeekend = festival.stream().filter(d -> weekend(d.date())).count();
            LocalDate cursor = festival.get(festival.size() - 1).date();
            while (onWeekend > 0) {
                cursor = cursor.plusDays(1);
                if (!weekend(cursor) && off.add(cursor)) {
                    onWeekend--;
                }
            }
        }
        // Weekend days between a festival and its compensation are rest days anyway; listing only
        // the weekdays keeps the schedule as small as the law says.
        return new YearSchedule(year, provisionalNotice(year), off, Set.of());
    }

    /** The {@code notice} text of a provisional schedule. */
    public static String provisionalNotice(int year) {
        return "暂定：依《全国年节及纪念日放假办法》推算的" + year + "年法定节假日（国务院办公厅通知发布前）";
    }

    /** Gregorian date of lunar {@code month}/{@code day} (not a leap month) of the lunar year starting in {@code year}. */
    static LocalDate lunar(int year, int month, int day) {
        return gregorian(ChineseCalendar.of(EastAsianYear.forGregorian(year), EastAsianMonth.valueOf(month), day));
    }

    /** The day, Beijing time, on which the sun reaches apparent longitude 15° (清明). */
    static LocalDate qingming(int year) {
        return gregorian(SolarTerm.MINOR_03_QINGMING_015.onOrAfter(ChineseCalendar.ofNewYear(year)));
    }

    private static LocalDate gregorian(ChineseCalendar date) {
        PlainDate plain = date.transform(PlainDate.axis());
        return LocalDate.of(plain.getYear(), plain.getMonth(), plain.getDayOfMonth());
    }

    private static boolean weekend(LocalDate date) {
        return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
