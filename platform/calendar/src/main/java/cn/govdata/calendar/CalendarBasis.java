package cn.govdata.calendar;

/**
 * What a computed due time rests on: only years with an official State Council schedule, or at
 * least one year the calendar had to derive from the holiday law alone (see {@link StatutoryHolidays}).
 * A provisional due time may move once that year's notice is loaded, because 调休 (makeup working
 * days and bridged weekdays) is only known from the notice.
 */
public enum CalendarBasis {
    OFFICIAL,
    PROVISIONAL
}
