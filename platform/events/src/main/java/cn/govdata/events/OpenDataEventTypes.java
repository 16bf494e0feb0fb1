package cn.govdata.events;

import cn.govdata.events.opendata.OpenDataEvents;

import java.util.List;

/** Event types of the open-data portal (open-data-service); topic {@link Topics#OPEN_DATA}. */
public final class OpenDataEventTypes {

    static final String SCHEMAS = "cn/govdata/events/schemas/";

    public static final EventType<OpenDataEvents.DatasetVersionPublished> DATASET_VERSION_PUBLISHED = openData(
            "dataset.version-published", OpenDataEvents.DatasetVersionPublished.class, "dataset-version-published");
    public static final EventType<OpenDataEvents.OpenApplicationSubmitted> APPLICATION_SUBMITTED = openData(
            "application.submitted", OpenDataEvents.OpenApplicationSubmitted.class, "application-submitted");
    public static final EventType<OpenDataEvents.OpenApplicationDecided> APPLICATION_DECIDED = openData(
            "application.decided", OpenDataEvents.OpenApplicationDecided.class, "application-decided");
    public static final EventType<OpenDataEvents.LicenceIssued> LICENCE_ISSUED = openData(
            "licence.issued", OpenDataEvents.LicenceIssued.class, "licence-issued");
    public static final EventType<OpenDataEvents.LicenceEnded> LICENCE_SUSPENDED = openData(
            "licence.suspended", OpenDataEvents.LicenceEnded.class, "licence-ended");
    public static final EventType<OpenDataEvents.LicenceEnded> LICENCE_REVOKED = openData(
            "licence.revoked", OpenDataEvents.LicenceEnded.class, "licence-ended");
    public static final EventType<OpenDataEvents.OpenPlanFiled> PLAN_FILED = openData(
            "plan.filed", OpenDataEvents.OpenPlanFiled.class, "plan-filed");
    public static final EventType<OpenDataEvents.OpenApplicationAssessed> APPLICATION_ASSESSED = openData(
            "application.assessed", OpenDataEvents.OpenApplicationAssessed.class, "application-assessed");
    public static final EventType<OpenDataEvents.OpenApplicationAuthorised> APPLICATION_AUTHORISED = openData(
            "application.authorised", OpenDataEvents.OpenApplicationAuthorised.class, "application-authorised");
    public static final EventType<OpenDataEvents.SelectionRoundOpened> SELECTION_OPENED = openData(
            "selection.opened", OpenDataEvents.SelectionRoundOpened.class, "selection-opened");
    public static final EventType<OpenDataEvents.SelectionRoundDecided> SELECTION_DECIDED = openData(
            "selection.decided", OpenDataEvents.SelectionRoundDecided.class, "selection-decided");

    /** Listed in {@link EventTypes#all()}. */
    public static final List<EventType<?>> ALL = List.of(DATASET_VERSION_PUBLISHED, APPLICATION_SUBMITTED,
            APPLICATION_DECIDED, LICENCE_ISSUED, LICENCE_SUSPENDED, LICENCE_REVOKED, PLAN_FILED, APPLICATION_ASSESSED, APPLICATION_AUTHORISED, SELECTION_OPENED,
            SELECTION_DECIDED);

    private OpenDataEventTypes() {
    }

    private static <E> EventType<E> openData(String name, Class<E> payload, String schema) {
        return new EventType<>("cn.govdata.open-data." + name + ".v1", Topics.OPEN_DATA, payload,
                SCHEMAS + "open-data-" + schema + ".v1.json");
    }
}
