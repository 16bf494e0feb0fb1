package cn.govdata.events.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A year's official holiday schedule (a State Council General Office notice) was accepted by the
 * platform; every service adopts it for its working-day calendar. Keyed by the year, so the
 * revisions of one year arrive in order; a consumer keeps the highest {@code revision}.
 *
 * @param revision          1 for the first notice of a year, +1 for each replacement
 * @param noticeTitle       e.g. 国务院办公厅关于2027年部分节假日安排的通知
 * @param noticeNumber      e.g. 国办发明电〔2026〕N号
 * @param noticeDate        the date the notice was issued
 * @param publicHolidays    days off, weekend days inside a break included, sorted
 * @param makeupWorkingDays weekend days that are working days (调休上班), sorted
 * @param replaced          whether this replaced an official schedule (shipped or uploaded)
 * @param publishedBy       the operator who uploaded it
 */
public record CalendarYearPublished(
        int year,
        int revision,
        String noticeTitle,
        String noticeNumber,
        LocalDate noticeDate,
        List<LocalDate> publicHolidays,
        List<LocalDate> makeupWorkingDays,
        boolean replaced,
        String publishedBy,
        Instant publishedAt) {
}
