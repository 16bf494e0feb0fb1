package cn.govdata.objection.cases.handling;

import cn.govdata.domain.Refusal;
import cn.govdata.objection.ObjectionProperties;
import cn.govdata.objection.cases.deadlines.StepDeadlines;
import cn.govdata.objection.cases.model.CaseAccess;
import cn.govdata.objection.cases.model.CaseState;
import cn.govdata.objection.cases.model.CaseStep;
import cn.govdata.objection.cases.model.ObjectionCase;
import cn.govdata.objection.cases.model.Route;
import cn.govdata.objection.cases.requests.CaseRequests;
import cn.govdata.objection.cases.store.CaseDocument;
import cn.govdata.objection.cases.store.CaseEvents;
import cn.govdata.objection.cases.store.Cases;
import cn.govdata.objection.resource.CatalogResources;
import cn.govdata.platform.directory.DepartmentDirectory;
import cn.govdata.platform.outbox.OutboxMessage;
import cn.govdata.platform.security.Caller;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The platform marks and routes cases; the platform or the responsible department decides and
 * corrects; the platform closes or the objector withdraws. Every write also moves the step
 * deadlines along ({@link StepDeadlines#follow}); a missed one is handled in {@code MissedSteps}.
 */
@Service
public class HandlingObjections {

    private static final Logger log = LoggerFactory.getLogger(HandlingObjections.class);

    private final Cases cases;
    private final CatalogResources resources;
    private final DepartmentDirectory directory;
    private final CaseEvents events;
    private final StepDeadlines deadlines;
    private final Clock clock;
    private final MeterRegistry meters;
    private final String platformDepartment;

    HandlingObjections(Cases cases, CatalogResources resources, DepartmentDirectory directory, CaseEvents events,
                       StepDeadlines deadlines, ObjectionProperties properties, Clock clock, MeterRegistry meters) {
        this.cases = cases;
        this.resources = resources;
        this.directory = directory;
        this.events = events;
        this.deadlines = deadlines;
        this.clock = clock;
        this.meters = meters;
        this.platformDepartment = properties.platformDepartment();
    }

    public ObjectionCase mark(String id, CaseRequests.MarkRequest request, Caller operator) {
        CaseDocument loaded = cases.get(id);
        ObjectionCase c = loaded.objection();
        List<String> fields = request.fields() == null ? List.of() : request.fields();
        resources.find(c.resource().id()).ifPresent(r -> CatalogResources.requireItems(r, fields, "fields"));
        ObjectionCase next = c.mark(request.recordKey(), fields, operator.actor(), clock.instant(), false);
        if (request.note() != null && !request.note().isBlank()) {
            next = next.noted(operator.actor(), request.note(), clock.instant());
        }
        ObjectionCase saved = write(loaded, next, List.of(events.disputed(next)));
        log.info("Case {} marked disputed by {}", id, operator.actor());
        return saved;
    }

    public ObjectionCase route(String id, CaseRequests.RouteRequest request, Caller operator) {
        CaseDocument loaded = cases.get(id);
        ObjectionCase c = loaded.objection();
        String department = department(c, request);
        Instant now = clock.instant();
        ObjectionCase next = c.route(request.route(), department, operator.actor(), now, platformDepartment, deadlines);
        if (request.note() != null && !request.note().isBlank()) {
            next = next.noted(operator.actor(), request.note(), now);
        }
        ObjectionCase saved = write(loaded, next, List.of(events.routed(next)));
        log.info("Case {} routed to {} ({}) by {}", id, next.routing().department(), request.route(), operator.actor());
        return saved;
    }

    public ObjectionCase decide(String id, CaseRequests.DecisionRequest request, Caller caller) {
        CaseDocument loaded = cases.get(id);
        ObjectionCase c = loaded.objection();
        CaseAccess.requireDecider(caller, c);
        Instant now = clock.instant();
        ObjectionCase next = c.decide(request.decision(), request.reasons(), caller.actor(), now, deadlines);
        if (request.note() != null && !request.note().isBlank()) {
            next = next.noted(caller.actor(), request.note(), now);
        }
        CaseStep decisionStep = next.steps().stream().filter(s -> s.step().isDecision() && !s.isOpen())
                .reduce((first, last) -> last).orElseThrow();
        List<OutboxMessage> outbox = new ArrayList<>(List.of(events.decided(next, decisionStep)));
        if (next.state() == CaseState.CLOSED) {
            outbox.addAll(closing(next));
        }
        ObjectionCase saved = write(loaded, next, outbox);
        log.info("Case {} decided {} by {} of {}", id, request.decision(), caller.actor(), next.ruling().department());
        return saved;
    }

    public ObjectionCase correct(String id, CaseRequests.CorrectionRequest request, Caller caller) {
        CaseDocument loaded = cases.get(id);
        ObjectionCase c = loaded.objection();
        CaseAccess.requireDecider(caller, c);
        resources.find(c.resource().id()).ifPresent(r -> CatalogResources.requireItems(r, request.correctedFields(), "correctedFields"));
        ObjectionCase next = c.correct(request.correctedFields(), request.note(), caller.actor(), clock.instant());
        List<OutboxMessage> outbox = new ArrayList<>(List.of(events.corrected(next)));
        outbox.addAll(closing(next));
        ObjectionCase saved = write(loaded, next, outbox);
        log.info("Case {} corrected at source by {} of {}: {}", id, caller.actor(), next.routing().department(),
                request.correctedFields());
        return saved;
    }

    /** The platform closes a case before any decision, e.g. a duplicate or one withdrawn by telephone. */
    public ObjectionCase close(String id, CaseRequests.CloseRequest request, Caller operator) {
        return withdraw(cases.get(id), request.reason(), operator.actor());
    }

    /** The objector withdraws their own objection. */
    public ObjectionCase withdrawOwn(String id, CaseRequests.CloseRequest request, Caller objector) {
        CaseDocument loaded = cases.get(id);
        if (!CaseAccess.isObjector(objector, loaded.objection())) {
            throw CaseAccess.notYours(objector, id);
        }
        return withdraw(loaded, request.reason(), "objector");
    }

    public ObjectionCase note(String id, CaseRequests.NoteRequest request, Caller caller) {
        CaseDocument loaded = cases.get(id);
        if (!CaseAccess.isHandler(caller, loaded.objection())) {
            throw CaseAccess.notYours(caller, id);
        }
        return write(loaded, loaded.objection().noted(caller.actor(), request.text(), clock.instant()), List.of());
    }

    private ObjectionCase withdraw(CaseDocument loaded, String reason, String actor) {
        ObjectionCase next = loaded.objection().withdraw(reason, actor, clock.instant());
        ObjectionCase saved = write(loaded, next, closing(next));
        log.info("Case {} withdrawn by {}", next.id(), actor);
        return saved;
    }

    /** Closing: the disputed flag goes (if there was one) and the objector is told. */
    private List<OutboxMessage> closing(ObjectionCase closed) {
        List<OutboxMessage> outbox = new ArrayList<>();
        if (closed.isMarked()) {
            outbox.add(events.resolved(closed));
        }
        outbox.add(events.informed(closed));
        meters.counter("objections_closed", "outcome", closed.outcome().name()).increment();
        return outbox;
    }

    private String department(ObjectionCase c, CaseRequests.RouteRequest request) {
        if (request.route() == Route.PLATFORM) {
            if (request.department() != null && !request.department().equals(platformDepartment)) {
                throw Refusal.invalidField("department", "the platform's own remit is handled by "
                        + platformDepartment + "; leave department out or route to DEPARTMENT");
            }
            return platformDepartment;
        }
        String department = request.department() != null ? request.department() : c.resource().providerDepartment();
        if (department.equals(platformDepartment)) {
            throw Refusal.invalidField("department", "route PLATFORM for the platform's own remit");
        }
        if (!department.equals(c.resource().providerDepartment()) && directory.find(department).isEmpty()) {
            throw Refusal.invalidField("department", "no department with code '" + department + "' in the directory");
        }
        return department;
    }

    private ObjectionCase write(CaseDocument loaded, ObjectionCase next, List<OutboxMessage> outbox) {
        ObjectionCase saved = cases.update(loaded, next, outbox);
        deadlines.follow(loaded.objection(), saved);
        return saved;
    }
}
