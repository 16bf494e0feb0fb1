package cn.govdata.events;

import cn.govdata.events.objection.ObjectionCaseEvents;
import cn.govdata.events.objection.ObjectionEvents;

import java.util.List;

/**
 * Event types of the objections to data (objection-service), topic {@link Topics#OBJECTION}: the data
 * events other services act on (disputed flags, resolutions, corrections) and the case lifecycle.
 */
public final class ObjectionEventTypes {

    static final String SCHEMAS = "cn/govdata/events/schemas/";

    public static final EventType<ObjectionEvents.DataDisputed> DATA_DISPUTED = new EventType<>(
            "cn.govdata.objection.data.disputed.v1", Topics.OBJECTION, ObjectionEvents.DataDisputed.class,
            SCHEMAS + "data-disputed.v1.json");
    public static final EventType<ObjectionEvents.DisputeResolved> DISPUTE_RESOLVED = new EventType<>(
            "cn.govdata.objection.dispute.resolved.v1", Topics.OBJECTION, ObjectionEvents.DisputeResolved.class,
            SCHEMAS + "dispute-resolved.v1.json");
    public static final EventType<ObjectionEvents.DataCorrected> DATA_CORRECTED = new EventType<>(
            "cn.govdata.objection.data.corrected.v1", Topics.OBJECTION, ObjectionEvents.DataCorrected.class,
            SCHEMAS + "data-corrected.v1.json");


    public static final EventType<ObjectionCaseEvents.Received> OBJECTION_RECEIVED = new EventType<>(
            "cn.govdata.objection.case.received.v1", Topics.OBJECTION, ObjectionCaseEvents.Received.class,
            SCHEMAS + "objection-received.v1.json");
    public static final EventType<ObjectionCaseEvents.Routed> OBJECTION_ROUTED = new EventType<>(
            "cn.govdata.objection.case.routed.v1", Topics.OBJECTION, ObjectionCaseEvents.Routed.class,
            SCHEMAS + "objection-routed.v1.json");
    public static final EventType<ObjectionCaseEvents.Decided> OBJECTION_DECIDED = new EventType<>(
            "cn.govdata.objection.case.decided.v1", Topics.OBJECTION, ObjectionCaseEvents.Decided.class,
            SCHEMAS + "objection-decided.v1.json");
    public static final EventType<ObjectionCaseEvents.Escalated> OBJECTION_ESCALATED = new EventType<>(
            "cn.govdata.objection.case.escalated.v1", Topics.OBJECTION, ObjectionCaseEvents.Escalated.class,
            SCHEMAS + "objection-escalated.v1.json");
    public static final EventType<ObjectionCaseEvents.ObjectorInformed> OBJECTOR_INFORMED = new EventType<>(
            "cn.govdata.objection.objector.informed.v1", Topics.OBJECTION, ObjectionCaseEvents.ObjectorInformed.class,
            SCHEMAS + "objection-objector-informed.v1.json");

    /** Listed in {@link EventTypes#all()}. */
    public static final List<EventType<?>> ALL = List.of(DATA_DISPUTED, DISPUTE_RESOLVED, DATA_CORRECTED,
            OBJECTION_RECEIVED, OBJECTION_ROUTED, OBJECTION_DECIDED, OBJECTION_ESCALATED, OBJECTOR_INFORMED);

    private ObjectionEventTypes() {
    }
}
