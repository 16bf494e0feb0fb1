package cn.govdata.events;

import cn.govdata.events.objection.ObjectionEvents;

import java.util.List;

/** Event types of the objections to data: disputed flags, resolutions and corrections (objection-service); topic {@link Topics#OBJECTION}. */
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

    /** Listed in {@link EventTypes#all()}. */
    public static final List<EventType<?>> ALL = List.of(DATA_DISPUTED, DISPUTE_RESOLVED, DATA_CORRECTED);

    private ObjectionEventTypes() {
    }
}
