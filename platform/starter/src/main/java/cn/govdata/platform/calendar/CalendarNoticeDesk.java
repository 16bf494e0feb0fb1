package cn.govdata.platform.calendar;

import cn.govdata.calendar.StatutoryHolidays;
import cn.govdata.calendar.StatutoryHolidays.StatutoryDay;
import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.events.CalendarEventTypes;
import cn.govdata.events.calendar.CalendarYearPublished;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.outbox.OutboxMessage;
import cn.govdata.platform.problem.PlatformException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Accepts a year's official notice in the one service that owns uploads
 * ({@code govdata.calendar.notices.accept-uploads=true}). The notice and its
 * {@code CalendarYearPublished} are one document write in {@code calendar_notices} (an outbox
 * collection); the owning service then adopts it like every other service.
 */
final class CalendarNoticeDesk {

    static final String COLLECTION = "calendar_notices";

    private final MongoTemplate mongo;
    private final WorkingDayCalendar calendar;
    private final Events events;
    private final Clock clock;
    private final CalendarYears years;

    CalendarNoticeDesk(MongoTemplate mongo, WorkingDayCalendar calendar, Events events, Clock clock, CalendarYears years) {
        this.mongo = mongo;
        this.calendar = calendar;
        this.events = events;
        this.clock = clock;
        this.years = years;
    }

    /** Storage shape of an accepted notice; {@code outbox} carries its event until the relay sent it. */
    record NoticeDocument(@Id int year, int revision, String noticeTitle, String noticeNumber, LocalDate noticeDate,
                          List<LocalDate> publicHolidays, List<LocalDate> makeupWorkingDays, String uploadedBy,
                          Instant uploadedAt, List<OutboxMessage> outbox) {
    }

    record Notice(int year, String noticeTitle, String noticeNumber, LocalDate noticeDate, List<LocalDate> holidays,
                  List<LocalDate> makeupWorkingDays, boolean replace) {
    }

    /**
     * @throws PlatformException 400 naming the date and the rule it breaks (all of them at once), 409
     *                           when the year is official already and {@code replace} is not set
     */
    CalendarYearPublished accept(Notice notice, String actor) {
        validate(notice);
        NoticeDocument existing = mongo.findById(notice.year(), NoticeDocument.class, COLLECTION);
        boolean official = calendar.isCovered(notice.year()) || existing != null;
        if (official && !notice.replace()) {
            throw PlatformException.conflict("calendar-year-official", notice.year() + " already has an official schedule ("
                    + calendar.source(notice.year()).map(Enum::name).orElse("UPLOADED")
                    + "); send \"replace\": true to replace it");
        }
        int revision = existing == null ? 1 : existing.revision() + 1;
        Instant now = clock.instant();
        var event = new CalendarYearPublished(notice.year(), revision, notice.noticeTitle(), notice.noticeNumber(),
                notice.noticeDate(), List.copyOf(new TreeSet<>(notice.holidays())),
                List.copyOf(new TreeSet<>(notice.makeupWorkingDays())), official, actor, now);
        OutboxMessage message = events.create(CalendarEventTypes.YEAR_PUBLISHED, Integer.toString(notice.year()), null, null, event);
        if (existing == null) {
            try {
                mongo.insert(new NoticeDocument(notice.year(), revision, notice.noticeTitle(), notice.noticeNumber(),
                        notice.noticeDate(), event.publicHolidays(), event.makeupWorkingDays(), actor, now,
                        List.of(message)), COLLECTION);
            } catch (DuplicateKeyException raced) {
                throw PlatformException.conflict("calendar-year-official", notice.year() + " was uploaded meanwhile; send it again with \"replace\": true");
            }
        } else {
            Update update = new Update().set("revision", revision).set("noticeTitle", notice.noticeTitle())
                    .set("noticeNumber", notice.noticeNumber()).set("noticeDate", notice.noticeDate())
                    .set("publicHolidays", event.publicHolidays()).set("makeupWorkingDays", event.makeupWorkingDays())
                    .set("uploadedBy", actor).set("uploadedAt", now).push("outbox", message);
            if (mongo.findAndModify(Query.query(where("_id").is(notice.year()).and("revision").is(existing.revision())), update,
                    NoticeDocument.class, COLLECTION) == null) {
                throw PlatformException.conflict("calendar-year-changed", notice.year() + " was replaced meanwhile; reload and try again");
            }
        }
        // The owner switches at once; its own follower then finds the revision adopted already.
        years.apply(event);
        return event;
    }

    private static void validate(Notice notice) {
        List<Map<String, Object>> errors = new ArrayList<>();
        int year = notice.year();
        TreeSet<LocalDate> holidays = new TreeSet<>();
        for (LocalDate day : notice.holidays()) {
            if (day.getYear() != year) {
                errors.add(error("holidays", day + " is not in " + year + " (every date must be inside the notice's year)"));
            }
            if (!holidays.add(day)) {
                errors.add(error("holidays", day + " is listed twice"));
            }
        }
        TreeSet<LocalDate> workdays = new TreeSet<>();
        for (LocalDate day : notice.makeupWorkingDays()) {
            if (day.getYear() != year) {
                errors.add(error("makeupWorkingDays", day + " is not in " + year + " (every date must be inside the notice's year)"));
            }
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                errors.add(error("makeupWorkingDays", day + " is a " + day.getDayOfWeek()
                        + "; only a Saturday or Sunday can be made a working day (调休上班)"));
            }
            if (holidays.contains(day)) {
                errors.add(error("makeupWorkingDays", day + " is listed both as a holiday and as a working day"));
            }
            if (!workdays.add(day)) {
                errors.add(error("makeupWorkingDays", day + " is listed twice"));
            }
        }
        if (StatutoryHolidays.derivable(year)) {
            for (StatutoryDay day : StatutoryHolidays.of(year)) {
                if (!holidays.contains(day.date())) {
                    errors.add(error("holidays", day.date() + " (" + day.description() + ") is a statutory holiday under "
                            + "《全国年节及纪念日放假办法》 and must be a holiday"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new PlatformException(HttpStatus.BAD_REQUEST, "validation", "Invalid holiday notice",
                    errors.size() + " problem(s) in the " + year + " notice; nothing was changed: " + errors.get(0).get("message"),
                    Map.of("errors", List.copyOf(errors)));
        }
    }

    private static Map<String, Object> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
