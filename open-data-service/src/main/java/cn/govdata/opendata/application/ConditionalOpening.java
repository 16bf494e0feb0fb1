package cn.govdata.opendata.application;

import cn.govdata.domain.Refusal;
import cn.govdata.events.OpenDataEventTypes;
import cn.govdata.events.opendata.OpenDataEvents;
import cn.govdata.opendata.catalog.Listing;
import cn.govdata.opendata.catalog.Listings;
import cn.govdata.platform.deadline.DeadlineRegistry;
import cn.govdata.platform.deadline.DeadlineRequest;
import cn.govdata.platform.deadline.ExpiryAction;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;
import cn.govdata.policy.ApplicantKind;
import cn.govdata.policy.JurisdictionProfile;
import cn.govdata.policy.OpenApplicationRoute;
import cn.govdata.policy.RuleKey;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Conditional open data: the application, and the department's decision on the statutory deadline.
 * What follows has its own use case: Quanzhou's route through the technical service unit and the bureau
 * ({@link AssessingApplications}), the licence ({@link Licensing}), usage reports ({@link ReportingUsage});
 * commercial use under a selection profile is awarded by {@link SelectionRounds}.
 */
@Component
@EnableConfigurationProperties(DataUseAgreement.class)
class ConditionalOpening {

    static final String PROCESS = "conditional-open";
    static final String DECISION_STEP = "department-decision";

    private final OpenApplications applications;
    private final Listings listings;
    private final DeadlineRegistry deadlines;
    private final JurisdictionProfile profile;
    private final DataUseAgreement agreement;
    private final Events events;
    private final Clock clock;
    private final SelectionRounds rounds;

    ConditionalOpening(OpenApplications applications, Listings listings, DeadlineRegistry deadlines, JurisdictionProfile profile,
                       DataUseAgreement agreement, Events events, Clock clock, SelectionRounds rounds) {
        this.applications = applications;
        this.listings = listings;
        this.deadlines = deadlines;
        this.profile = profile;
        this.agreement = agreement;
        this.events = events;
        this.clock = clock;
        this.rounds = rounds;
    }

    DataUseAgreement agreement() {
        return agreement;
    }

    OpenApplication apply(ApplicationRequest request, Caller caller) {
        if (!caller.hasRole(Roles.PUBLIC_APPLICANT)) {
            throw Refusal.forbidden("Conditional open data is applied for by citizens and organisations (public-applicant)");
        }
        ApplicantKind kind;
        try {
            kind = ApplicantKind.fromKey(request.applicantKind());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalidField("applicantKind", e.getMessage());
        }
        ApplicantRules.check(profile, kind, request.commercialUse());
        Listing listing = listings.find(request.entryId()).filter(l -> !l.isWithdrawn())
                .orElseThrow(() -> Refusal.notFound("Open catalog entry", request.entryId()));
        if (!listing.isConditional()) {
            throw Refusal.conflict("not-conditional", listing.isUnconditional()
                    ? "Entry " + listing.entryId() + " is unconditionally open: download it without applying"
                    : "Entry " + listing.entryId() + " is not open (不予开放): " + listing.openReason() + " ("
                            + listing.openLegalBasis() + ")");
        }
        // NJ 27, QZ 6.6: commercial development is awarded by competitive selection, never first come.
        if (request.commercialUse() && profile.commercialUseBySelection().value()) {
            throw rounds.commercialUseBySelection(request.entryId());
        }
        String id = "ODA-" + UUID.randomUUID();
        Instant now = clock.instant();
        var deadline = deadlines.register(DeadlineRequest.forStep(PROCESS, DECISION_STEP, id)
                .responsible(listing.department(), listing.region())
                .within(now, RuleKey.CONDITIONAL_OPEN_DECISION)
                .onExpiry(ExpiryAction.ESCALATE_TO_BUREAU)
                .remindBefore(Duration.ofDays(1)));
        var event = events.create(OpenDataEventTypes.APPLICATION_SUBMITTED, id, listing.department(), listing.region(),
                new OpenDataEvents.OpenApplicationSubmitted(id, listing.entryId(), listing.department(), caller.actor(),
                        kind.key(), request.purpose(), request.commercialUse(), now, deadline.dueAt()));
        var application = new OpenApplication(id, listing.entryId(), listing.name(), listing.department(), listing.region(),
                caller.actor(), caller.subject(), kind.key(), request.organisation(), request.purpose(), request.scenario(),
                request.safetyMeasures(), request.commercialUse(), OpenApplication.State.SUBMITTED, now, deadline.dueAt(),
                deadline.ruleCitation() != null ? deadline.ruleCitation() : deadline.ruleSource(), false, null, null, null, null,
                List.of(), profile.conditionalOpenRoute().value().key(), null, null, null, null);
        applications.insert(application, event);
        return application;
    }

    OpenApplication decide(String id, DecisionRequest request, Caller caller) {
        OpenApplication application = applications.find(id);
        if (!caller.hasRole(Roles.DEPT_APPROVER) || !caller.departmentCode().map(application.department()::equals).orElse(false)) {
            throw Refusal.forbidden("Only an approver of " + application.department() + " decides this application");
        }
        if (application.bureauRoute()) {
            var route = profile.conditionalOpenRoute();
            throw new Refusal(Refusal.Kind.CONFLICT, "conditional-open-route", "Decided by the bureau",
                    "依照%s，有条件开放申请由数据管理机构委托技术服务单位评估需求合理性，经数据管理机构确认后授权；数据提供部门不作决定（%s）"
                            .formatted(route.citation(), route.note()),
                    Map.of("route", route.value().key(), "rule", route.citation()));
        }
        boolean approve = request.approve();
        if (!approve && (request.reasons() == null || request.reasons().isBlank())) {
            throw Refusal.invalidField("reasons", "a refusal must give its reasons (NJ 27, SY 34)");
        }
        Instant now = clock.instant();
        String outcome = approve ? "APPROVED" : "REJECTED";
        var event = events.create(OpenDataEventTypes.APPLICATION_DECIDED, id, application.department(), application.region(),
                new OpenDataEvents.OpenApplicationDecided(id, application.entryId(), application.department(),
                        application.applicant(), outcome, request.reasons(), caller.actor(), now));
        applications.transition(id, OpenApplication.State.SUBMITTED, new Update()
                .set("state", approve ? OpenApplication.State.APPROVED : OpenApplication.State.REJECTED)
                .set("decidedBy", caller.actor()).set("decidedAt", now).set("reasons", request.reasons()), event,
                "Application " + id + " was decided already");
        deadlines.complete(PROCESS, DECISION_STEP, id);
        return applications.find(id);
    }

    OpenApplication view(String id, Caller caller) {
        OpenApplication application = applications.find(id);
        boolean applicant = application.applicantSubject().equals(caller.subject());
        boolean department = caller.departmentCode().map(application.department()::equals).orElse(false);
        // The technical service unit reads what it assesses and authorises: applications on Quanzhou's route (QZ 6.5).
        boolean unit = caller.isOperator() && application.bureauRoute();
        if (!applicant && !department && !caller.isBureau() && !unit) {
            throw Refusal.forbidden("Not your application");
        }
        return application;
    }

    /** @param state on Quanzhou's route the bureau and the technical service unit list what waits for them (QZ 6.5) */
    List<OpenApplication> list(Caller caller, OpenApplication.State state) {
        Criteria criteria;
        if (caller.isBureau() && state != null) {
            criteria = Criteria.where("state").is(state.name());
        } else if (caller.isOperator() && state != null) {
            criteria = Criteria.where("state").is(state.name()).and("route").is(OpenApplicationRoute.BUREAU_WITH_TECHNICAL_ASSESSMENT.key());
        } else if (caller.hasRole(Roles.DEPT_APPROVER) && caller.departmentCode().isPresent()) {
            criteria = Criteria.where("department").is(caller.departmentCode().get());
        } else {
            criteria = Criteria.where("applicantSubject").is(caller.subject());
        }
        return applications.find(criteria, Sort.by(Sort.Direction.DESC, "submittedAt"), 200);
    }
}
