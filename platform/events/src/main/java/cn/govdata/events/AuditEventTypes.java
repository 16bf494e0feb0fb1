package cn.govdata.events;

import java.util.List;

/** Event types of the audit and supervision office (audit-service); topic {@link Topics#AUDIT}. */
public final class AuditEventTypes {

    static final String SCHEMAS = "cn/govdata/events/schemas/";

    /** Listed in {@link EventTypes#all()}. */
    public static final List<EventType<?>> ALL = List.of();

    private AuditEventTypes() {
    }
}
