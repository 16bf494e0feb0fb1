package cn.govdata.events;

import cn.govdata.events.calendar.CalendarYearPublished;

import java.util.List;

/** Event types of the platform calendar (published by the service that accepts notices); topic {@link Topics#CALENDAR}. */
public final class CalendarEventTypes {

    public static final EventType<CalendarYearPublished> YEAR_PUBLISHED = new EventType<>(
            "cn.govdata.calendar.year-published.v1", Topics.CALENDAR, CalendarYearPublished.class,
            "cn/govdata/events/schemas/calendar-year-published.v1.json");

    /** Listed in {@link EventTypes#all()}. */
    public static final List<EventType<?>> ALL = List.of(YEAR_PUBLISHED);

    private CalendarEventTypes() {
    }
}
