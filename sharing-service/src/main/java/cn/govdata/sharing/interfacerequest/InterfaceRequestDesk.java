package cn.govdata.sharing.interfacerequest;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.events.SharingEventTypes;
import cn.govdata.events.sharing.InterfaceRequestEvents;
import cn.govdata.platform.deadline.Deadline;
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
import cn.govdata.policy.Period;
import cn.govdata.policy.Rule;
import cn.govdata.policy.RuleKey;
import cn.govdata.sharing.grant.SharingAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Requests for more service interfaces (QZ 2.3). The producing department provides the interface
 * within the profile's {@code interface-request-answer} (QZ: 10 working days; elsewhere the same
 * platform default, the feature being useful everywhere); on one written application the bureau may
 * extend that by at most {@code interface-request-extension} (QZ: 5 working days). Deadlines run on
 * the starter's deadline engine like demands for uncatalogued data do: a missed one marks the
 * request overdue, the engine's DeadlineMissed counts it on the provider's scorecard.
 */
@Service
class InterfaceRequestDesk {

    static final String PROCESS = "interface-request";
    /** The first period; an approved extension closes it and opens {@link #EXTENDED}. */
    static final String ANSWER = "answer";
    static final String EXTENDED = "answer-extended";

    private static final Logger log = LoggerFactory.getLogger(InterfaceRequestDesk.class);

    private final InterfaceRequests requests;
    private final DepartmentDirectory directory;
    private final DeadlineRegistry deadlines;
    private final JurisdictionProfile profile;
    private final WorkingDayCalendar calendar;
    private final Events events;
    private final Clock clock;

    InterfaceRequestDesk(InterfaceRequests requests, DepartmentDirectory directory, DeadlineRegistry deadlines,
                         JurisdictionProfile profile, WorkingDayCalendar calendar, Events events, Clock clock) {
        this.requests = requests;
        this.directory = directory;
        this.deadlines = deadlines;
        this.profile = profile;
        this.calendar = calendar;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The bureau requests (QZ 2.3: 数据管理机构要求数据生产单位提供更多服务接口); a consumer department
     * proposes, and its proposal waits for the bureau to forward it.
     */
    InterfaceRequest raise(InterfaceRequestController.RaiseRequest request, Caller caller) {
        var provider = directory.find(request.provider()).orElseThrow(() -> Refusal.invalidField("provider",
                "未登记的部门 '" + request.provider() + "' (no department with this code is registered)"));
        var wanted = new InterfaceRequest.Wanted(request.dataWanted().strip(), request.scenario().strip(),
                request.interfaceSpec().strip());
        Instant now = now();
        String id = "IFR-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        if (caller.isBureau()) {
            String consumer = request.consumer();
            if (consumer != null && directory.find(consumer).isEmpty()) {
                throw Refusal.invalidField("consumer", "未登记的部门 '" + consumer + "' (no department with this code is registered)");
            }
            requireDifferent(provider.code(), consumer, "consumer");
            Instant due = registerAnswer(id, provider.code(), provider.region(), now);
            var created = InterfaceRequest.requested(id, provider.code(), consumer, provider.region(), wanted, caller.actor(),
                    now, due);
            requests.insert(created, List.of(requested(created)));
            log.info("Interface request {} to {} by the bureau; due {}", id, provider.code(), due);
            return requests.get(id);
        }
        if (!caller.hasRole(Roles.DEPT_CONSUMER) && !caller.hasRole(Roles.DEPT_DATA_OFFICER)) {
            throw Refusal.forbidden("接口需求由数据管理机构提出，或由使用部门提议后经数据管理机构转交 "
                    + "(interface requests are raised by the bureau or proposed by a department's dept-consumer or dept-data-officer)");
        }
        String consumer = caller.departmentCode().orElseThrow(() ->
                Refusal.forbidden("The token names no department; a proposal is made for a department"));
        if (request.consumer() != null && !request.consumer().equals(consumer)) {
            throw Refusal.invalidField("consumer", "must be your own department " + consumer + " or left out");
        }
        requireDifferent(provider.code(), consumer, "provider");
        var proposed = InterfaceRequest.proposed(id, provider.code(), consumer, provider.region(), wanted, caller.actor(), now);
        requests.insert(proposed, List.of());
        log.info("Interface request {} to {} proposed by {}; waiting for the bureau", id, provider.code(), consumer);
        return requests.get(id);
    }

    /** The bureau forwards a consumer's proposal to the provider (the period starts now) or declines it. */
    InterfaceRequest forward(String id, boolean forward, String reasons, Caller caller) {
        SharingAccess.requireBureau(caller, "forwards a department's interface proposal to the producing department");
        InterfaceRequest request = requests.get(id);
        if (request.state() != InterfaceRequest.State.PROPOSED) {
            throw Refusal.conflict("not-proposed", "接口需求 " + id + " 当前状态为 " + request.state()
                    + "，只有待转交的提议 (PROPOSED) 可以转交或退回");
        }
        Instant now = now();
        if (!forward) {
            if (reasons == null) {
                throw Refusal.invalidField("reasons", "请说明不予转交的理由 (say why the proposal is not forwarded)");
            }
            request.decline(caller.actor(), now, reasons);
            return requests.update(request, List.of());
        }
        Instant due = registerAnswer(id, request.provider(), request.region(), now);
        request.forward(caller.actor(), now, due, reasons);
        log.info("Interface request {} forwarded to {}; due {}", id, request.provider(), due);
        return requests.update(request, List.of(requested(request)));
    }

    /** QZ 2.3: 因特殊情况无法按时提供的，应向数据管理机构提交书面延期申请 — once, before the due time. */
    InterfaceRequest applyForExtension(String id, int workingDays, String reasons, Caller caller) {
        InterfaceRequest request = requests.get(id);
        requireProvider(request, caller);
        requireOpen(request);
        if (request.extension() != null) {
            throw Refusal.conflict("extension-applied-before", "接口需求 " + id
                    + " 已提交过延期申请；延期只能申请一次 (QZ 2.3)");
        }
        int most = extensionLimit().value().amount();
        if (workingDays > most) {
            throw Refusal.invalidField("workingDays", "延期最长不超过 " + most + " 个工作日 (" + citation(extensionLimit()) + ")");
        }
        Instant now = now();
        if (!now.isBefore(request.answerDueAt())) {
            throw Refusal.conflict("already-due", "接口需求 " + id + " 已于 " + request.answerDueAt()
                    + " 到期；延期申请须在期限届满前提交");
        }
        request.applyForExtension(new InterfaceRequest.Extension(workingDays, reasons, caller.actor(), now, null, null, null,
                null, null, null));
        log.info("Interface request {}: {} applied for {} working days more", id, request.provider(), workingDays);
        return requests.update(request, List.of());
    }

    /**
     * The bureau approves (经批准，可以延期提供，但最长不超过5个工作日) — possibly fewer days than applied
     * for — or refuses; an approval moves the due time by that many working days past the original one.
     */
    InterfaceRequest decideExtension(String id, boolean approve, Integer workingDays, String reasons, Caller caller) {
        SharingAccess.requireBureau(caller, "approves or refuses an extension of an interface request");
        InterfaceRequest request = requests.get(id);
        requireOpen(request);
        if (request.extension() == null || !request.extension().pending()) {
            throw Refusal.conflict("no-pending-extension", "接口需求 " + id + " 没有待审批的延期申请");
        }
        Instant now = now();
        if (!approve) {
            if (reasons == null) {
                throw Refusal.invalidField("reasons", "请说明不批准延期的理由 (say why the extension is refused)");
            }
            request.decideExtension(false, null, caller.actor(), now, reasons, null);
            return requests.update(request, List.of());
        }
        int granted = workingDays == null ? request.extension().workingDays() : workingDays;
        if (granted > request.extension().workingDays()) {
            throw Refusal.invalidField("workingDays", "不得超过申请的 " + request.extension().workingDays() + " 个工作日");
        }
        Instant previousDue = request.answerDueAt();
        Instant newDue = extendedDue(calendar, previousDue, new Period(granted, extensionLimit().value().unit()));
        request.decideExtension(true, granted, caller.actor(), now, reasons, newDue);
        // The first period is replaced, not missed: cancelled (it may already have fired when the bureau
        // approves late; the overdue flag then stays, as the provider was late on the terms of that day).
        deadlines.cancel(PROCESS, ANSWER, id);
        deadlines.register(DeadlineRequest.forStep(PROCESS, EXTENDED, id)
                .responsible(request.provider(), request.region())
                .dueAt(newDue)
                .citing(citation(extensionLimit()))
                .onExpiry(ExpiryAction.MARK_OVERDUE)
                .remindBefore(Duration.ofDays(1)));
        OutboxMessage extended = events.create(SharingEventTypes.INTERFACE_REQUEST_EXTENDED, id, request.provider(),
                request.region(), new InterfaceRequestEvents.InterfaceRequestExtended(id, request.provider(), granted,
                        request.extension().reasons(), caller.actor(), now, previousDue, newDue));
        log.info("Interface request {} extended by {} working days to {}", id, granted, newDue);
        return requests.update(request, List.of(extended));
    }

    /** The provider provides the interface with its specification and usage notes (需同时提供相应的接口规范及调用说明). */
    InterfaceRequest deliver(String id, String interfaceSpec, String usageNotes, Caller caller) {
        InterfaceRequest request = requests.get(id);
        requireProvider(request, caller);
        requireOpen(request);
        Instant now = now();
        boolean late = !now.isBefore(request.answerDueAt());
        request.deliver(new InterfaceRequest.Delivery(interfaceSpec, usageNotes, caller.actor(), now, late));
        deadlines.complete(PROCESS, request.wasExtended() ? EXTENDED : ANSWER, id);
        OutboxMessage delivered = events.create(SharingEventTypes.INTERFACE_DELIVERED, id, request.provider(), request.region(),
                new InterfaceRequestEvents.InterfaceDelivered(id, request.provider(), request.consumer(), caller.actor(), now,
                        request.answerDueAt(), late));
        log.info("Interface request {} delivered by {}{}", id, request.provider(), late ? " late" : "");
        return requests.update(request, List.of(delivered));
    }

    /** The technical service unit re-wraps the delivered interface and publishes it (由技术服务单位对接口再封装后统一发布). */
    InterfaceRequest publish(String id, String serviceName, String notes, Caller caller) {
        if (!caller.hasRole(Roles.PLATFORM_OPERATOR)) {
            throw Refusal.forbidden("Only the technical service unit (platform-operator) records the publication");
        }
        InterfaceRequest request = requests.get(id);
        if (request.state() != InterfaceRequest.State.DELIVERED) {
            throw Refusal.conflict("not-delivered", "接口需求 " + id + " 当前状态为 " + request.state()
                    + "，只有已提供的接口 (DELIVERED) 可以发布");
        }
        Instant now = now();
        request.publish(new InterfaceRequest.Publication(serviceName, notes, caller.actor(), now));
        OutboxMessage published = events.create(SharingEventTypes.INTERFACE_PUBLISHED, id, request.provider(), request.region(),
                new InterfaceRequestEvents.InterfacePublished(id, request.provider(), request.consumer(), serviceName,
                        caller.actor(), now));
        return requests.update(request, List.of(published));
    }

    /** The deadline engine's call: idempotent, only a still-open request that is not yet marked changes. */
    void missed(Deadline deadline) {
        requests.find(deadline.subjectId())
                .filter(r -> r.state() == InterfaceRequest.State.REQUESTED && !r.isOverdue())
                // A late approval replaced the first period after it fired: only the current one counts.
                .filter(r -> deadline.dueAt().equals(r.answerDueAt()))
                .ifPresent(r -> {
                    r.markOverdue();
                    requests.update(r, List.of(events.create(SharingEventTypes.INTERFACE_REQUEST_OVERDUE, r.id(), r.provider(),
                            r.region(), new InterfaceRequestEvents.InterfaceRequestOverdue(r.id(), r.provider(), r.consumer(),
                                    r.answerDueAt(), r.wasExtended()))));
                    log.info("Interface request {} overdue at {}", r.id(), r.answerDueAt());
                });
    }

    /**
     * {@code extension} more past an exclusive due time (00:00 after the last allowed day): counted
     * from that last day, so the days added are the ones after it, as QZ 2.3's 延期 reads.
     */
    static Instant extendedDue(WorkingDayCalendar calendar, Instant previousDue, Period extension) {
        return Deadlines.due(calendar, previousDue.minusMillis(1), extension);
    }

    private Instant registerAnswer(String id, String provider, String region, Instant from) {
        return deadlines.register(DeadlineRequest.forStep(PROCESS, ANSWER, id)
                .responsible(provider, region)
                .within(from, RuleKey.INTERFACE_REQUEST_ANSWER)
                .onExpiry(ExpiryAction.MARK_OVERDUE)
                .remindBefore(Duration.ofDays(1))).dueAt();
    }

    private OutboxMessage requested(InterfaceRequest r) {
        return events.create(SharingEventTypes.INTERFACE_REQUESTED, r.id(), r.provider(), r.region(),
                new InterfaceRequestEvents.InterfaceRequested(r.id(), r.provider(), r.consumer(), r.wanted().dataWanted(),
                        r.wanted().scenario(), r.wanted().interfaceSpec(), r.requestedBy(), r.requestedAt(), r.answerDueAt()));
    }

    private Rule<Period> extensionLimit() {
        return profile.interfaceRequestExtension();
    }

    private static String citation(Rule<Period> rule) {
        return rule.isRegulated() ? rule.citation() : "platform default";
    }

    private static void requireDifferent(String provider, String consumer, String field) {
        if (provider.equals(consumer)) {
            throw Refusal.invalidField(field, "提供部门与使用部门不能相同 (the producing department would ask itself)");
        }
    }

    private static void requireProvider(InterfaceRequest request, Caller caller) {
        SharingAccess.require(SharingAccess.actsFor(caller, request.provider(), Roles.DEPT_DATA_OFFICER, Roles.DEPT_APPROVER),
                "只有数据生产单位 " + request.provider() + " 的数据管理员或审批人可以答复接口需求 " + request.id()
                        + " (only the producing department's dept-data-officer or dept-approver answers it)");
    }

    private static void requireOpen(InterfaceRequest request) {
        if (request.state() != InterfaceRequest.State.REQUESTED) {
            throw Refusal.conflict("not-requested", "接口需求 " + request.id() + " 当前状态为 " + request.state()
                    + "，只有待提供的需求 (REQUESTED) 可以办理");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
