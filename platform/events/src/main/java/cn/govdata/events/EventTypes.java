package cn.govdata.events;

import cn.govdata.events.catalog.DepartmentRegistered;
import cn.govdata.events.deadline.DeadlineEvent;

import java.util.List;
import java.util.Optional;

/** The registry of every event the platform publishes; the AsyncAPI document lists the same set. */
public final class EventTypes {

    private static final String SCHEMAS = "cn/govdata/events/schemas/";

    public static final EventType<DepartmentRegistered> DEPARTMENT_REGISTERED = new EventType<>(
            "cn.govdata.catalog.department.registered.v1", Topics.CATALOG, DepartmentRegistered.class,
            SCHEMAS + "department-registered.v1.json");

    public static final EventType<DeadlineEvent> DEADLINE_APPROACHING = new EventType<>(
            "cn.govdata.deadline.approaching.v1", Topics.DEADLINES, DeadlineEvent.class,
            SCHEMAS + "deadline.v1.json");

    public static final EventType<DeadlineEvent> DEADLINE_MISSED = new EventType<>(
            "cn.govdata.deadline.missed.v1", Topics.DEADLINES, DeadlineEvent.class,
            SCHEMAS + "deadline.v1.json");

    private static final List<EventType<?>> ALL = List.of(DEPARTMENT_REGISTERED, DEADLINE_APPROACHING, DEADLINE_MISSED);

    private EventTypes() {
    }

    public static List<EventType<?>> all() {
        return ALL;
    }

    public static Optional<EventType<?>> byType(String type) {
        return ALL.stream().filter(t -> t.type().equals(type)).findFirst();
    }
}
