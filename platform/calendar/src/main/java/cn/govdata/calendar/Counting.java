package cn.govdata.calendar;

/** How {@link WorkingDayCalendar#dueTime} counts a period. */
public enum Counting {
    /** 工作日: the day of receipt not counted, weekends and public holidays skipped, makeup days counted. */
    WORKING_DAYS,
    /** 日: every day counts, but a last day that is a rest day moves to the next working day (民法典 第二百零三条). */
    CALENDAR_DAYS,
    /** 月: the corresponding day, or the month's last day (民法典 第二百零二条). */
    MONTHS
}
