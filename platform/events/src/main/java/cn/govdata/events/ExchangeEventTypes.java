package cn.govdata.events;

import cn.govdata.events.exchange.ExchangeEvents;

import java.util.List;

/** Event types of the data access through the exchange: every access and abnormal patterns (sharing-service); topic {@link Topics#EXCHANGE}. */
public final class ExchangeEventTypes {

    static final String SCHEMAS = "cn/govdata/events/schemas/";

    public static final EventType<ExchangeEvents.DataAccessed> DATA_ACCESSED = new EventType<>(
            "cn.govdata.exchange.data.accessed.v1", Topics.EXCHANGE, ExchangeEvents.DataAccessed.class,
            SCHEMAS + "exchange-data-accessed.v1.json");
    public static final EventType<ExchangeEvents.AbnormalAccessDetected> ABNORMAL_ACCESS_DETECTED = new EventType<>(
            "cn.govdata.exchange.abnormal-access.detected.v1", Topics.EXCHANGE, ExchangeEvents.AbnormalAccessDetected.class,
            SCHEMAS + "exchange-abnormal-access-detected.v1.json");

    /** Listed in {@link EventTypes#all()}. */
    public static final List<EventType<?>> ALL = List.of(DATA_ACCESSED, ABNORMAL_ACCESS_DETECTED);

    private ExchangeEventTypes() {
    }
}
