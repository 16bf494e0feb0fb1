package cn.govdata.sharing.application;

import cn.govdata.platform.outbox.OutboxMessage;
import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;
import cn.govdata.policy.DisputeFinalStep;
import cn.govdata.policy.JurisdictionProfile;
import cn.govdata.policy.ShareDecider;
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
import java.time.LocalDate;
import java.time.ZoneId;
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
    private final JurisdictionProfile profile;
    private final Clock clock;

    DecidingApplications(Applications applications, Resources resources, Grants grants, ApplicationDeadlines deadlines,
                         ApplicationEvents events, SettlingGrants settling,
                         ApplicationConfiguration.ApplicationProperties properties, JurisdictionProfile profile, Clock clock) {
        this.profile = profile;
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
            throw Refusal.invalidField("reasons", "say why the application is not accepted (NT 21: 不予受理的，应当说明理由)");
        }
        if (passed && application.attachments().isEmpty()) {
            throw Refusal.conflict("stamped-scan-missing", "Application " + id + " has no stamped scan attached; "
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
        Instant now = now();
        refuseAfterDeemedConsent(application, now);
        requireState(application, ShareApplication.State.AWAITING_DECISION, "a decision");
        ShareDecider decider = decider(application);
        if (decider == ShareDecider.BUREAU_AFTER_CONSULTING_PROVIDER) {
            throw Refusal.conflict("bureau-decides", "在本辖区，有条件共享申请由数据管理机构会同数据生产单位会商后决定（"
                    + deciderCitation() + "）：application " + id + " is decided by the bureau "
                    + "after consulting the provider; give the provider's opinion at POST /api/sharing/applications/" + id
                    + "/provider-opinion");
        }
        ShareApplication.Decision decision = providerDecision(application, request, caller, now);
        if (decider == ShareDecider.PROVIDER_CONFIRMED_BY_BUREAU) {
            // NJ 22: 报市政务数据行政主管部门确定后反馈 — the answer waits for the bureau; the applicant sees it then.
            // The period (NJ 22: 十五个工作日内提出意见并报…确定后反馈) runs on until the bureau has confirmed.
            application.opinionGiven(opinion(decision, caller, now), true);
            log.info("Application {}: provider answer by {} awaits the bureau's confirmation", id, caller.actor());
            return applications.update(application, List.of(events.opinionGiven(application, decider.key(),
                    deciderCitation())));
        }
        return takeEffect(application, decision, now);
    }

    /**
     * The provider's decision as today's rules check it: a refusal with reasons (NT 22) and, where the
     * profile asks, a legal basis (SY 25, QY 24); an approval within what was applied for, naming a
     * legal basis for personal items in clear.
     */
    private ShareApplication.Decision providerDecision(ShareApplication application, ApplicationRequests.Decision request,
                                                      Caller caller, Instant now) {
        List<String> reasons = request.reasons() == null ? List.of() : request.reasons();
        if (!request.approve()) {
            if (reasons.isEmpty()) {
                throw Refusal.invalidField("reasons", "a refusal states its reasons (NT 22: 不予授权的，应说明具体理由)");
            }
            if (properties.refusalNeedsLegalBasis() && (request.legalBasis() == null || request.legalBasis().isBlank())) {
                throw Refusal.invalidField("legalBasis", "a refusal names the law, regulation or rule it rests on "
                        + "(SY 25, QY 24: 应当提供法律、法规、规章依据)");
            }
            return new ShareApplication.Decision(false, List.of(), List.of(), null, reasons,
                    request.legalBasis() == null || request.legalBasis().isBlank() ? null : request.legalBasis().strip(),
                    caller.actor(), now, null, null, null);
        }
        ShareApplication.Decision approval = approval(application, request.items(), request.unmaskedItems(),
                request.validTo(), reasons, caller.actor(), now, "PROVIDER_DECISION", request.dailyQuota(),
                request.ratePerMinute());
        List<String> clearPersonal = SubmittingApplications.personal(approval.unmaskedItems(),
                resources.available(application.resourceId()));
        // A renewal keeps the items as decided before; it is not a new decision on clear delivery.
        if (!clearPersonal.isEmpty() && application.type() != ShareApplication.Type.RENEWAL) {
            if (request.legalBasis() == null || request.legalBasis().isBlank()) {
                throw Refusal.invalidField("legalBasis", "delivering " + String.join(", ", clearPersonal)
                        + " in clear is personal information: name the law or statutory duty the decision rests on "
                        + "(个人信息保护法 第三十四条), or leave them masked");
            }
            approval = withLegalBasis(approval, request.legalBasis().strip());
        }
        return approval;
    }

    /** Records the decision (approval or refusal) as the application's; an approval issues its grant. */
    private ShareApplication takeEffect(ShareApplication application, ShareApplication.Decision decision, Instant now) {
        String id = application.id();
        if (!decision.approved()) {
            application.refuse(decision);
            deadlines.completed(ApplicationDeadlines.DECISION, id);
            log.info("Application {} refused by {}", id, decision.decidedBy());
            return applications.update(application, List.of(events.decided(application)));
        }
        application.approve(decision);
        if (application.type() == ShareApplication.Type.NEW) {
            deadlines.implementation(application, now).ifPresent(d -> application.expectImplementationBy(d.dueAt()));
        }
        deadlines.completed(ApplicationDeadlines.DECISION, id);
        ShareApplication approved = applications.update(application, List.of(events.decided(application)));
        log.info("Application {} approved by {} ({} of {} items, {} in clear)", id, decision.decidedBy(),
                decision.items().size(), application.items().size(), decision.unmaskedItems().size());
        return settling.settle(approved);
    }

    /**
     * SY 25: 逾期未答复的，视为同意共享. Once the decision period has run out the provider's consent is
     * deemed given, whether or not the deadline engine has acted yet: a late approval or refusal is
     * refused, and the grant that silence issues stands (issued here if the engine is behind).
     */
    private void refuseAfterDeemedConsent(ShareApplication application, Instant now) {
        if (!deadlines.silenceIsConsent(application) || application.decisionPeriod() == null) {
            return;
        }
        Instant dueAt = application.decisionPeriod().dueAt();
        boolean deemedAlready = application.decision() != null && "SILENCE_IS_CONSENT".equals(application.decision().grantRoute());
        boolean lapsed = application.state() == ShareApplication.State.AWAITING_DECISION && !now.isBefore(dueAt);
        if (!deemedAlready && !lapsed) {
            return;
        }
        if (lapsed) {
            decisionMissed(application.id());
        }
        throw Refusal.conflict("consent-deemed", "提供部门逾期未答复，视为同意共享（" + deadlines.silenceCitation()
                + "）: consent was deemed at " + dueAt + ", when the decision period of application " + application.id()
                + " ended; a decision given after that is not accepted and the grant issued by silence stands");
    }

    /**
     * QZ 5.4: the providing department's approver gives its opinion (会商); the bureau then decides.
     * Only under a profile where the bureau decides after consulting the provider.
     */
    ShareApplication giveOpinion(String id, ApplicationRequests.Decision request, Caller caller) {
        ShareApplication application = applications.get(id);
        SharingAccess.require(SharingAccess.actsFor(caller, application.providerDepartment(), Roles.DEPT_APPROVER),
                "Only an approver (dept-approver) of the providing department " + application.providerDepartment()
                        + " gives its opinion on application " + id);
        ShareDecider decider = decider(application);
        if (decider != ShareDecider.BUREAU_AFTER_CONSULTING_PROVIDER) {
            throw Refusal.conflict("provider-decides", "本辖区由提供部门答复（" + deciderCitation()
                    + "）: there is no consultation step; decide at POST /api/sharing/applications/" + id + "/decision");
        }
        requireState(application, ShareApplication.State.AWAITING_DECISION, "the provider's opinion");
        Instant now = now();
        ShareApplication.Decision opinion = providerDecision(application, request, caller, now);
        application.opinionGiven(opinion(opinion, caller, now), false);
        deadlines.completed(ApplicationDeadlines.DECISION, id);
        log.info("Application {}: provider opinion ({}) by {} recorded for the bureau", id,
                opinion.approved() ? "approve" : "refuse", caller.actor());
        return applications.update(application, List.of(events.opinionGiven(application, decider.key(),
                deciderCitation())));
    }

    /**
     * QZ 2.2, 5.4: the bureau decides after the provider's opinion; it may narrow the items. Personal
     * items go in clear only where the provider's opinion agreed to it, on the legal basis it named.
     */
    ShareApplication bureauDecide(String id, ApplicationRequests.Decision request, Caller caller) {
        SharingAccess.requireBureau(caller, "decides conditional share applications after consulting the provider (QZ 5.4)");
        ShareApplication application = applications.get(id);
        if (decider(application) != ShareDecider.BUREAU_AFTER_CONSULTING_PROVIDER) {
            throw Refusal.conflict("provider-decides", "本辖区由提供部门答复（" + deciderCitation()
                    + "）: the bureau does not decide application " + id);
        }
        requireState(application, ShareApplication.State.AWAITING_BUREAU, "the bureau's decision (after the provider's opinion, QZ 5.4)");
        Instant now = now();
        ShareApplication.Opinion opinion = application.providerOpinion();
        String by = "bureau after consulting the provider (" + caller.actor() + ", " + deciderCitation() + ")";
        List<String> reasons = request.reasons() == null ? List.of() : request.reasons();
        if (!request.approve()) {
            if (reasons.isEmpty()) {
                throw Refusal.invalidField("reasons", "a refusal states its reasons (不予共享的，应当说明理由)");
            }
            return takeEffect(application, new ShareApplication.Decision(false, List.of(), List.of(), null, reasons,
                    blankToNull(request.legalBasis()), by, now, null, null, null), now);
        }
        List<String> items = request.items() != null ? request.items() : opinion.approve() ? opinion.items() : null;
        List<String> unmasked = request.unmaskedItems() != null ? request.unmaskedItems()
                : opinion.approve() ? opinion.unmaskedItems() : null;
        ShareApplication.Decision approval = approval(application, items, unmasked, request.validTo(), reasons, by, now,
                "BUREAU_DECISION", request.dailyQuota(), request.ratePerMinute());
        List<String> clearPersonal = SubmittingApplications.personal(approval.unmaskedItems(),
                resources.available(application.resourceId()));
        if (!clearPersonal.isEmpty() && application.type() != ShareApplication.Type.RENEWAL) {
            List<String> agreed = opinion.approve() ? opinion.unmaskedItems() : List.of();
            if (!agreed.containsAll(clearPersonal)) {
                throw Refusal.invalidField("unmaskedItems", String.join(", ", clearPersonal) + " are personal: "
                        + "in clear only where the provider's opinion agreed to it with a legal basis; decide them masked");
            }
            approval = withLegalBasis(approval, opinion.legalBasis());
        }
        return takeEffect(application, approval, now);
    }

    /**
     * NJ 22: the bureau confirms the provider's answer, which only then takes effect and reaches the
     * applicant (确定后反馈), or sends it back to the provider with its reasons.
     */
    ShareApplication confirmAnswer(String id, ApplicationRequests.Confirmation request, Caller caller) {
        SharingAccess.requireBureau(caller, "confirms the provider's answer before it is returned (NJ 22)");
        ShareApplication application = applications.get(id);
        if (decider(application) != ShareDecider.PROVIDER_CONFIRMED_BY_BUREAU) {
            throw Refusal.conflict("no-confirmation", "本辖区提供部门的答复无需数据主管部门确定（"
                    + deciderCitation() + "）: nothing to confirm on application " + id);
        }
        requireState(application, ShareApplication.State.AWAITING_BUREAU, "the bureau's confirmation (NJ 22)");
        Instant now = now();
        List<String> reasons = request.reasons() == null ? List.of() : request.reasons();
        if (!request.confirm()) {
            if (reasons.isEmpty()) {
                throw Refusal.invalidField("reasons", "say why the answer goes back to the provider");
            }
            // Back with the provider within the same period: NJ 22 sets one period for the answer and its confirmation.
            application.sentBack(reasons, caller.actor(), now);
            log.info("Application {}: provider answer sent back by {}", id, caller.actor());
            return applications.update(application, List.of());
        }
        ShareApplication.Opinion answer = application.providerOpinion();
        String by = answer.givenBy() + " (confirmed by " + caller.actor() + ", " + deciderCitation() + ")";
        ShareApplication.Decision decision;
        if (answer.approve()) {
            // Checked again: the resource may have changed while the answer waited.
            decision = approval(application, answer.items(), answer.unmaskedItems(), answer.validTo(), answer.reasons(), by,
                    now, "PROVIDER_DECISION", null, null);
            if (answer.legalBasis() != null) {
                decision = withLegalBasis(decision, answer.legalBasis());
            }
        } else {
            decision = new ShareApplication.Decision(false, List.of(), List.of(), null, answer.reasons(), answer.legalBasis(),
                    by, now, null, null, null);
        }
        application.confirmed(caller.actor(), now);
        return takeEffect(application, decision, now);
    }

    private ShareDecider decider(ShareApplication application) {
        // Items in clear of a granted unconditional resource stay the provider approver's (PIPL 34), whoever decides shares.
        return application.type() == ShareApplication.Type.CLEAR_ITEMS ? ShareDecider.PROVIDER
                : profile.conditionalShareDecider().value();
    }

    private static ShareApplication.Opinion opinion(ShareApplication.Decision d, Caller caller, Instant now) {
        return new ShareApplication.Opinion(d.approved(), d.items(), d.unmaskedItems(), d.validTo(), d.reasons(),
                d.legalBasis(), caller.actor(), now);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** QY 24: the provider reports the share in place within the implementation period. */
    ShareApplication implemented(String id, Caller caller) {
        ShareApplication application = applications.get(id);
        SharingAccess.require(SharingAccess.actsFor(caller, application.providerDepartment(), Roles.DEPT_APPROVER,
                Roles.DEPT_DATA_OFFICER), "Only the providing department " + application.providerDepartment()
                + " reports its share implemented");
        requireState(application, ShareApplication.State.APPROVED, "reporting implementation");
        if (application.implementationDueAt() == null || application.implementedAt() != null) {
            throw Refusal.conflict("no-implementation-pending", "Application " + id + " has no implementation pending");
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
            throw Refusal.conflict("not-escalable", "Application " + id + " is " + application.state()
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
            throw Refusal.conflict("clear-items-provider-only", "Application " + id + " asks for personal items "
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
            throw Refusal.invalidField("unmaskedItems", String.join(", ", clearPersonal) + " are personal: only an "
                    + "approver of the providing department decides on delivering them in clear; coordinate them masked");
        }
        application.coordinated("GRANT", request.reasons(), caller.actor(), now, grant);
        deadlines.completed(ApplicationDeadlines.DECISION, id);
        log.info("Application {} granted in coordination by {}", id, caller.actor());
        return settling.settle(applications.update(application, List.of(events.coordinated(application))));
    }

    /**
     * SY 28 (协调处理不成的报市政府决定), QY 48 (联合会商；仍不能解决的报请本级党委或者人民政府决定): the
     * bureau records that its coordination failed and refers the dispute on. Under QY 48 the joint
     * consultation with the establishment office comes before the party committee or government.
     * Where the bureau's coordination is the last step (NT 27) there is nowhere to refer it.
     */
    ShareApplication refer(String id, ApplicationRequests.Referral request, Caller caller) {
        SharingAccess.requireBureau(caller, "refers a dispute it could not settle (SY 28, QY 48)");
        ShareApplication application = applications.get(id);
        DisputeFinalStep ladder = profile.shareDisputeFinalStep().value();
        String citation = disputeCitation();
        if (ladder == DisputeFinalStep.BUREAU_COORDINATION) {
            throw Refusal.conflict("coordination-is-final", "本辖区共享争议由数据主管部门协调解决，协调为最终环节（"
                    + citation + "）: application " + id + " cannot be referred on; settle it with POST /api/sharing/applications/"
                    + id + "/coordination");
        }
        List<ShareApplication.Referral> earlier = application.referrals();
        ApplicationRequests.ReferralStep next;
        if (application.state() == ShareApplication.State.ESCALATED) {
            next = ladder == DisputeFinalStep.JOINT_CONSULTATION_THEN_GOVERNMENT ? ApplicationRequests.ReferralStep.JOINT_CONSULTATION
                    : ApplicationRequests.ReferralStep.GOVERNMENT;
        } else if (application.state() == ShareApplication.State.REFERRED && ladder == DisputeFinalStep.JOINT_CONSULTATION_THEN_GOVERNMENT
                && earlier.size() == 1) {
            next = ApplicationRequests.ReferralStep.GOVERNMENT;
        } else {
            throw Refusal.conflict("wrong-state", "Application " + id + " is " + application.state()
                    + (application.state() == ShareApplication.State.REFERRED ? " to " + earlier.get(earlier.size() - 1).step()
                    + ", the last step (" + citation + "); record its decision at /final-decision"
                    : "; only an escalated dispute the bureau could not settle is referred"));
        }
        if (request.to() != null && request.to() != next) {
            throw Refusal.invalidField("to", "the next step here is " + next + " (" + citation + ": "
                    + ladder.key() + ")");
        }
        application.refer(new ShareApplication.Referral(next.name(), request.reasons().strip(), caller.actor(), now()));
        log.info("Application {}: dispute referred to {} by {}", id, next, caller.actor());
        return applications.update(application, List.of(events.referred(application, citation)));
    }

    /**
     * The bureau records what the body the dispute went to decided, and when; the application is bound
     * to it: GRANT issues the grant (masked personal items: clear delivery stays the provider's), UPHOLD_REFUSAL ends it.
     */
    ShareApplication recordFinalDecision(String id, ApplicationRequests.FinalDecision request, Caller caller) {
        SharingAccess.requireBureau(caller, "records the decision of the body a dispute was referred to (SY 28, QY 48)");
        ShareApplication application = applications.get(id);
        requireState(application, ShareApplication.State.REFERRED, "recording the final decision");
        Instant now = now();
        if (request.decidedOn().isAfter(LocalDate.ofInstant(now, ZoneId.of("Asia/Shanghai")))) {
            throw Refusal.invalidField("decidedOn", "a decision is recorded once taken; " + request.decidedOn()
                    + " lies in the future");
        }
        String citation = disputeCitation();
        String step = application.referrals().get(application.referrals().size() - 1).step();
        var recorded = new ShareApplication.FinalDecision(step, request.decidingBody().strip(), request.outcome().name(),
                request.reasons(), request.decidedOn(), caller.actor(), now);
        ShareApplication.Decision grant = null;
        if (request.outcome() == ApplicationRequests.CoordinationOutcome.GRANT) {
            if (application.type() == ShareApplication.Type.CLEAR_ITEMS) {
                throw Refusal.conflict("clear-items-provider-only", "Application " + id + " asks for personal items "
                        + "in clear; only an approver of the providing department decides that, with a legal basis");
            }
            SharedResource resource = resources.available(application.resourceId());
            List<String> masked = application.unmaskedItems().stream().filter(i -> !resource.isPersonal(i)).toList();
            grant = approval(application, request.items(), masked, request.validTo(), request.reasons(),
                    recorded.decidingBody() + " (" + step + ", " + citation + "; recorded by " + caller.actor() + ")", now,
                    "DISPUTE_DECISION", null, null);
        }
        application.finallyDecided(recorded, grant);
        deadlines.completed(ApplicationDeadlines.DECISION, id);
        log.info("Application {}: {} decided {} on {}", id, recorded.decidingBody(), recorded.outcome(), recorded.decidedOn());
        ShareApplication saved = applications.update(application, List.of(events.disputeDecided(application, citation)));
        return grant == null ? saved : settling.settle(saved);
    }

    private String deciderCitation() {
        var rule = profile.conditionalShareDecider();
        return rule.isRegulated() ? rule.citation() : rule.source().name().toLowerCase().replace('_', ' ');
    }

    private String disputeCitation() {
        var rule = profile.shareDisputeFinalStep();
        return rule.isRegulated() ? rule.citation() : "platform default (" + rule.value().key() + ")";
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
            throw Refusal.conflict("concurrent-change", "Application " + application.id() + " changed meanwhile");
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
            throw Refusal.invalidField("items", "approve at least one item, or refuse");
        }
        for (int i = 0; i < granted.size(); i++) {
            if (!resource.hasItem(granted.get(i))) {
                throw Refusal.invalidField("items[" + i + "]", "'" + granted.get(i)
                        + "' is no longer a data item of resource " + resource.id());
            }
        }
        List<String> clear = unmaskedItems == null ? application.unmaskedItems().stream().filter(granted::contains).toList()
                : SubmittingApplications.checkedItems("unmaskedItems", unmaskedItems, resource,
                application.unmaskedItems().stream().filter(granted::contains).toList());
        Instant until = validTo == null ? application.validTo() : validTo.truncatedTo(ChronoUnit.MILLIS);
        if (until.isAfter(application.validTo())) {
            throw Refusal.invalidField("validTo", "must not be later than the requested " + application.validTo());
        }
        if (!until.isAfter(now)) {
            throw Refusal.invalidField("validTo", "must lie in the future");
        }
        if (application.type() == ShareApplication.Type.RENEWAL) {
            if (!renewable(application, now)) {
                throw Refusal.conflict("grant-ended", "Grant " + application.renewsGrantId()
                        + " ended before this renewal was decided; the consumer must apply again (NT 26)");
            }
            Grant grant = grants.get(application.renewsGrantId());
            if (!until.isAfter(grant.validTo())) {
                throw Refusal.invalidField("validTo", "a renewal extends the grant beyond its current validTo "
                        + grant.validTo());
            }
            // A renewal extends validity; the granted items stay as they are.
            granted = grant.items();
            clear = grant.unmaskedItems();
        }
        if (application.type() == ShareApplication.Type.CLEAR_ITEMS) {
            Grant grant = grants.find(application.renewsGrantId()).filter(g -> g.state().isCurrent() && g.validTo().isAfter(now))
                    .orElseThrow(() -> Refusal.conflict("grant-ended", "Grant " + application.renewsGrantId()
                            + " has ended; there is nothing to deliver in clear"));
            clear = (unmaskedItems == null ? application.unmaskedItems() : clear).stream().filter(grant.items()::contains).toList();
            if (clear.isEmpty()) {
                throw Refusal.invalidField("unmaskedItems", "approve at least one of "
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
            throw Refusal.conflict("wrong-state", "Application " + application.id() + " is "
                    + application.state() + "; " + what + " needs it " + expected);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
