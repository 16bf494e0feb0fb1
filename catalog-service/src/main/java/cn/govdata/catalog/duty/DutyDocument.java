package cn.govdata.catalog.duty;

import cn.govdata.platform.outbox.OutboxMessage;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * Storage shape of a duty: the fields lists filter on copied to the top level, and the events of
 * its last step waiting for the relay. A census duty's id is derived from year and department, so
 * the second opening of the same census is a duplicate key, not a second duty.
 */
@Document(DutyDocument.COLLECTION)
record DutyDocument(@Id String id, String department, DutyTrigger trigger, Integer censusYear, DutyState state, Instant dueAt,
                    CatalogDuty duty, @Version Long version, List<OutboxMessage> outbox) {

    static final String COLLECTION = "catalog_duties";
}
