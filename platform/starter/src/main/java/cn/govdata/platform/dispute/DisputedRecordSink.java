package cn.govdata.platform.dispute;

import cn.govdata.events.objection.ObjectionEvents;

/**
 * What a service does with the objection desk's dispute events: it keeps its own copy of which
 * records are under objection, to flag them where it serves data. Declaring a bean of this type is
 * all a service does; the starter's {@link DisputeFollower} consumes the topic once per event.
 * Both calls may see redelivered or out-of-order events and must be idempotent per case.
 */
public interface DisputedRecordSink {

    /** A case opened: the record (or the named fields) is disputed until the case resolves. */
    void disputed(ObjectionEvents.DataDisputed disputed);

    /** The case closed; the flag goes away. */
    void resolved(ObjectionEvents.DisputeResolved resolved);
}
