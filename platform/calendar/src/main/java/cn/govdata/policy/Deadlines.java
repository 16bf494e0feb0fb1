package cn.govdata.policy;

import cn.govdata.calendar.Counting;
import cn.govdata.calendar.DueTime;
import cn.govdata.calendar.WorkingDayCalendar;

import java.time.Instant;

/** Turns a jurisdiction rule into the instant it falls due, with the calendar's deadline semantics. */
public final class Deadlines {

    private Deadlines() {
    }

    /**
     * Exclusive end of the period that starts the day after {@code received}: 00:00 Asia/Shanghai of
     * the day after the last allowed day. See {@link WorkingDayCalendar} for how receipt on a
     * non-working day is counted.
     */
    public static Instant due(WorkingDayCalendar calendar, Instant received, Period period) {
        return dueTime(calendar, received, period).at();
    }

    /** As {@link #due(WorkingDayCalendar, Instant, Period)}, with the calendar years the result rests on. */
    public static DueTime dueTime(WorkingDayCalendar calendar, Instant received, Period period) {
        return switch (period.unit()) {
            case WORKING_DAYS -> calendar.dueTime(received, period.amount(), Counting.WORKING_DAYS);
            case CALENDAR_DAYS -> calendar.dueTime(received, period.amount(), Counting.CALENDAR_DAYS);
            case MONTHS -> calendar.dueTime(received, period.amount(), Counting.MONTHS);
            case YEARS -> calendar.dueTime(received, Math.multiplyExact(period.amount(), 12), Counting.MONTHS);
        };
    }

    public static Instant due(WorkingDayCalendar calendar, Instant received, Rule<Period> rule) {
        return due(calendar, received, rule.value());
    }
}
