package cn.govdata.sharing.demand;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.events.SharingEventTypes;
import cn.govdata.events.sharing.SharingEvents;
import cn.govdata.platform.deadline.DeadlineRegistry;
import cn.govdata.platform.deadline.DeadlineRequest;
import cn.govdata.platform.deadline.ExpiryAction;
import cn.govdata.platform.directory.DepartmentDirectory;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.outbox.OutboxMessage;
import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;
import cn.govdata.policy.Deadlines;
import cn.govdata.policy.JurisdictionProfile;
import cn.govdata.policy.RuleKey;
import cn.govdata.sharing.grant.SharingAccess;
import cn.govdata.sharing.resource.Resources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Demands for uncatalogued data: raised by a department, answered by the addressed one within the
 * profile's days (NT 25: 10 working days; QY 24: 5), a promise to publish tracked until the promised
 * date, which may not lie beyond the profile's publication limit (NT 25: one month).
 */
@Service
class DemandDesk {

    static final String PROCESS = "uncatalogued-demand";
    static final String ANSWER = "answer";
    static final String PUBLISH = "publish";

    private static final Logger log = LoggerFactory.getLogger(DemandDesk.class);

    private final Demands demands;
    private final DepartmentDirectory directory;
    private final Resources resources;
    private final DeadlineRegistry deadlines;
    private final JurisdictionProfile profile;
    private final WorkingDayCalendar calendar;
    private final Events events;
    private final Clock clock;

    DemandDesk(Demands demands, DepartmentDirectory directory, Resources resources, DeadlineRegistry deadlines,
               JurisdictionProfile profile, WorkingDayCalendar calendar, Events events, Clock clock) {
        this.demands = demands;
        this.directory = directory;
        this.resources = resources;
        this.deadlines = deadlines;
        this.profile = profile;
        this.calendar = calendar;
        this.events = events;
        this.clock = clock;
    }

    Demand raise(DemandController.RaiseDemand request, Caller caller) {
        if (!caller.hasRole(Roles.DEPT_CONSUMER) && !caller.hasRole(Roles.DEPT_DATA_OFFICER)) {
            throw Refusal.forbidden("Demands are raised by a department's dept-consumer or dept-data-officer");
        }
        String requesting = caller.departmentCode().orElseThrow(() ->
                Refusal.forbidden("The token names no department; demands are raised for a department"));
        if (request.addressedTo().equals(requesting)) {
            throw Refusal.invalidField("addressedTo", "is your own department; catalog your own data instead");
        }
        var addressed = directory.find(request.addressedTo()).orElseThrow(() -> Refusal.invalidField("addressedTo",
                "no department with code '" + request.addressedTo() + "' is registered"));
        Instant now = now();
        String id = "DMD-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        var due = deadlines.register(DeadlineRequest.forStep(PROCESS, ANSWER, id)
                .responsible(addressed.code(), addressed.region())
                .within(now, RuleKey.UNCATALOGUED_DEMAND_ANSWER)
                .onExpiry(ExpiryAction.MARK_OVERDUE)
                .remindBefore(Duration.ofDays(1)));
        Demand demand = Demand.raised(id, requesting, addressed.code(), addressed.region(), request.description().strip(),
                request.items(), request.purpose().strip(), caller.actor(), now, due.dueAt());
        demands.insert(demand, List.of(events.create(SharingEventTypes.DEMAND_RAISED, id, addressed.code(), addressed.region(),
                new SharingEvents.DemandRaised(id, requesting, addressed.code(), demand.description(), demand.items(),
                        demand.purpose(), now, due.dueAt()))));
        log.info("Demand {} from {} to {} raised; answer due {}", id, requesting, addressed.code(), due.dueAt());
        return demands.get(id);
    }

    Demand answer(String id, DemandController.AnswerDemand request, Caller caller) {
        Demand demand = demands.get(id);
        requireAddressee(demand, caller);
        if (demand.state() != Demand.State.OPEN) {
            throw Refusal.conflict("answered-before", "Demand " + id + " was answered already (" + demand.state() + ")");
        }
        Instant now = now();
        String reasons = request.reasons() == null || request.reasons().isBlank() ? null : request.reasons().strip();
        LocalDate byDate = null;
        Instant publishDueAt = null;
        switch (request.answer()) {
            case CANNOT -> {
                if (reasons == null) {
                    throw Refusal.invalidField("reasons", "say why the data cannot be published "
                            + "(NT 25: 确因客观原因暂时无法发布的，应将情况反馈)");
                }
            }
            case WILL_PUBLISH -> {
                if (request.byDate() == null) {
                    throw Refusal.invalidField("byDate", "give the date the data will be published by");
                }
                byDate = request.byDate();
                LocalDate today = now.atZone(WorkingDayCalendar.ZONE).toLocalDate();
                if (byDate.isBefore(today)) {
                    throw Refusal.invalidField("byDate", "must not lie in the past");
                }
                Instant limit = Deadlines.due(calendar, demand.raisedAt(), profile.uncataloguedDemandPublish());
                LocalDate last = limit.atZone(WorkingDayCalendar.ZONE).toLocalDate().minusDays(1);
                if (byDate.isAfter(last)) {
                    throw Refusal.invalidField("byDate", "must be on or before " + last + " ("
                            + profile.uncataloguedDemandPublish().value() + " from the demand, "
                            + (profile.uncataloguedDemandPublish().isRegulated() ? profile.uncataloguedDemandPublish().citation()
                            : "platform default") + ")");
                }
                publishDueAt = byDate.plusDays(1).atStartOfDay(WorkingDayCalendar.ZONE).toInstant();
                deadlines.register(DeadlineRequest.forStep(PROCESS, PUBLISH, id)
                        .responsible(demand.addressedTo(), demand.region())
                        .dueAt(publishDueAt)
                        .onExpiry(ExpiryAction.MARK_OVERDUE)
                        .remindBefore(Duration.ofDays(3)));
            }
            case NOT_OURS -> {
            }
        }
        demand.answer(new Demand.Answered(request.answer(), byDate, publishDueAt, reasons, caller.actor(), now));
        deadlines.complete(PROCESS, ANSWER, id);
        OutboxMessage answered = events.create(SharingEventTypes.DEMAND_ANSWERED, id, demand.addressedTo(), demand.region(),
                new SharingEvents.DemandAnswered(id, demand.requestingDepartment(), demand.addressedTo(), request.answer().name(),
                        byDate, publishDueAt, reasons, caller.actor(), now, demand.raisedAt(), demand.answerDueAt()));
        log.info("Demand {} answered {} by {}", id, request.answer(), caller.actor());
        return demands.update(demand, List.of(answered));
    }

    Demand fulfil(String id, String resourceId, Caller caller) {
        Demand demand = demands.get(id);
        requireAddressee(demand, caller);
        if (demand.state() != Demand.State.WILL_PUBLISH) {
            throw Refusal.conflict("not-promised", "Demand " + id + " is " + demand.state()
                    + "; only a promise to publish (WILL_PUBLISH) is fulfilled");
        }
        var resource = resources.find(resourceId).orElseThrow(() -> Refusal.invalidField("resourceId",
                "no published resource '" + resourceId + "' is known to sharing yet"));
        if (!resource.providerDepartment().equals(demand.addressedTo())) {
            throw Refusal.invalidField("resourceId", "is a resource of " + resource.providerDepartment()
                    + ", not of " + demand.addressedTo());
        }
        Instant now = now();
        demand.fulfil(new Demand.Fulfilment(resourceId, caller.actor(), now));
        deadlines.complete(PROCESS, PUBLISH, id);
        OutboxMessage fulfilled = events.create(SharingEventTypes.DEMAND_FULFILLED, id, demand.addressedTo(), demand.region(),
                new SharingEvents.DemandFulfilled(id, demand.requestingDepartment(), demand.addressedTo(), resourceId,
                        caller.actor(), now, demand.answer().publishDueAt()));
        return demands.update(demand, List.of(fulfilled));
    }

    void answerMissed(String id) {
        demands.find(id).filter(d -> d.state() == Demand.State.OPEN && !d.isAnswerOverdue()).ifPresent(d -> {
            d.answerOverdue();
            demands.update(d, List.of());
        });
    }

    void publishMissed(String id) {
        demands.find(id).filter(d -> d.state() == Demand.State.WILL_PUBLISH && !d.isPublishOverdue()).ifPresent(d -> {
            d.publishOverdue();
            demands.update(d, List.of());
        });
    }

    private static void requireAddressee(Demand demand, Caller caller) {
        SharingAccess.require(SharingAccess.actsFor(caller, demand.addressedTo(), Roles.DEPT_DATA_OFFICER, Roles.DEPT_APPROVER),
                "Only the addressed department " + demand.addressedTo() + " (dept-data-officer or dept-approver) answers demand "
                        + demand.id());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
