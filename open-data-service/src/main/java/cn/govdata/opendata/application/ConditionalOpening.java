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
import cn.govdata.platform.outbox.OutboxMessage;
import cn.govdata.platform.problem.PlatformException;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;
import cn.govdata.policy.ApplicantKind;
import cn.govdata.policy.JurisdictionProfile;
import cn.govdata.policy.OpenApplicationRoute;
import cn.govdata.policy.RuleKey;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Conditional open data: application → department decision on the statutory deadline → data-use
 * agreement accepted → licence with an API key (shown once, stored as a SHA-256 hash).
 */
@Component
@EnableConfigurationProperties({DataUseAgreement.class, UsageReportSettings.class})
class ConditionalOpening {

    static final String PROCESS = "conditional-open";
    static final String DECISION_STEP = "department-decision";
    /** One deadline per reporting period of a licence (QZ 6.7); subject {@code <application id>#<period>}. */
    static final String USAGE_REPORT_STEP = "usage-report";

    private final MongoTemplate mongo;
    private final Listings listings;
    private final DeadlineRegistry deadlines;
    private final JurisdictionProfile profile;
    private final DataUseAgreement agreement;
    private final Events events;
    private final Clock clock;
    private final SelectionRounds rounds;
    private final UsageReportSettings usageReports;
    private final SecureRandom random = new SecureRandom();

    ConditionalOpening(MongoTemplate mongo, Listings listings, DeadlineRegistry deadlines, JurisdictionProfile profile,
                       DataUseAgreement agreement, Events events, Clock clock, SelectionRounds rounds,
                       UsageReportSettings usageReports) {
        this.mongo = mongo;
        // Every call with an API key looks its licence up by the key's hash; only licensed applications carry one.
        mongo.indexOps(OpenApplicationDocument.COLLECTION).createIndex(new Index().on("licence.keyHash", Sort.Direction.ASC).sparse());
        // The bureau's list of licences with reports due (QZ 6.7); only licences that must report carry a due time.
        mongo.indexOps(OpenApplicationDocument.COLLECTION).createIndex(new Index().on("licence.nextReportDueAt", Sort.Direction.ASC).sparse());
        // Applicants list their own applications, departments theirs, newest first.
        mongo.indexOps(OpenApplicationDocument.COLLECTION).createIndex(new Index().on("applicantSubject", Sort.Direction.ASC)
                .on("submittedAt", Sort.Direction.DESC));
        mongo.indexOps(OpenApplicationDocument.COLLECTION).createIndex(new Index().on("department", Sort.Direction.ASC)
                .on("submittedAt", Sort.Direction.DESC));
        mongo.indexOps(OpenApplicationDocument.COLLECTION).createIndex(new Index().on("state", Sort.Direction.ASC)
                .on("submittedAt", Sort.Direction.DESC));
        this.rounds = rounds;
        this.usageReports = usageReports;
        this.listings = listings;
        this.deadlines = deadlines;
        this.profile = profile;
        this.agreement = agreement;
        this.events = events;
        this.clock = clock;
    }

    DataUseAgreement agreement() {
        return agreement;
    }

    OpenApplication apply(ApplicationRequest request, Caller caller) {
        if (!caller.hasRole(Roles.PUBLIC_APPLICANT)) {
            throw PlatformException.forbidden("Conditional open data is applied for by citizens and organisations (public-applicant)");
        }
        ApplicantKind kind;
        try {
            kind = ApplicantKind.fromKey(request.applicantKind());
        } catch (IllegalArgumentException e) {
            throw PlatformException.invalidField("applicantKind", e.getMessage());
        }
        ApplicantRules.check(profile, kind, request.commercialUse());
        Listing listing = listings.find(request.entryId()).filter(l -> !l.isWithdrawn())
                .orElseThrow(() -> PlatformException.notFound("Open catalog entry", request.entryId()));
        if (!listing.isConditional()) {
            throw PlatformException.conflict("not-conditional", listing.isUnconditional()
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
        mongo.insert(OpenApplicationDocument.from(application, List.of(event)));
        return application;
    }

    OpenApplication decide(String id, DecisionRequest request, Caller caller) {
        OpenApplication application = find(id);
        if (!caller.hasRole(Roles.DEPT_APPROVER) || !caller.departmentCode().map(application.department()::equals).orElse(false)) {
            throw PlatformException.forbidden("Only an approver of " + application.department() + " decides this application");
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
            throw PlatformException.invalidField("reasons", "a refusal must give its reasons (NJ 27, SY 34)");
        }
        Instant now = clock.instant();
        String outcome = approve ? "APPROVED" : "REJECTED";
        var event = events.create(OpenDataEventTypes.APPLICATION_DECIDED, id, application.department(), application.region(),
                new OpenDataEvents.OpenApplicationDecided(id, application.entryId(), application.department(),
                        application.applicant(), outcome, request.reasons(), caller.actor(), now));
        transition(id, OpenApplication.State.SUBMITTED, new Update()
                .set("state", approve ? OpenApplication.State.APPROVED : OpenApplication.State.REJECTED)
                .set("decidedBy", caller.actor()).set("decidedAt", now).set("reasons", request.reasons()), event,
                "Application " + id + " was decided already");
        deadlines.complete(PROCESS, DECISION_STEP, id);
        return find(id);
    }

    /**
     * Quanzhou (QZ 6.5): the technical service unit (the platform operator) assesses whether the need is
     * reasonable and reports to the bureau. An unreasonable need goes back to the applicant, who adjusts it
     * with the bureau and applies again; a reasonable one waits for the bureau's confirmation.
     */
    OpenApplication assess(String id, AssessmentRequest request, Caller caller) {
        if (!caller.hasRole(Roles.PLATFORM_OPERATOR)) {
            throw PlatformException.forbidden("The technical service unit (platform-operator) assesses open data applications (QZ 6.5)");
        }
        OpenApplication application = bureauRouted(id);
        Instant now = clock.instant();
        var assessment = new OpenApplication.Assessment(request.reasonable(), request.report(), caller.actor(), now);
        var event = events.create(OpenDataEventTypes.APPLICATION_ASSESSED, id, application.department(), application.region(),
                new OpenDataEvents.OpenApplicationAssessed(id, application.entryId(), application.department(),
                        application.applicant(), request.reasonable(), request.report(), caller.actor(), now));
        Update update = new Update().set("state", request.reasonable() ? OpenApplication.State.ASSESSED : OpenApplication.State.RETURNED)
                .set("assessment", assessment);
        if (!request.reasonable()) {
            update.set("reasons", "开放需求评估不合理，请与数据管理机构协商调整后重新申请（QZ 6.5）：" + request.report());
        }
        transition(id, OpenApplication.State.SUBMITTED, update, event, "Application " + id + " was assessed already");
        if (!request.reasonable()) {
            // The application is closed; the applicant files an adjusted one, with its own period.
            deadlines.cancel(PROCESS, DECISION_STEP, id);
        }
        return find(id);
    }

    /**
     * Quanzhou (QZ 6.5): the bureau confirms a reasonable need (optionally with adjustments, kept as the
     * reasons), or stops the authorisation, with reasons.
     */
    OpenApplication confirm(String id, DecisionRequest request, Caller caller) {
        if (!caller.hasRole(Roles.BUREAU_REVIEWER)) {
            throw PlatformException.forbidden("The data management agency (bureau-reviewer) confirms open data applications (QZ 6.5)");
        }
        OpenApplication application = bureauRouted(id);
        boolean approve = request.approve();
        if (!approve && (request.reasons() == null || request.reasons().isBlank())) {
            throw PlatformException.invalidField("reasons", "停止授权须说明理由（QZ 6.5）");
        }
        Instant now = clock.instant();
        var event = events.create(OpenDataEventTypes.APPLICATION_DECIDED, id, application.department(), application.region(),
                new OpenDataEvents.OpenApplicationDecided(id, application.entryId(), application.department(),
                        application.applicant(), approve ? "APPROVED" : "REJECTED", request.reasons(), caller.actor(), now));
        transition(id, OpenApplication.State.ASSESSED, new Update()
                        .set("state", approve ? OpenApplication.State.APPROVED : OpenApplication.State.REJECTED)
                        .set("decidedBy", caller.actor()).set("decidedAt", now).set("reasons", request.reasons()), event,
                "Application " + id + " is not awaiting the bureau's confirmation (assessed as reasonable, not yet confirmed)");
        deadlines.complete(PROCESS, DECISION_STEP, id);
        return find(id);
    }

    /** Quanzhou (QZ 6.5): after the bureau confirmed, the technical service unit opens the interface to the applicant. */
    OpenApplication authorise(String id, Caller caller) {
        if (!caller.hasRole(Roles.PLATFORM_OPERATOR)) {
            throw PlatformException.forbidden("The technical service unit (platform-operator) authorises the interface (QZ 6.5)");
        }
        OpenApplication application = bureauRouted(id);
        Instant now = clock.instant();
        var event = events.create(OpenDataEventTypes.APPLICATION_AUTHORISED, id, application.department(), application.region(),
                new OpenDataEvents.OpenApplicationAuthorised(id, application.entryId(), application.department(),
                        application.applicant(), caller.actor(), now));
        transition(id, OpenApplication.State.APPROVED, new Update().set("state", OpenApplication.State.AUTHORISED)
                .set("authorisedBy", caller.actor()).set("authorisedAt", now), event,
                "Application " + id + " is not confirmed by the bureau, or authorised already");
        return find(id);
    }

    private OpenApplication bureauRouted(String id) {
        OpenApplication application = find(id);
        if (!application.bureauRoute()) {
            var route = profile.conditionalOpenRoute();
            throw new Refusal(Refusal.Kind.CONFLICT, "conditional-open-route", "Decided by the department",
                    "本申请由数据提供部门受理并答复（%s），不经技术服务单位评估和数据管理机构确认".formatted(
                            route.isRegulated() ? route.citation() : "平台默认"),
                    Map.of("route", OpenApplicationRoute.DEPARTMENT.key()));
        }
        return application;
    }

    /** The application a selection round's result creates for the selected organisation (NJ 27, QZ 6.6), approved. */
    OpenApplication selected(String id, Listing listing, SelectionRound round, SelectionRound.Bid bid, String reasons,
                             Caller bureau, Instant now) {
        var application = new OpenApplication(id, listing.entryId(), listing.name(), listing.department(), listing.region(),
                bid.applicant(), bid.applicantSubject(), bid.applicantKind(), bid.organisation(), bid.proposal(),
                "竞争性选择 " + round.id() + "（商业开发利用）", bid.safetyMeasures(), true, OpenApplication.State.APPROVED, now, null,
                profile.commercialUseBySelection().citation(), false, bureau.actor(), now, reasons, null, List.of(),
                profile.conditionalOpenRoute().value().key(), null, null, null, round.id());
        var event = events.create(OpenDataEventTypes.APPLICATION_DECIDED, id, listing.department(), listing.region(),
                new OpenDataEvents.OpenApplicationDecided(id, listing.entryId(), listing.department(), bid.applicant(),
                        "APPROVED", reasons, bureau.actor(), now));
        try {
            mongo.insert(OpenApplicationDocument.from(application, List.of(event)));
        } catch (org.springframework.dao.DuplicateKeyException recorded) {
            // The result was recorded before and its round update did not land: the same selection may finish it.
            OpenApplication existing = find(id);
            if (!bid.applicantSubject().equals(existing.applicantSubject())) {
                throw PlatformException.conflict("selection-decided", "Round " + round.id() + " selected another applicant already");
            }
            return existing;
        }
        return application;
    }

    /** @return the application with its licence and the API key in clear, the only time it is shown */
    IssuedLicence accept(String id, AcceptanceRequest request, Caller caller) {
        OpenApplication application = find(id);
        if (!application.applicantSubject().equals(caller.subject())) {
            throw PlatformException.forbidden("Only the applicant accepts the data-use agreement");
        }
        if (!request.accepted()) {
            throw PlatformException.invalidField("accepted", "the data-use agreement must be accepted to receive a licence");
        }
        if (!agreement.version().equals(request.agreementVersion())) {
            throw PlatformException.conflict("agreement-outdated", "The current data-use agreement is version "
                    + agreement.version() + "; read and accept that one");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String apiKey = "odk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String licenceId = "ODL-" + UUID.randomUUID();
        Instant now = clock.instant();
        OpenApplication.State from = application.bureauRoute() ? OpenApplication.State.AUTHORISED : OpenApplication.State.APPROVED;
        String reportEvery = null;
        Integer reportPeriod = null;
        Instant reportDue = null;
        if (profile.licenceUsageReports().value()) {
            // Registered before the licence is written: idempotent per application, so a refused repeat changes nothing.
            reportEvery = profile.licenceUsageReportInterval().value().toString();
            reportPeriod = 1;
            reportDue = registerReportDeadline(application, 1, now).dueAt();
        }
        var licence = new OpenApplication.Licence(licenceId, hash(apiKey), apiKey.substring(0, 8), agreement.version(), now, now,
                null, null, null, reportEvery, reportPeriod, reportDue, reportPeriod == null ? null : 0);
        var event = events.create(OpenDataEventTypes.LICENCE_ISSUED, licenceId, application.department(), application.region(),
                new OpenDataEvents.LicenceIssued(licenceId, id, application.entryId(), application.department(),
                        application.applicant(), agreement.version(), application.commercialUse(), now));
        transition(id, from, new Update().set("state", OpenApplication.State.LICENSED)
                .set("licence", licence), event, "Application " + id + " is not "
                        + (from == OpenApplication.State.AUTHORISED ? "authorised by the technical service unit (QZ 6.5)" : "approved")
                        + ", or already licensed");
        return new IssuedLicence(find(id), apiKey);
    }

    OpenApplication endLicence(String id, boolean revoke, String reasons, Caller caller) {
        boolean bureau = !revoke && caller.hasRole(Roles.BUREAU_REVIEWER);
        if (!caller.hasRole(Roles.DEPT_APPROVER) && !bureau) {
            throw PlatformException.forbidden("Only the department's approver ends a licence; the bureau may suspend one whose usage reports are missed (QZ 6.7)");
        }
        OpenApplication application = find(id);
        boolean departmentApprover = caller.hasRole(Roles.DEPT_APPROVER)
                && caller.departmentCode().map(application.department()::equals).orElse(false);
        if (!departmentApprover && !bureau) {
            throw PlatformException.forbidden("Only an approver of " + application.department() + " ends this licence");
        }
        if (reasons == null || reasons.isBlank()) {
            throw PlatformException.invalidField("reasons", "say why the licence ends");
        }
        if (application.licence() == null) {
            throw PlatformException.conflict("no-licence", "Application " + id + " has no licence");
        }
        if (!departmentApprover) {
            requireRepeatedMisses(application);
        }
        Instant now = clock.instant();
        var payload = new OpenDataEvents.LicenceEnded(application.licence().licenceId(), application.entryId(),
                application.department(), application.applicant(), reasons, caller.actor(), now);
        var event = events.create(revoke ? OpenDataEventTypes.LICENCE_REVOKED : OpenDataEventTypes.LICENCE_SUSPENDED,
                application.licence().licenceId(), application.department(), application.region(), payload);
        Update update = new Update().set("state", revoke ? OpenApplication.State.REVOKED : OpenApplication.State.SUSPENDED)
                .set("licence.endedBy", caller.actor()).set("licence.endedAt", now).set("licence.endReasons", reasons);
        var result = mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("state")
                        .in(revoke ? List.of(OpenApplication.State.LICENSED.name(), OpenApplication.State.SUSPENDED.name())
                                : List.of(OpenApplication.State.LICENSED.name()))),
                update.push("outbox", event), OpenApplicationDocument.COLLECTION);
        if (result.getModifiedCount() != 1) {
            throw PlatformException.conflict("licence-state", "The licence of " + id + " is not in a state to be "
                    + (revoke ? "revoked" : "suspended"));
        }
        return find(id);
    }

    /**
     * Licensees report their use of the data: what they developed and the products, each citing the
     * data's source and acquisition date (QZ 6.7). Where reports are required, a report answers the period
     * now running and starts the next one, counted from the end of this one.
     */
    OpenApplication reportUsage(String id, UsageReportRequest request, Caller caller) {
        OpenApplication application = find(id);
        if (!application.applicantSubject().equals(caller.subject())) {
            throw PlatformException.forbidden("Only the licensee reports usage");
        }
        List<OpenApplication.Product> products = request.products() == null ? List.of() : request.products().stream()
                .map(p -> new OpenApplication.Product(p.name(), p.source(), p.acquiredOn())).toList();
        var licence = application.licence();
        Integer period = licence == null ? null : licence.reportPeriod();
        var report = new OpenApplication.UsageReport(request.period(), request.summary(),
                products.stream().map(OpenApplication.Product::name).toList(), products, caller.actor(), clock.instant(), period);
        Criteria criteria = Criteria.where("_id").is(id).and("state").in(
                OpenApplication.State.LICENSED.name(), OpenApplication.State.SUSPENDED.name());
        Update update = new Update().push("usageReports", report);
        if (period != null) {
            // The period's deadline counts from the end of the one answered, so reporting early does not shift the schedule.
            var next = registerReportDeadline(application, period + 1, licence.nextReportDueAt());
            criteria = criteria.and("licence.reportPeriod").is(period);
            update.set("licence.reportPeriod", period + 1).set("licence.nextReportDueAt", next.dueAt());
        }
        var result = mongo.updateFirst(Query.query(criteria), update, OpenApplicationDocument.COLLECTION);
        if (result.getModifiedCount() != 1) {
            throw PlatformException.conflict(licence == null ? "no-licence" : "usage-report-period",
                    licence == null ? "Application " + id + " holds no licence to report on"
                            : "The licence of " + id + " is not active, or its reporting period changed meanwhile; reload and report again");
        }
        if (period != null) {
            deadlines.complete(PROCESS, USAGE_REPORT_STEP, reportSubject(id, period));
        }
        return find(id);
    }

    private cn.govdata.platform.deadline.Deadline registerReportDeadline(OpenApplication application, int period, Instant from) {
        return deadlines.register(DeadlineRequest.forStep(PROCESS, USAGE_REPORT_STEP, reportSubject(application.id(), period))
                .responsible(application.department(), application.region())
                .within(from, RuleKey.LICENCE_USAGE_REPORT_INTERVAL)
                .onExpiry(ExpiryAction.MARK_OVERDUE)
                .remindBefore(Duration.ofDays(7)));
    }

    static String reportSubject(String applicationId, int period) {
        return applicationId + "#" + period;
    }

    /**
     * A reporting period passed without a report (QZ 6.7): counted on the licence, and the next period
     * starts from the end of the missed one. Idempotent: only the licence still in that period is changed.
     */
    void reportMissed(String subject, Instant dueAt) {
        int hash = subject.lastIndexOf('#');
        if (hash < 0) {
            return;
        }
        String id = subject.substring(0, hash);
        int period = Integer.parseInt(subject.substring(hash + 1));
        OpenApplication application = Optional.ofNullable(mongo.findById(id, OpenApplicationDocument.class))
                .map(OpenApplicationDocument::toDomain).orElse(null);
        if (application == null || application.licence() == null || !Integer.valueOf(period).equals(application.licence().reportPeriod())) {
            return;
        }
        var next = registerReportDeadline(application, period + 1, dueAt);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("licence.reportPeriod").is(period)),
                new Update().inc("licence.missedReports", 1).set("licence.reportPeriod", period + 1)
                        .set("licence.nextReportDueAt", next.dueAt()), OpenApplicationDocument.COLLECTION);
    }

    private void requireRepeatedMisses(OpenApplication application) {
        var rule = profile.licenceUsageReports();
        if (!rule.value()) {
            throw PlatformException.forbidden("本地区不要求被授权方报告数据利用情况，由数据提供部门决定暂停授权");
        }
        int misses = application.licence().misses();
        if (misses < usageReports.missesBeforeSuspension()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "usage-reports-not-missed", "Usage reports not missed repeatedly",
                    "被授权方已漏报 %d 次开发利用情况，达到 %d 次后数据管理机构方可暂停授权（%s）".formatted(misses,
                            usageReports.missesBeforeSuspension(), rule.citation()),
                    Map.of("missedReports", misses, "missesBeforeSuspension", usageReports.missesBeforeSuspension(),
                            "rule", rule.citation()));
        }
    }

    /** Licences that must report (QZ 6.7), earliest due first, with overdue ones flagged, for the bureau. */
    UsageReportDesk dueReports(Caller caller) {
        if (!caller.hasRole(Roles.BUREAU_REVIEWER)) {
            throw PlatformException.forbidden("The data management agency (bureau-reviewer) follows licensees' usage reports (QZ 6.7)");
        }
        Instant now = clock.instant();
        var licences = mongo.find(Query.query(Criteria.where("licence.nextReportDueAt").exists(true).and("state")
                                .in(OpenApplication.State.LICENSED.name(), OpenApplication.State.SUSPENDED.name()))
                        .with(Sort.by(Sort.Direction.ASC, "licence.nextReportDueAt")).limit(500), OpenApplicationDocument.class)
                .stream().map(OpenApplicationDocument::toDomain).map(a -> {
                    var l = a.licence();
                    int reports = a.usageReports() == null ? 0 : a.usageReports().size();
                    return new UsageReportDesk.Row(l.licenceId(), a.id(), a.entryId(), a.datasetName(), a.department(),
                            a.organisation(), a.state().name(), l.reportEvery(), l.reportPeriod(), l.nextReportDueAt(),
                            l.nextReportDueAt().isBefore(now), l.misses(), reports,
                            a.state() == OpenApplication.State.LICENSED && l.misses() >= usageReports.missesBeforeSuspension());
                }).toList();
        return new UsageReportDesk(profile.licenceUsageReports().citation(), usageReports.missesBeforeSuspension(),
                licences.stream().filter(UsageReportDesk.Row::overdue).count(),
                licences.stream().mapToLong(UsageReportDesk.Row::missedReports).sum(), licences);
    }

    /** The active licence an API key belongs to, for licensed downloads. */
    Optional<OpenApplication> licensed(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("licence.keyHash").is(hash(apiKey.strip()))
                .and("state").is(OpenApplication.State.LICENSED.name())), OpenApplicationDocument.class))
                .map(OpenApplicationDocument::toDomain);
    }

    OpenApplication view(String id, Caller caller) {
        OpenApplication application = find(id);
        boolean applicant = application.applicantSubject().equals(caller.subject());
        boolean department = caller.departmentCode().map(application.department()::equals).orElse(false);
        // The technical service unit reads what it assesses and authorises: applications on Quanzhou's route (QZ 6.5).
        boolean unit = caller.hasRole(Roles.PLATFORM_OPERATOR) && application.bureauRoute();
        if (!applicant && !department && !caller.hasRole(Roles.BUREAU_REVIEWER) && !unit) {
            throw PlatformException.forbidden("Not your application");
        }
        return application;
    }

    /** @param state on Quanzhou's route the bureau and the technical service unit list what waits for them (QZ 6.5) */
    List<OpenApplication> list(Caller caller, OpenApplication.State state) {
        Criteria criteria;
        if (caller.hasRole(Roles.BUREAU_REVIEWER) && state != null) {
            criteria = Criteria.where("state").is(state.name());
        } else if (caller.hasRole(Roles.PLATFORM_OPERATOR) && state != null) {
            criteria = Criteria.where("state").is(state.name()).and("route").is(OpenApplicationRoute.BUREAU_WITH_TECHNICAL_ASSESSMENT.key());
        } else if (caller.hasRole(Roles.DEPT_APPROVER) && caller.departmentCode().isPresent()) {
            criteria = Criteria.where("department").is(caller.departmentCode().get());
        } else {
            criteria = Criteria.where("applicantSubject").is(caller.subject());
        }
        return mongo.find(Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "submittedAt")).limit(200),
                OpenApplicationDocument.class).stream().map(OpenApplicationDocument::toDomain).toList();
    }

    private void transition(String id, OpenApplication.State from, Update update, OutboxMessage event, String conflict) {
        var result = mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("state").is(from.name())),
                update.push("outbox", event), OpenApplicationDocument.COLLECTION);
        if (result.getModifiedCount() != 1) {
            throw PlatformException.conflict("application-state", conflict);
        }
    }

    private OpenApplication find(String id) {
        return Optional.ofNullable(mongo.findById(id, OpenApplicationDocument.class)).map(OpenApplicationDocument::toDomain)
                .orElseThrow(() -> PlatformException.notFound("Open data application", id));
    }

    static String hash(String apiKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record IssuedLicence(OpenApplication application, String apiKey) {
    }
}
