package cn.govdata.events;

import cn.govdata.events.catalog.CatalogEntryEvents;
import cn.govdata.events.catalog.CatalogGovernanceEvents;
import cn.govdata.events.catalog.DepartmentRegistered;
import cn.govdata.events.deadline.DeadlineEvent;
import cn.govdata.events.deadline.DeadlineRescheduled;

import java.util.List;
import java.util.Optional;

/**
 * The registry of every event the platform publishes (catalog and deadlines here; other areas in
 * their own registries, joined by {@link #all()}); the AsyncAPI document lists the same set.
 */
public final class EventTypes {

    private static final String SCHEMAS = "cn/govdata/events/schemas/";

    public static final EventType<DepartmentRegistered> DEPARTMENT_REGISTERED = new EventType<>(
            "cn.govdata.catalog.department.registered.v1", Topics.CATALOG, DepartmentRegistered.class,
            SCHEMAS + "department-registered.v1.json");

    public static final EventType<CatalogEntryEvents.Submitted> CATALOG_ENTRY_SUBMITTED = catalog(
            "entry.submitted", CatalogEntryEvents.Submitted.class, "catalog-entry-submitted");
    public static final EventType<CatalogEntryEvents.Returned> CATALOG_ENTRY_RETURNED = catalog(
            "entry.returned", CatalogEntryEvents.Returned.class, "catalog-entry-returned");
    public static final EventType<CatalogEntryEvents.Published> CATALOG_ENTRY_PUBLISHED = catalog(
            "entry.published", CatalogEntryEvents.Published.class, "catalog-entry-published");
    public static final EventType<CatalogEntryEvents.Changed> CATALOG_ENTRY_CHANGED = catalog(
            "entry.changed", CatalogEntryEvents.Changed.class, "catalog-entry-changed");
    public static final EventType<CatalogEntryEvents.WithdrawalRequested> CATALOG_ENTRY_WITHDRAWAL_REQUESTED = catalog(
            "entry.withdrawal-requested", CatalogEntryEvents.WithdrawalRequested.class, "catalog-entry-withdrawal-requested");
    public static final EventType<CatalogEntryEvents.Withdrawn> CATALOG_ENTRY_WITHDRAWN = catalog(
            "entry.withdrawn", CatalogEntryEvents.Withdrawn.class, "catalog-entry-withdrawn");
    public static final EventType<CatalogEntryEvents.WithdrawalRejected> CATALOG_ENTRY_WITHDRAWAL_REJECTED = catalog(
            "entry.withdrawal-rejected", CatalogEntryEvents.WithdrawalRejected.class, "catalog-entry-withdrawal-rejected");
    public static final EventType<CatalogEntryEvents.WithdrawalFiled> CATALOG_ENTRY_WITHDRAWAL_FILED = catalog(
            "entry.withdrawal-filed", CatalogEntryEvents.WithdrawalFiled.class, "catalog-entry-withdrawal-filed");
    public static final EventType<CatalogGovernanceEvents.SourceDesignated> SOURCE_DESIGNATED = catalog(
            "source.designated", CatalogGovernanceEvents.SourceDesignated.class, "source-designated");
    public static final EventType<CatalogGovernanceEvents.DutyOpened> CATALOG_DUTY_OPENED = catalog(
            "duty.opened", CatalogGovernanceEvents.DutyOpened.class, "catalog-duty-opened");
    public static final EventType<CatalogGovernanceEvents.DutyFulfilled> CATALOG_DUTY_FULFILLED = catalog(
            "duty.fulfilled", CatalogGovernanceEvents.DutyFulfilled.class, "catalog-duty-fulfilled");
    public static final EventType<CatalogGovernanceEvents.DutyOverdue> CATALOG_DUTY_OVERDUE = catalog(
            "duty.overdue", CatalogGovernanceEvents.DutyOverdue.class, "catalog-duty-overdue");

    public static final EventType<DeadlineEvent> DEADLINE_APPROACHING = new EventType<>(
            "cn.govdata.deadline.approaching.v1", Topics.DEADLINES, DeadlineEvent.class,
            SCHEMAS + "deadline.v1.json");

    public static final EventType<DeadlineEvent> DEADLINE_MISSED = new EventType<>(
            "cn.govdata.deadline.missed.v1", Topics.DEADLINES, DeadlineEvent.class,
            SCHEMAS + "deadline.v1.json");

    public static final EventType<DeadlineRescheduled> DEADLINE_RESCHEDULED = new EventType<>(
            "cn.govdata.deadline.rescheduled.v1", Topics.DEADLINES, DeadlineRescheduled.class,
            SCHEMAS + "deadline-rescheduled.v1.json");

    private static final List<EventType<?>> ALL = List.of(DEPARTMENT_REGISTERED,
            CATALOG_ENTRY_SUBMITTED, CATALOG_ENTRY_RETURNED, CATALOG_ENTRY_PUBLISHED, CATALOG_ENTRY_CHANGED,
            CATALOG_ENTRY_WITHDRAWAL_REQUESTED, CATALOG_ENTRY_WITHDRAWN, CATALOG_ENTRY_WITHDRAWAL_REJECTED,
            CATALOG_ENTRY_WITHDRAWAL_FILED,
            SOURCE_DESIGNATED, CATALOG_DUTY_OPENED, CATALOG_DUTY_FULFILLED, CATALOG_DUTY_OVERDUE,
            DEADLINE_APPROACHING, DEADLINE_MISSED,
            DEADLINE_RESCHEDULED);

    private EventTypes() {
    }

    private static <E> EventType<E> catalog(String name, Class<E> payload, String schema) {
        return new EventType<>("cn.govdata.catalog." + name + ".v1", Topics.CATALOG, payload, SCHEMAS + schema + ".v1.json");
    }

    /** Every event type of every area, in a stable order. */
    public static List<EventType<?>> all() {
        List<EventType<?>> all = new java.util.ArrayList<>(ALL);
        all.addAll(SharingEventTypes.ALL);
        all.addAll(ExchangeEventTypes.ALL);
        all.addAll(ObjectionEventTypes.ALL);
        all.addAll(AuditEventTypes.ALL);
        all.addAll(OpenDataEventTypes.ALL);
        all.addAll(CalendarEventTypes.ALL);
        return List.copyOf(all);
    }

    public static Optional<EventType<?>> byType(String type) {
        return all().stream().filter(t -> t.type().equals(type)).findFirst();
    }
}
