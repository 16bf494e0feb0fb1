package cn.govdata.opendata.application;

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
import java.util.Optional;
import java.util.UUID;

/**
 * Conditional open data: application → department decision on the statutory deadline → data-use
 * agreement accepted → licence with an API key (shown once, stored as a SHA-256 hash).
 */
@Component
@EnableConfigurationProperties(DataUseAgreement.class)
class ConditionalOpening {

    static final String PROCESS = "conditional-open";
    static final String DECISION_STEP = "department-decision";

    private final MongoTemplate mongo;
    private final Listings listings;
    private final DeadlineRegistry deadlines;
    private final JurisdictionProfile profile;
    private final DataUseAgreement agreement;
    private final Events events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ConditionalOpening(MongoTemplate mongo, Listings listings, DeadlineRegistry deadlines, JurisdictionProfile profile,
                       DataUseAgreement agreement, Events events, Clock clock) {
        this.mongo = mongo;
        // Every call with an API key looks its licence up by the key's hash; only licensed applications carry one.
        mongo.indexOps(OpenApplicationDocument.COLLECTION).createIndex(new Index().on("licence.keyHash", Sort.Direction.ASC).sparse());
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
                List.of());
        mongo.insert(OpenApplicationDocument.from(application, List.of(event)));
        return application;
    }

    OpenApplication decide(String id, DecisionRequest request, Caller caller) {
        OpenApplication application = find(id);
        if (!caller.hasRole(Roles.DEPT_APPROVER) || !caller.departmentCode().map(application.department()::equals).orElse(false)) {
            throw PlatformException.forbidden("Only an approver of " + application.department() + " decides this application");
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
        var licence = new OpenApplication.Licence(licenceId, hash(apiKey), apiKey.substring(0, 8), agreement.version(), now, now,
                null, null, null);
        var event = events.create(OpenDataEventTypes.LICENCE_ISSUED, licenceId, application.department(), application.region(),
                new OpenDataEvents.LicenceIssued(licenceId, id, application.entryId(), application.department(),
                        application.applicant(), agreement.version(), application.commercialUse(), now));
        transition(id, OpenApplication.State.APPROVED, new Update().set("state", OpenApplication.State.LICENSED)
                .set("licence", licence), event, "Application " + id + " is not approved, or already licensed");
        return new IssuedLicence(find(id), apiKey);
    }

    OpenApplication endLicence(String id, boolean revoke, String reasons, Caller caller) {
        OpenApplication application = find(id);
        if (!caller.hasRole(Roles.DEPT_APPROVER) || !caller.departmentCode().map(application.department()::equals).orElse(false)) {
            throw PlatformException.forbidden("Only an approver of " + application.department() + " ends this licence");
        }
        if (reasons == null || reasons.isBlank()) {
            throw PlatformException.invalidField("reasons", "say why the licence ends");
        }
        if (application.licence() == null) {
            throw PlatformException.conflict("no-licence", "Application " + id + " has no licence");
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

    /** Licensees report their use of the data (QZ 6.7); kept with the licence for the department to review. */
    OpenApplication reportUsage(String id, UsageReportRequest request, Caller caller) {
        OpenApplication application = find(id);
        if (!application.applicantSubject().equals(caller.subject())) {
            throw PlatformException.forbidden("Only the licensee reports usage");
        }
        var report = new OpenApplication.UsageReport(request.period(), request.summary(),
                request.products() == null ? List.of() : request.products(), caller.actor(), clock.instant());
        var result = mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("state").in(
                        OpenApplication.State.LICENSED.name(), OpenApplication.State.SUSPENDED.name())),
                new Update().push("usageReports", report), OpenApplicationDocument.COLLECTION);
        if (result.getModifiedCount() != 1) {
            throw PlatformException.conflict("no-licence", "Application " + id + " holds no licence to report on");
        }
        return find(id);
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
        if (!applicant && !department && !caller.hasRole(Roles.BUREAU_REVIEWER)) {
            throw PlatformException.forbidden("Not your application");
        }
        return application;
    }

    List<OpenApplication> list(Caller caller) {
        Criteria criteria = caller.hasRole(Roles.DEPT_APPROVER) && caller.departmentCode().isPresent()
                ? Criteria.where("department").is(caller.departmentCode().get())
                : Criteria.where("applicantSubject").is(caller.subject());
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
