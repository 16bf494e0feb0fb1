package cn.govdata.platform.calendar;

import cn.govdata.events.CalendarEventTypes;
import cn.govdata.events.Topics;
import cn.govdata.platform.inbox.IdempotentConsumer;
import cn.govdata.platform.inbox.InboundEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import tools.jackson.databind.json.JsonMapper;

/** Every service follows govdata.calendar.v1 in its own consumer group and adopts each accepted notice once. */
final class CalendarYearFollower {

    private final CalendarYears years;
    private final IdempotentConsumer consumer;
    private final JsonMapper json;
    private final String name;

    CalendarYearFollower(CalendarYears years, IdempotentConsumer consumer, JsonMapper json, String applicationName) {
        this.years = years;
        this.consumer = consumer;
        this.json = json;
        this.name = applicationName + "-calendar";
    }

    @KafkaListener(id = "${spring.application.name}-calendar", topics = Topics.CALENDAR)
    void on(ConsumerRecord<String, String> record) {
        InboundEvent event = InboundEvent.from(record);
        if (event.is(CalendarEventTypes.YEAR_PUBLISHED)) {
            consumer.handleOnce(name, event, e -> years.apply(e.payloadAs(CalendarEventTypes.YEAR_PUBLISHED, json)));
        }
    }
}
