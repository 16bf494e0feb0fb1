package cn.govdata.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One year of the official schedule as published in a State Council General Office notice.
 *
 * <p>Dates may fall in the neighbouring years: notices have listed them before (the 2012 notice made
 * Saturday 2011-12-31 a working day). A year counts as covered only through its own schedule.
 *
 * @param year              the year the notice is for
 * @param notice            title and document number of the notice, e.g. 国办发明电〔2024〕12号
 * @param publicHolidays    days off, weekend days inside a break included (kept sorted)
 * @param makeupWorkingDays Saturdays and Sundays that are working days (kept sorted)
 */
public record YearSchedule(int year, String notice, Set<LocalDate> publicHolidays,
                           Set<LocalDate> makeupWorkingDays) {

    public YearSchedule {
        if (year < 1949 || year > 9999) {
            throw new IllegalArgumentException("Implausible schedule year " + year);
        }
        if (notice == null || notice.isBlank()) {
            throw new IllegalArgumentException("Schedule " + year + " must name the notice it comes from");
        }
        publicHolidays = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(publicHolidays)));
        makeupWorkingDays = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(makeupWorkingDays)));
        for (LocalDate date : publicHolidays) {
            requireNear(year, date);
        }
        for (LocalDate date : makeupWorkingDays) {
            requireNear(year, date);
            if (date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY) {
                throw new IllegalArgumentException("Schedule " + year + ": makeup working day " + date
                        + " is a " + date.getDayOfWeek() + ", but only weekend days can be made working days");
            }
            if (publicHolidays.contains(date)) {
                throw new IllegalArgumentException("Schedule " + year + ": " + date
                        + " is listed both as a holiday and as a makeup working day");
            }
        }
    }

    private static void requireNear(int year, LocalDate date) {
        if (Math.abs(date.getYear() - year) > 1) {
            throw new IllegalArgumentException("Schedule " + year + ": date " + date
                    + " is neither in " + year + " nor in a neighbouring year");
        }
    }
}
