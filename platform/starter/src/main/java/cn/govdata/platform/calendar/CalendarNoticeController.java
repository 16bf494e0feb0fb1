package cn.govdata.platform.calendar;

import cn.govdata.events.calendar.CalendarYearPublished;
import cn.govdata.platform.problem.PlatformException;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code PUT <api-base>/calendar/years/{year}}, platform operator only, in the service with
 * {@code govdata.calendar.notices.accept-uploads=true}:
 * <pre>
 * {"noticeTitle":"国务院办公厅关于2027年部分节假日安排的通知","noticeNumber":"国办发明电〔2026〕N号",
 *  "noticeDate":"2026-11-10",
 *  "holidays":["2027-01-01..2027-01-03","2027-02-05..2027-02-12", ...],
 *  "makeupWorkingDays":["2027-02-20", ...],
 *  "replace":false}
 * </pre>
 * Dates are {@code yyyy-MM-dd} or inclusive {@code a..b} ranges. 201 with the published notice (200
 * when it replaced an official year); 400 naming every date and rule broken, nothing applied; 409 for
 * a year already official without {@code "replace": true}.
 */
@RestController
class CalendarNoticeController {

    private static final int LONGEST_RANGE_DAYS = 31;

    private final CalendarNoticeDesk desk;

    CalendarNoticeController(CalendarNoticeDesk desk) {
        this.desk = desk;
    }

    record NoticeRequest(@NotBlank @Size(max = 200) String noticeTitle, @NotBlank @Size(max = 100) String noticeNumber,
                         @NotNull LocalDate noticeDate, @NotNull @Size(max = 120) List<String> holidays,
                         @Size(max = 60) List<String> makeupWorkingDays, boolean replace) {
    }

    @PutMapping("${govdata.api-base}/calendar/years/{year}")
    @PreAuthorize("hasRole('" + Roles.PLATFORM_OPERATOR + "')")
    ResponseEntity<CalendarYearPublished> upload(@PathVariable int year, @Valid @RequestBody NoticeRequest body, Caller caller) {
        if (year < 2014 || year > 2200) {
            throw PlatformException.invalidField("year", "must be between 2014 and 2200");
        }
        var notice = new CalendarNoticeDesk.Notice(year, body.noticeTitle().strip(), body.noticeNumber().strip(), body.noticeDate(),
                dates("holidays", body.holidays()), dates("makeupWorkingDays", body.makeupWorkingDays() == null ? List.of()
                : body.makeupWorkingDays()), body.replace());
        CalendarYearPublished published = desk.accept(notice, caller.actor());
        return ResponseEntity.status(published.replaced() ? HttpStatus.OK : HttpStatus.CREATED).body(published);
    }

    private static List<LocalDate> dates(String field, List<String> items) {
        List<LocalDate> dates = new ArrayList<>();
        for (String item : items) {
            String token = item == null ? "" : item.strip();
            int dots = token.indexOf("..");
            try {
                if (dots < 0) {
                    dates.add(LocalDate.parse(token));
                    continue;
                }
                LocalDate first = LocalDate.parse(token.substring(0, dots).strip());
                LocalDate last = LocalDate.parse(token.substring(dots + 2).strip());
                long days = ChronoUnit.DAYS.between(first, last) + 1;
                if (days < 1 || days > LONGEST_RANGE_DAYS) {
                    throw PlatformException.invalidField(field, "range '" + token + "' must run forwards over at most "
                            + LONGEST_RANGE_DAYS + " days");
                }
                first.datesUntil(last.plusDays(1)).forEach(dates::add);
            } catch (DateTimeParseException e) {
                throw PlatformException.invalidField(field, "'" + token + "' is not a date like 2027-10-01 or a range 2027-10-01..2027-10-07");
            }
        }
        return dates;
    }
}
