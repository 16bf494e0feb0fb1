package cn.govdata.opendata.application;

import cn.govdata.domain.Refusal;
import cn.govdata.events.OpenDataEventTypes;
import cn.govdata.events.opendata.OpenDataEvents;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;
import cn.govdata.policy.JurisdictionProfile;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The licence of an approved application: the applicant accepts the current data-use agreement and
 * receives an API key (shown once, stored as a SHA-256 hash); the department suspends or revokes the
 * licence, the bureau suspends one whose usage reports are missed repeatedly (QZ 6.7).
 */
@Component
class Licensing {

    private final OpenApplications applications;
    private final ReportingUsage usage;
    private final JurisdictionProfile profile;
    private final DataUseAgreement agreement;
    private final Events events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Licensing(OpenApplications applications, ReportingUsage usage, JurisdictionProfile profile, DataUseAgreement agreement,
              Events events, Clock clock) {
        this.applications = applications;
        this.usage = usage;
        this.profile = profile;
        this.agreement = agreement;
        this.events = events;
        this.clock = clock;
    }

    /** @return the application with its licence and the API key in clear, the only time it is shown */
    IssuedLicence accept(String id, AcceptanceRequest request, Caller caller) {
        OpenApplication application = applications.find(id);
        if (!application.applicantSubject().equals(caller.subject())) {
            throw Refusal.forbidden("Only the applicant accepts the data-use agreement");
        }
        if (!request.accepted()) {
            throw Refusal.invalidField("accepted", "the data-use agreement must be accepted to receive a licence");
        }
        if (!agreement.version().equals(request.agreementVersion())) {
            throw Refusal.conflict("agreement-outdated", "The current data-use agreement is version "
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
            reportDue = usage.registerReportDeadline(application, 1, now).dueAt();
        }
        var licence = new OpenApplication.Licence(licenceId, hash(apiKey), apiKey.substring(0, 8), agreement.version(), now, now,
                null, null, null, reportEvery, reportPeriod, reportDue, reportPeriod == null ? null : 0);
        var event = events.create(OpenDataEventTypes.LICENCE_ISSUED, licenceId, application.department(), application.region(),
                new OpenDataEvents.LicenceIssued(licenceId, id, application.entryId(), application.department(),
                        application.applicant(), agreement.version(), application.commercialUse(), now));
        applications.transition(id, from, new Update().set("state", OpenApplication.State.LICENSED)
                .set("licence", licence), event, "Application " + id + " is not "
                        + (from == OpenApplication.State.AUTHORISED ? "authorised by the technical service unit (QZ 6.5)" : "approved")
                        + ", or already licensed");
        return new IssuedLicence(applications.find(id), apiKey);
    }

    OpenApplication endLicence(String id, boolean revoke, String reasons, Caller caller) {
        boolean bureau = !revoke && caller.isBureau();
        if (!caller.hasRole(Roles.DEPT_APPROVER) && !bureau) {
            throw Refusal.forbidden("Only the department's approver ends a licence; the bureau may suspend one whose usage reports are missed (QZ 6.7)");
        }
        OpenApplication application = applications.find(id);
        boolean departmentApprover = caller.hasRole(Roles.DEPT_APPROVER)
                && caller.departmentCode().map(application.department()::equals).orElse(false);
        if (!departmentApprover && !bureau) {
            throw Refusal.forbidden("Only an approver of " + application.department() + " ends this licence");
        }
        if (reasons == null || reasons.isBlank()) {
            throw Refusal.invalidField("reasons", "say why the licence ends");
        }
        if (application.licence() == null) {
            throw Refusal.conflict("no-licence", "Application " + id + " has no licence");
        }
        if (!departmentApprover) {
            usage.requireRepeatedMisses(application);
        }
        Instant now = clock.instant();
        var payload = new OpenDataEvents.LicenceEnded(application.licence().licenceId(), application.entryId(),
                application.department(), application.applicant(), reasons, caller.actor(), now);
        var event = events.create(revoke ? OpenDataEventTypes.LICENCE_REVOKED : OpenDataEventTypes.LICENCE_SUSPENDED,
                application.licence().licenceId(), application.department(), application.region(), payload);
        Update update = new Update().set("state", revoke ? OpenApplication.State.REVOKED : OpenApplication.State.SUSPENDED)
                .set("licence.endedBy", caller.actor()).set("licence.endedAt", now).set("licence.endReasons", reasons);
        boolean ended = applications.update(Criteria.where("_id").is(id).and("state")
                        .in(revoke ? List.of(OpenApplication.State.LICENSED.name(), OpenApplication.State.SUSPENDED.name())
                                : List.of(OpenApplication.State.LICENSED.name())),
                update.push("outbox", event));
        if (!ended) {
            throw Refusal.conflict("licence-state", "The licence of " + id + " is not in a state to be "
                    + (revoke ? "revoked" : "suspended"));
        }
        return applications.find(id);
    }

    /** The active licence an API key belongs to, for licensed downloads. */
    Optional<OpenApplication> licensed(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            return Optional.empty();
        }
        return applications.findOne(Criteria.where("licence.keyHash").is(hash(apiKey.strip()))
                .and("state").is(OpenApplication.State.LICENSED.name()));
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
