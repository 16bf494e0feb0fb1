package cn.govdata.calendar;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A computed due time and what it rests on.
 *
 * @param at               exclusive end of the last allowed day (see {@link WorkingDayCalendar})
 * @param calendarYears    every year whose days were looked at; a new or replaced schedule for one of
 *                         them may move {@code at}. Empty for periods that need no calendar (months, years)
 * @param provisionalYears those of {@code calendarYears} that had no official schedule
 */
public record DueTime(Instant at, SortedSet<Integer> calendarYears, SortedSet<Integer> provisionalYears) {

    public DueTime {
        Objects.requireNonNull(at, "at");
        calendarYears = Collections.unmodifiableSortedSet(new TreeSet<>(calendarYears));
        provisionalYears = Collections.unmodifiableSortedSet(new TreeSet<>(provisionalYears));
    }

    public CalendarBasis basis() {
        return provisionalYears.isEmpty() ? CalendarBasis.OFFICIAL : CalendarBasis.PROVISIONAL;
    }
}
