package cn.govdata.opendata.application;

import cn.govdata.domain.Refusal;
import cn.govdata.events.OpenDataEventTypes;
import cn.govdata.events.opendata.OpenDataEvents;
import cn.govdata.platform.deadline.DeadlineRegistry;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.security.Caller;
import cn.govdata.policy.JurisdictionProfile;
import cn.govdata.policy.OpenApplicationRoute;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Quanzhou's route for conditional open data (QZ 6.5): the technical service unit (the platform
 * operator) assesses whether the need is reasonable, the bureau confirms or stops the authorisation,
 * and the unit then authorises the interface. Applications filed on the department's route are refused
 * here; the department decides them in {@link ConditionalOpening}.
 */
@Component
class AssessingApplications {

    private final OpenApplications applications;
    private final DeadlineRegistry deadlines;
    private final JurisdictionProfile profile;
    private final Events events;
    private final Clock clock;

    AssessingApplications(OpenApplications applications, DeadlineRegistry deadlines, JurisdictionProfile profile, Events events,
                          Clock clock) {
        this.applications = applications;
        this.deadlines = deadlines;
        this.profile = profile;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Quanzhou (QZ 6.5): the technical service unit (the platform operator) assesses whether the need is
     * reasonable and reports to the bureau. An unreasonable need goes back to the applicant, who adjusts it
     * with the bureau and applies again; a reasonable one waits for the bureau's confirmation.
     */
    OpenApplication assess(String id, AssessmentRequest request, Caller caller) {
        if (!caller.isOperator()) {
            throw Refusal.forbidden("The technical service unit (platform-operator) assesses open data applications (QZ 6.5)");
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
        applications.transition(id, OpenApplication.State.SUBMITTED, update, event, "Application " + id + " was assessed already");
        if (!request.reasonable()) {
            // The application is closed; the applicant files an adjusted one, with its own period.
            deadlines.cancel(ConditionalOpening.PROCESS, ConditionalOpening.DECISION_STEP, id);
        }
        return applications.find(id);
    }

    /**
     * Quanzhou (QZ 6.5): the bureau confirms a reasonable need (optionally with adjustments, kept as the
     * reasons), or stops the authorisation, with reasons.
     */
    OpenApplication confirm(String id, DecisionRequest request, Caller caller) {
        if (!caller.isBureau()) {
            throw Refusal.forbidden("The data management agency (bureau-reviewer) confirms open data applications (QZ 6.5)");
        }
        OpenApplication application = bureauRouted(id);
        boolean approve = request.approve();
        if (!approve && (request.reasons() == null || request.reasons().isBlank())) {
            throw Refusal.invalidField("reasons", "停止授权须说明理由（QZ 6.5）");
        }
        Instant now = clock.instant();
        var event = events.create(OpenDataEventTypes.APPLICATION_DECIDED, id, application.department(), application.region(),
                new OpenDataEvents.OpenApplicationDecided(id, application.entryId(), application.department(),
                        application.applicant(), approve ? "APPROVED" : "REJECTED", request.reasons(), caller.actor(), now));
        applications.transition(id, OpenApplication.State.ASSESSED, new Update()
                        .set("state", approve ? OpenApplication.State.APPROVED : OpenApplication.State.REJECTED)
                        .set("decidedBy", caller.actor()).set("decidedAt", now).set("reasons", request.reasons()), event,
                "Application " + id + " is not awaiting the bureau's confirmation (assessed as reasonable, not yet confirmed)");
        deadlines.complete(ConditionalOpening.PROCESS, ConditionalOpening.DECISION_STEP, id);
        return applications.find(id);
    }

    /** Quanzhou (QZ 6.5): after the bureau confirmed, the technical service unit opens the interface to the applicant. */
    OpenApplication authorise(String id, Caller caller) {
        if (!caller.isOperator()) {
            throw Refusal.forbidden("The technical service unit (platform-operator) authorises the interface (QZ 6.5)");
        }
        OpenApplication application = bureauRouted(id);
        Instant now = clock.instant();
        var event = events.create(OpenDataEventTypes.APPLICATION_AUTHORISED, id, application.department(), application.region(),
                new OpenDataEvents.OpenApplicationAuthorised(id, application.entryId(), application.department(),
                        application.applicant(), caller.actor(), now));
        applications.transition(id, OpenApplication.State.APPROVED, new Update().set("state", OpenApplication.State.AUTHORISED)
                .set("authorisedBy", caller.actor()).set("authorisedAt", now), event,
                "Application " + id + " is not confirmed by the bureau, or authorised already");
        return applications.find(id);
    }

    private OpenApplication bureauRouted(String id) {
        OpenApplication application = applications.find(id);
        if (!application.bureauRoute()) {
            var route = profile.conditionalOpenRoute();
            throw new Refusal(Refusal.Kind.CONFLICT, "conditional-open-route", "Decided by the department",
                    "本申请由数据提供部门受理并答复（%s），不经技术服务单位评估和数据管理机构确认".formatted(
                            route.isRegulated() ? route.citation() : "平台默认"),
                    Map.of("route", OpenApplicationRoute.DEPARTMENT.key()));
        }
        return application;
    }
}
