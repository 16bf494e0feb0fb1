package cn.govdata.catalog.duty;

import cn.govdata.events.EventTypes;
import cn.govdata.events.catalog.CatalogGovernanceEvents;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.outbox.OutboxMessage;
import org.springframework.stereotype.Component;

/** Builds the duty events (govdata.catalog.v1, keyed by duty id) from duty states. */
@Component
class DutyEvents {

    private final Events events;

    DutyEvents(Events events) {
        this.events = events;
    }

    OutboxMessage opened(CatalogDuty d) {
        return events.create(EventTypes.CATALOG_DUTY_OPENED, d.id(), d.department(), d.region(),
                new CatalogGovernanceEvents.DutyOpened(d.id(), d.department(), d.trigger().name(), d.description(), d.entryIds(),
                        d.openedBy(), d.openedAt(), d.dueAt(), d.citation()));
    }

    OutboxMessage fulfilled(CatalogDuty d) {
        return events.create(EventTypes.CATALOG_DUTY_FULFILLED, d.id(), d.department(), d.region(),
                new CatalogGovernanceEvents.DutyFulfilled(d.id(), d.department(), d.trigger().name(), d.dueAt(), d.fulfilledAt(),
                        d.onTime()));
    }

    OutboxMessage overdue(CatalogDuty d) {
        return events.create(EventTypes.CATALOG_DUTY_OVERDUE, d.id(), d.department(), d.region(),
                new CatalogGovernanceEvents.DutyOverdue(d.id(), d.department(), d.trigger().name(), d.entryIds(), d.dueAt(),
                        d.overdueAt(), d.citation()));
    }
}
