package cn.govdata.platform.calendar;

import cn.govdata.events.calendar.CalendarYearPublished;
import org.springframework.data.annotation.Id;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A notice this service adopted, as kept in its own {@code calendar_years} collection so a restart
 * starts with it (one document per year, the highest revision).
 */
record AdoptedYear(@Id int year, int revision, String noticeTitle, String noticeNumber, LocalDate noticeDate,
                   List<LocalDate> publicHolidays, List<LocalDate> makeupWorkingDays, String publishedBy,
                   Instant publishedAt, Instant adoptedAt) {

    static final String COLLECTION = "calendar_years";

    static AdoptedYear of(CalendarYearPublished event, Instant adoptedAt) {
        return new AdoptedYear(event.year(), event.revision(), event.noticeTitle(), event.noticeNumber(), event.noticeDate(),
                event.publicHolidays(), event.makeupWorkingDays(), event.publishedBy(), event.publishedAt(), adoptedAt);
    }

    String notice() {
        return noticeTitle + "（" + noticeNumber + "）";
    }
}
