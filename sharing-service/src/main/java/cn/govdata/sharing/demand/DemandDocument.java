package cn.govdata.sharing.demand;

import cn.govdata.platform.outbox.OutboxMessage;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.TypeAlias;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * Storage shape of a demand: its fields at the top level as before the split (the list filters and
 * indexes name them), the version the writes are conditional on, and the events of its last change
 * waiting for the relay. The type alias keeps the {@code _class} hint that demands stored earlier carry.
 */
@Document(DemandDocument.COLLECTION)
@TypeAlias("cn.govdata.sharing.demand.Demand")
record DemandDocument(
        @Id String id,
        String requestingDepartment,
        String addressedTo,
        String region,
        String description,
        List<String> items,
        String purpose,
        Demand.State state,
        String raisedBy,
        Instant raisedAt,
        Instant answerDueAt,
        boolean answerOverdue,
        Demand.Answered answer,
        boolean publishOverdue,
        Demand.Fulfilment fulfilment,
        @Version Long version,
        List<OutboxMessage> outbox) {

    static final String COLLECTION = "demands";

    DemandDocument {
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
    }

    /** @param outbox the events to store with a new demand; an update $pushes its events instead */
    static DemandDocument from(Demand d, List<OutboxMessage> outbox) {
        return new DemandDocument(d.id(), d.requestingDepartment(), d.addressedTo(), d.region(), d.description(), d.items(),
                d.purpose(), d.state(), d.raisedBy(), d.raisedAt(), d.answerDueAt(), d.isAnswerOverdue(), d.answer(),
                d.isPublishOverdue(), d.fulfilment(), d.version(), outbox);
    }

    Demand toDomain() {
        return new Demand(id, requestingDepartment, addressedTo, region, description, items, purpose, state, raisedBy, raisedAt,
                answerDueAt, answerOverdue, answer, publishOverdue, fulfilment, version);
    }
}
