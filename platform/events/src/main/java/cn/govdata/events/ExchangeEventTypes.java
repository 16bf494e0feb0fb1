package cn.govdata.events;

import java.util.List;

/** Event types of the data access through the exchange: every access and abnormal patterns (sharing-service); topic {@link Topics#EXCHANGE}. */
public final class ExchangeEventTypes {

    static final String SCHEMAS = "cn/govdata/events/schemas/";

    /** Listed in {@link EventTypes#all()}. */
    public static final List<EventType<?>> ALL = List.of();

    private ExchangeEventTypes() {
    }
}
