package cn.govdata.policy;

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
        return switch (period.unit()) {
            case WORKING_DAYS -> calendar.dueWithin(received, period.amount());
            case CALENDAR_DAYS -> calendar.dueWithinCalendarDays(received, period.amount());
            case MONTHS -> calendar.dueWithinMonths(received, period.amount());
            case YEARS -> calendar.dueWithinMonths(received, Math.multiplyExact(period.amount(), 12));
        };
    }

    public static Instant due(WorkingDayCalendar calendar, Instant received, Rule<Period> rule) {
        return due(calendar, received, rule.value());
    }
}
