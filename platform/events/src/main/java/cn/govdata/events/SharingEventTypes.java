package cn.govdata.events;

import java.util.List;

/** Event types of the share applications, grants and demands for uncatalogued data (sharing-service); topic {@link Topics#SHARING}. */
public final class SharingEventTypes {

    static final String SCHEMAS = "cn/govdata/events/schemas/";

    /** Listed in {@link EventTypes#all()}. */
    public static final List<EventType<?>> ALL = List.of();

    private SharingEventTypes() {
    }
}
