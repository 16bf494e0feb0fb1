package cn.govdata.sharing.application;

import cn.govdata.platform.outbox.OutboxMessage;
import cn.govdata.platform.problem.PlatformException;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;
import cn.govdata.sharing.grant.Grant;
import cn.govdata.sharing.grant.Grants;
import cn.govdata.sharing.grant.SharingAccess;
import cn.govdata.sharing.resource.Resources;
import cn.govdata.sharing.resource.SharedResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The bureau's formality check (NT 21), the provider's decision (NT 22, SY 25, QY 24) with the
 * reasons and legal basis a refusal needs, silence as consent where the profile says so (SY 25),
 * and the bureau's coordination of a disputed refusal (NT 27, SY 28).
 */
@Service
class DecidingApplications {

    private static final Logger log = LoggerFactory.getLogger(DecidingApplications.class);

    private final Applications applications;
    private final Resources resources;
    private final Grants grants;
    private final ApplicationDeadlines deadlines;
    private final ApplicationEvents events;
    private final SettlingGrants settling;
    private final ApplicationConfiguration.ApplicationProperties properties;
    private final Clock clock;

    DecidingApplications(Applications applications, Resources resources, Grants grants, ApplicationDeadlines deadlines,
                         ApplicationEvents events, SettlingGrants settling,
                         ApplicationConfiguration.ApplicationProperties properties, Clock clock) {
        this.applications = applications;
        this.resources = resources;
        this.grants = grants;
        this.deadlines = deadlines;
        this.events = events;
        this.settling = settling;
        this.properties = properties;
        this.clock = clock;
    }

    ShareApplication checkFormalities(String id, boolean passed, List<String> reasons, Caller caller) {
        SharingAccess.requireBureau(caller, "checks the formalities of applications (NT 21)");
        ShareApplication application = applications.get(id);
        requireState(application, ShareApplication.State.FORMALITY_CHECK, "a formality check");
        List<String> why = reasons == null ? List.of() : reasons;
        if (!passed && why.isEmpty()) {
            throw PlatformException.invalidField("reasons", "say why the application is not accepted (NT 21: 不予受理的，应当说明理由)");
        }
        if (passed && application.attachments().isEmpty()) {
            throw PlatformException.conflict("stamped-scan-missing", "Application " + id + " has no stamped scan attached; "
                    + "NT 20 requires one (POST /api/sharing/applications/" + id + "/attachments)");
        }
        Instant now = now();
        application.checkFormalities(passed, why, caller.actor(), now);
        if (passed) {
            // NT 22: the provider's period runs from its receipt of the application, i.e. from the check.
            var due = deadlines.decision(application, now);
            application.awaitDecision(now, due.dueAt());
        }
        deadlines.completed(ApplicationDeadlines.FORMALITY, id);
        log.info("Application {} formalities {} by {}", id, passed ? "passed" : "not passed", caller.actor());
        return applications.update(application, List.of(events.formalityChecked(application)));
    }

    ShareApplication decide(String id, ApplicationRequests.Decision request, Caller caller) {
        ShareApplication application = applications.get(id);
        SharingAccess.require(SharingAccess.actsFor(caller, application.providerDepartment(), Roles.DEPT_APPROVER),
                "Only an approver (dept-approver) of the providing department " + application.providerDepartment()
                        + " decides on application " + id);
        requireState(application, ShareApplication.State.AWAITING_DECISION, "a decision");
        Instant now = now();
        List<String> reasons = request.reasons() == null ? List.of() : request.reasons();
        if (!request.approve()) {
            if (reasons.isEmpty()) {
                throw PlatformException.invalidField("reasons", "a refusal states its reasons (NT 22: 不予授权的，应说明具体理由)");
            }
            if (properties.refusalNeedsLegalBasis() && (request.legalBasis() == null || request.legalBasis().isBlank())) {
                throw PlatformException.invalidField("legalBasis", "a refusal names the law, regulation or rule it rests on "
                        + "(SY 25, QY 24: 应当提供法律、法规、规章依据)");
            }
            application.refuse(new ShareApplication.Decision(false, List.of(), List.of(), null, reasons,
                    request.legalBasis() == null || request.legalBasis().isBlank() ? null : request.legalBasis().strip(),
                    caller.actor(), now, null, null, null));
            deadlines.completed(ApplicationDeadlines.DECISION, id);
            log.info("Application {} refused by {}", id, caller.actor());
            return applications.update(application, List.of(events.decided(application)));
        }
        ShareApplication.Decision approval = approval(application, request.items(), request.unmaskedItems(),
                request.validTo(), reasons, caller.actor(), now, "PROVIDER_DECISION", request.dailyQuota(),
                request.ratePerMinute());
        List<String> clearPersonal = SubmittingApplications.personal(approval.unmaskedItems(),
                resources.available(application.resourceId()));
        // A renewal keeps the items as decided before; it is not a new decision on clear delivery.
        if (!clearPersonal.isEmpty() && application.type() != ShareApplication.Type.RENEWAL) {
            if (request.legalBasis() == null || request.legalBasis().isBlank()) {
                throw PlatformException.invalidField("legalBasis", "delivering " + String.join(", ", clearPersonal)
                        + " in clear is personal information: name the law or statutory duty the decision rests on "
                        + "(个人信息保护法 第三十四条), or leave them masked");
            }
            approval = withLegalBasis(approval, request.legalBasis().strip());
        }
        application.approve(approval);
        if (application.type() == ShareApplication.Type.NEW) {
            deadlines.implementation(application, now).ifPresent(d -> application.expectImplementationBy(d.dueAt()));
        }
        deadlines.completed(ApplicationDeadlines.DECISION, id);
        ShareApplication approved = applications.update(application, List.of(events.decided(application)));
        log.info("Application {} approved by {} ({} of {} items, {} in clear)", id, caller.actor(), approval.items().size(),
                application.items().size(), approval.unmaskedItems().size());
        return settling.settle(approved);
    }

    /** QY 24: the provider reports the share in place within the implementation period. */
    ShareApplication implemented(String id, Caller caller) {
        ShareApplication application = applications.get(id);
        SharingAccess.require(SharingAccess.actsFor(caller, application.providerDepartment(), Roles.DEPT_APPROVER,
                Roles.DEPT_DATA_OFFICER), "Only the providing department " + application.providerDepartment()
                + " reports its share implemented");
        requireState(application, ShareApplication.State.APPROVED, "reporting implementation");
        if (application.implementationDueAt() == null || application.implementedAt() != null) {
            throw PlatformException.conflict("no-implementation-pending", "Application " + id + " has no implementation pending");
        }
        application.implemented(caller.actor(), now());
        deadlines.completed(ApplicationDeadlines.IMPLEMENTATION, id);
        return applications.update(application, List.of());
    }

    /** NT 27, SY 28: a refused applicant, or one whose decision is overdue, takes it to the bureau. */
    ShareApplication escalate(String id, String reasons, Caller caller) {
        ShareApplication application = applications.get(id);
        SharingAccess.require(SharingAccess.actsFor(caller, application.consumerDepartment(), Roles.DEPT_CONSUMER,
                Roles.DEPT_DATA_OFFICER, Roles.DEPT_APPROVER), "Only the applying department "
                + application.consumerDepartment() + " escalates application " + id);
        Instant now = now();
        boolean refused = application.state() == ShareApplication.State.REFUSED;
        boolean overdue = application.state() == ShareApplication.State.AWAITING_DECISION
                && application.decisionPeriod() != null && !now.isBefore(application.decisionPeriod().dueAt());
        if (!refused && !overdue) {
            throw PlatformException.conflict("not-escalable", "Application " + id + " is " + application.state()
                    + "; only a refused application, or one whose decision is overdue, can be escalated");
        }
        application.escalate(reasons.strip(), caller.actor(), now);
        log.info("Application {} escalated to the bureau by {}", id, caller.actor());
        return applications.update(application, List.of(events.escalated(application)));
    }

    ShareApplication coordinate(String id, ApplicationRequests.Coordination request, Caller caller) {
        SharingAccess.requireBureau(caller, "coordinates disputed applications (NT 27, SY 28)");
        ShareApplication application = applications.get(id);
        requireState(application, ShareApplication.State.ESCALATED, "coordination");
        Instant now = now();
        if (request.outcome() == ApplicationRequests.CoordinationOutcome.GRANT
                && application.type() == ShareApplication.Type.CLEAR_ITEMS) {
            throw PlatformException.conflict("clear-items-provider-only", "Application " + id + " asks for personal items "
                    + "in clear; only an approver of the providing department " + application.providerDepartment()
                    + " decides that, with a legal basis. The masked grant stands; coordinate with UPHOLD_REFUSAL or ask the provider to decide");
        }
        if (request.outcome() == ApplicationRequests.CoordinationOutcome.UPHOLD_REFUSAL) {
            application.coordinated("UPHOLD_REFUSAL", request.reasons(), caller.actor(), now, null);
            deadlines.completed(ApplicationDeadlines.DECISION, id);
            return applications.update(application, List.of(events.coordinated(application)));
        }
        ShareApplication.Decision grant = approval(application, request.items(), request.unmaskedItems(), request.validTo(),
                request.reasons(), "bureau coordination (" + caller.actor() + ")", now, "COORDINATION", null, null);
        List<String> clearPersonal = SubmittingApplications.personal(grant.unmaskedItems(),
                resources.available(application.resourceId()));
        if (!clearPersonal.isEmpty()) {
            throw PlatformException.invalidField("unmaskedItems", String.join(", ", clearPersonal) + " are personal: only an "
                    + "approver of the providing department decides on delivering them in clear; coordinate them masked");
        }
        application.coordinated("GRANT", request.reasons(), caller.actor(), now, grant);
        deadlines.completed(ApplicationDeadlines.DECISION, id);
        log.info("Application {} granted in coordination by {}", id, caller.actor());
        return settling.settle(applications.update(application, List.of(events.coordinated(application))));
    }

    /**
     * The provider let its decision period pass. Under SY 25 that is consent: the application is
     * approved as applied for (items still in the resource). Elsewhere the application is marked
     * overdue and the DeadlineMissed event goes to the bureau. Idempotent: only an application still
     * awaiting its decision is touched.
     */
    void decisionMissed(String id) {
        Optional<ShareApplication> found = applications.find(id);
        if (found.isEmpty() || found.get().state() != ShareApplication.State.AWAITING_DECISION) {
            return;
        }
        ShareApplication application = found.get();
        if (!deadlines.silenceIsConsent(application)) {
            if (!application.decisionPeriod().overdue()) {
                application.markOverdue(false);
                applications.update(application, List.of());
            }
            return;
        }
        Instant now = now();
        Optional<SharedResource> resource = resources.find(application.resourceId())
                .filter(r -> r.availability() != SharedResource.Availability.WITHDRAWN);
        List<String> items = resource.map(r -> application.items().stream().filter(r::hasItem).toList()).orElse(List.of());
        if (items.isEmpty() || (application.type() == ShareApplication.Type.RENEWAL && !renewable(application, now))) {
            cancel(application, resource.isEmpty() ? "resource withdrawn before the decision"
                    : items.isEmpty() ? "no item applied for is left in the resource" : "the grant ended before the renewal was decided", now);
            return;
        }
        String by = "silence-is-consent (" + deadlines.silenceCitation() + ")";
        // Silence grants the items, masked: clear delivery of personal items needs an approver's decision.
        SharedResource shared = resource.get();
        application.approve(new ShareApplication.Decision(true, items,
                application.unmaskedItems().stream().filter(items::contains).filter(i -> !shared.isPersonal(i)).toList(),
                application.validTo(), List.of(), null, by, now, "SILENCE_IS_CONSENT", null, null));
        if (application.type() == ShareApplication.Type.NEW) {
            deadlines.implementation(application, now).ifPresent(d -> application.expectImplementationBy(d.dueAt()));
        }
        ShareApplication approved = applications.update(application, List.of(events.decided(application)));
        log.info("Application {}: provider {} stayed silent past {}; approved by {}", id, application.providerDepartment(),
                application.decisionPeriod().dueAt(), by);
        settling.settle(approved);
    }

    void formalityMissed(String id) {
        applications.find(id).filter(a -> a.state() == ShareApplication.State.FORMALITY_CHECK && !a.formalityPeriod().overdue())
                .ifPresent(a -> {
                    a.markOverdue(true);
                    applications.update(a, List.of());
                });
    }

    /** Ends open applications that can no longer be decided, e.g. for a withdrawn resource. Idempotent. */
    void cancelOpen(List<ShareApplication> open, String why) {
        for (ShareApplication candidate : open) {
            for (int attempt = 0; attempt < 5; attempt++) {
                ShareApplication application = applications.get(candidate.id());
                if (!application.state().isOpen()) {
                    break;
                }
                if (tryCancel(application, why, now())) {
                    break;
                }
            }
        }
    }

    private void cancel(ShareApplication application, String why, Instant now) {
        if (!tryCancel(application, why, now)) {
            throw PlatformException.conflict("concurrent-change", "Application " + application.id() + " changed meanwhile");
        }
    }

    private boolean tryCancel(ShareApplication application, String why, Instant now) {
        application.cancel(why, now);
        List<OutboxMessage> cancelled = List.of(events.cancelled(application, now));
        if (applications.tryUpdate(application, cancelled)) {
            deadlines.cancelAll(application.id());
            log.info("Application {} cancelled: {}", application.id(), why);
            return true;
        }
        return false;
    }

    /** Checks an approval against the application (never more than applied for) and the resource as it is now. */
    private ShareApplication.Decision approval(ShareApplication application, List<String> items, List<String> unmaskedItems,
                                              Instant validTo, List<String> reasons, String by, Instant now, String route,
                                              Integer dailyQuota, Integer ratePerMinute) {
        SharedResource resource = resources.available(application.resourceId());
        List<String> granted = items == null ? application.items()
                : SubmittingApplications.checkedItems("items", items, resource, application.items());
        if (granted.isEmpty()) {
            throw PlatformException.invalidField("items", "approve at least one item, or refuse");
        }
        for (int i = 0; i < granted.size(); i++) {
            if (!resource.hasItem(granted.get(i))) {
                throw PlatformException.invalidField("items[" + i + "]", "'" + granted.get(i)
                        + "' is no longer a data item of resource " + resource.id());
            }
        }
        List<String> clear = unmaskedItems == null ? application.unmaskedItems().stream().filter(granted::contains).toList()
                : SubmittingApplications.checkedItems("unmaskedItems", unmaskedItems, resource,
                application.unmaskedItems().stream().filter(granted::contains).toList());
        Instant until = validTo == null ? application.validTo() : validTo.truncatedTo(ChronoUnit.MILLIS);
        if (until.isAfter(application.validTo())) {
            throw PlatformException.invalidField("validTo", "must not be later than the requested " + application.validTo());
        }
        if (!until.isAfter(now)) {
            throw PlatformException.invalidField("validTo", "must lie in the future");
        }
        if (application.type() == ShareApplication.Type.RENEWAL) {
            if (!renewable(application, now)) {
                throw PlatformException.conflict("grant-ended", "Grant " + application.renewsGrantId()
                        + " ended before this renewal was decided; the consumer must apply again (NT 26)");
            }
            Grant grant = grants.get(application.renewsGrantId());
            if (!until.isAfter(grant.validTo())) {
                throw PlatformException.invalidField("validTo", "a renewal extends the grant beyond its current validTo "
                        + grant.validTo());
            }
            // A renewal extends validity; the granted items stay as they are.
            granted = grant.items();
            clear = grant.unmaskedItems();
        }
        if (application.type() == ShareApplication.Type.CLEAR_ITEMS) {
            Grant grant = grants.find(application.renewsGrantId()).filter(g -> g.state().isCurrent() && g.validTo().isAfter(now))
                    .orElseThrow(() -> PlatformException.conflict("grant-ended", "Grant " + application.renewsGrantId()
                            + " has ended; there is nothing to deliver in clear"));
            clear = (unmaskedItems == null ? application.unmaskedItems() : clear).stream().filter(grant.items()::contains).toList();
            if (clear.isEmpty()) {
                throw PlatformException.invalidField("unmaskedItems", "approve at least one of "
                        + String.join(", ", application.unmaskedItems()) + " in clear, or refuse");
            }
            granted = grant.items();
            until = grant.validTo();
        }
        return new ShareApplication.Decision(true, granted, clear, until, reasons, null, by, now, route, dailyQuota, ratePerMinute);
    }

    private static ShareApplication.Decision withLegalBasis(ShareApplication.Decision d, String legalBasis) {
        return new ShareApplication.Decision(d.approved(), d.items(), d.unmaskedItems(), d.validTo(), d.reasons(), legalBasis,
                d.decidedBy(), d.decidedAt(), d.grantRoute(), d.dailyQuota(), d.ratePerMinute());
    }

    private boolean renewable(ShareApplication renewal, Instant now) {
        return grants.find(renewal.renewsGrantId()).map(g -> g.state().isCurrent() && g.validTo().isAfter(now)).orElse(false);
    }

    private static void requireState(ShareApplication application, ShareApplication.State expected, String what) {
        if (application.state() != expected) {
            throw PlatformException.conflict("wrong-state", "Application " + application.id() + " is "
                    + application.state() + "; " + what + " needs it " + expected);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
