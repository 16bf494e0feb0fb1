package cn.govdata.objection.cases.store;

import cn.govdata.events.ObjectionEventTypes;
import cn.govdata.events.objection.ObjectionCaseEvents;
import cn.govdata.events.objection.ObjectionEvents;
import cn.govdata.objection.ObjectionProperties;
import cn.govdata.objection.cases.model.CaseStep;
import cn.govdata.objection.cases.model.ObjectionCase;
import cn.govdata.objection.cases.model.Step;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.outbox.OutboxMessage;
import cn.govdata.privacy.Pseudonyms;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * The events of a case, keyed by its tracking number. None carries the objector's contact
 * details; {@code Received} names the objector only masked. The record key (for people data an ID
 * number) goes out only as its keyed pseudonym; a caller entitled to the case reads the key from
 * the case itself. Data events go out under the
 * provider department (whose data is concerned), lifecycle events under the department that
 * has to act.
 */
@Component
public class CaseEvents {

    static final String CHANNEL = "TRACKING_PAGE";

    private final Events events;
    private final String platformDepartment;
    private final Pseudonyms pseudonyms;

    CaseEvents(Events events, ObjectionProperties properties, Pseudonyms pseudonyms) {
        this.events = events;
        this.platformDepartment = properties.platformDepartment();
        this.pseudonyms = pseudonyms;
    }

    /** The record key as it goes on the bus: its keyed pseudonym in the case's resource, never the key itself. */
    private String pseudonym(ObjectionCase c) {
        return c.recordKey() == null ? null : pseudonyms.of(c.resource().id(), c.recordKey());
    }

    public OutboxMessage received(ObjectionCase c) {
        var service = c.service();
        var payload = new ObjectionCaseEvents.Received(c.id(), c.kind().name(), c.reason().name(), c.resource().id(),
                c.resource().providerDepartment(), pseudonym(c), c.fields(), c.objector().maskedDisplayName(),
                c.reporterDepartment(), service == null ? null : service.servingDepartment(),
                service == null ? null : service.proceededOnValidProof(), c.receivedAt(),
                c.open(Step.MARK).map(CaseStep::dueAt).orElse(null),
                c.marking() == null ? null : c.marking().markedAt(),
                c.step(Step.TRANSFER).map(CaseStep::dueAt).orElseThrow());
        return events.create(ObjectionEventTypes.OBJECTION_RECEIVED, c.id(), platformDepartment, region(c), payload);
    }

    public OutboxMessage disputed(ObjectionCase c) {
        var payload = new ObjectionEvents.DataDisputed(c.id(), c.resource().id(), c.resource().providerDepartment(),
                pseudonym(c), c.fields(), c.reason().name(), c.marking().markedAt());
        return events.create(ObjectionEventTypes.DATA_DISPUTED, c.id(), c.resource().providerDepartment(), region(c), payload);
    }

    public OutboxMessage routed(ObjectionCase c) {
        CaseStep transfer = c.step(Step.TRANSFER).orElseThrow();
        CaseStep decision = c.openStep().orElseThrow();
        var payload = new ObjectionCaseEvents.Routed(c.id(), c.routing().route().name(), c.routing().department(),
                c.routing().routedBy(), c.routing().routedAt(), transfer.dueAt(), Boolean.TRUE.equals(transfer.onTime()),
                decision.dueAt());
        return events.create(ObjectionEventTypes.OBJECTION_ROUTED, c.id(), c.routing().department(), region(c), payload);
    }

    public OutboxMessage decided(ObjectionCase c, CaseStep decisionStep) {
        var ruling = c.ruling();
        var payload = new ObjectionCaseEvents.Decided(c.id(), c.resource().id(), ruling.department(), ruling.decision().name(),
                ruling.decidedBy(), ruling.decidedAt(), decisionStep.dueAt(), Boolean.TRUE.equals(decisionStep.onTime()),
                c.open(Step.FIX).map(CaseStep::dueAt).orElse(null));
        return events.create(ObjectionEventTypes.OBJECTION_DECIDED, c.id(), ruling.department(), region(c), payload);
    }

    public OutboxMessage corrected(ObjectionCase c) {
        var payload = new ObjectionEvents.DataCorrected(c.id(), c.resource().id(), c.resource().providerDepartment(),
                pseudonym(c), c.correction().correctedFields(), c.correction().correctedAt());
        return events.create(ObjectionEventTypes.DATA_CORRECTED, c.id(), c.resource().providerDepartment(), region(c), payload);
    }

    public OutboxMessage resolved(ObjectionCase c) {
        var payload = new ObjectionEvents.DisputeResolved(c.id(), c.resource().id(), c.resource().providerDepartment(),
                pseudonym(c), c.outcome().name(), c.closedAt());
        return events.create(ObjectionEventTypes.DISPUTE_RESOLVED, c.id(), c.resource().providerDepartment(), region(c), payload);
    }

    public OutboxMessage informed(ObjectionCase c) {
        var payload = new ObjectionCaseEvents.ObjectorInformed(c.id(), c.outcome().name(), CHANNEL, c.closedAt());
        return events.create(ObjectionEventTypes.OBJECTOR_INFORMED, c.id(), c.responsibleDepartment(platformDepartment),
                region(c), payload);
    }

    public OutboxMessage escalated(ObjectionCase c, CaseStep step, Instant at) {
        var payload = new ObjectionCaseEvents.Escalated(c.id(), step.step().wireName(), step.responsibleDepartment(),
                step.dueAt(), step.citation(), at);
        return events.create(ObjectionEventTypes.OBJECTION_ESCALATED, c.id(), step.responsibleDepartment(), region(c), payload);
    }

    private static String region(ObjectionCase c) {
        return c.resource().region();
    }
}
