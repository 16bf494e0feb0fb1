package cn.govdata.sharing.interfacerequest;

import cn.govdata.platform.outbox.OutboxMessage;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * Storage shape of an interface request: its fields at the top level (the list filters and indexes
 * name them), the version writes are conditional on, and the events of its last change waiting for
 * the relay.
 */
@Document(InterfaceRequestDocument.COLLECTION)
record InterfaceRequestDocument(
        @Id String id,
        String provider,
        String consumer,
        String region,
        InterfaceRequest.Wanted wanted,
        InterfaceRequest.State state,
        String raisedBy,
        Instant raisedAt,
        InterfaceRequest.Proposal proposal,
        Instant requestedAt,
        String requestedBy,
        Instant answerDueAt,
        boolean overdue,
        InterfaceRequest.Extension extension,
        InterfaceRequest.Delivery delivery,
        InterfaceRequest.Publication publication,
        @Version Long version,
        List<OutboxMessage> outbox) {

    static final String COLLECTION = "interface_requests";

    InterfaceRequestDocument {
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
    }

    static InterfaceRequestDocument from(InterfaceRequest r, List<OutboxMessage> outbox) {
        return new InterfaceRequestDocument(r.id(), r.provider(), r.consumer(), r.region(), r.wanted(), r.state(), r.raisedBy(),
                r.raisedAt(), r.proposal(), r.requestedAt(), r.requestedBy(), r.answerDueAt(), r.isOverdue(), r.extension(),
                r.delivery(), r.publication(), r.version(), outbox);
    }

    InterfaceRequest toDomain() {
        return new InterfaceRequest(id, provider, consumer, region, wanted, state, raisedBy, raisedAt, proposal, requestedAt,
                requestedBy, answerDueAt, overdue, extension, delivery, publication, version);
    }
}
