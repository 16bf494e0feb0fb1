package cn.govdata.sharing.application;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.policy.JurisdictionProfile;
import cn.govdata.domain.Refusal;
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
import java.util.Optional;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A consumer department applies for exactly the data items it needs (NT 20, QY 24 minimum
 * authorization). Unconditional resources are granted by the platform at once (NJ 22, SY 25, NT 18),
 * but with personal and sensitive items masked: the platform decides nothing about clear values, so
 * items asked for in clear go to the provider's approver as a CLEAR_ITEMS request on the profile's
 * decision clock (PIPL 第六条, 第三十四条). Everything else goes to the bureau's formality check where
 * the profile has one (NT 21) and then to the provider, whose decision period starts.
 */
@Service
class SubmittingApplications {

    static final String PLATFORM_DIRECT_APPROVER = "platform (unconditional share)";

    private static final Logger log = LoggerFactory.getLogger(SubmittingApplications.class);

    private final Applications applications;
    private final Resources resources;
    private final Grants grants;
    private final ApplicationDeadlines deadlines;
    private final ApplicationEvents events;
    private final SettlingGrants settling;
    private final ApplicationConfiguration.ApplicationProperties properties;
    private final JurisdictionProfile profile;
    private final Clock clock;

    SubmittingApplications(Applications applications, Resources resources, Grants grants, ApplicationDeadlines deadlines,
                           ApplicationEvents events, SettlingGrants settling,
                           ApplicationConfiguration.ApplicationProperties properties, JurisdictionProfile profile,
                           Clock clock) {
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

    ShareApplication apply(ApplicationRequests.Apply request, Caller caller) {
        String consumer = applicant(caller);
        SharedResource resource = resources.available(request.resourceId());
        if (resource.availability() == SharedResource.Availability.WITHDRAWAL_PENDING) {
            throw Refusal.conflict("resource-withdrawal-pending", "Resource " + resource.id()
                    + " is about to be withdrawn from the catalog; it takes no new applications");
        }
        if (resource.providerDepartment().equals(consumer)) {
            throw Refusal.invalidField("resourceId", "is a resource of your own department " + consumer
                    + "; a department does not apply for its own data");
        }
        Grant.Kind kind = kind(request.kind(), resource);
        List<String> items = checkedItems("items", request.items(), resource, null);
        List<String> unmasked = checkedItems("unmaskedItems", request.unmaskedItems() == null ? List.of() : request.unmaskedItems(),
                resource, items);
        if (kind == Grant.Kind.VERIFICATION && !unmasked.isEmpty()) {
            throw Refusal.invalidField("unmaskedItems", "a VERIFICATION grant answers match or no match and returns "
                    + "no values (可用不可见); leave unmaskedItems empty");
        }
        String method = method(request.method(), kind, resource);
        Instant now = now();
        Instant validFrom = validFrom(request.validFrom(), now);
        Instant validTo = validTo(request.validTo(), validFrom);

        var submission = new ShareApplication.Submission(resource.id(), resource.name(), resource.shareType(),
                resource.providerDepartment(), consumer, resource.region(), request.scenario().strip(),
                request.purpose().strip(), blankToNull(request.legalDuty()), items, unmasked, method, kind, validFrom, validTo);
        ShareApplication.Route route = "UNCONDITIONAL".equals(resource.shareType()) ? ShareApplication.Route.PLATFORM_DIRECT
                : deadlines.formalityCheckRequired() ? ShareApplication.Route.FORMALITY_CHECK
                : ShareApplication.Route.PROVIDER_DECISION;
        ShareApplication application = ShareApplication.submitted(newId(), ShareApplication.Type.NEW, null, submission,
                route, caller.actor(), now);
        crossRegionFiling(caller, resource).ifPresent(application::fileWith);
        return start(application, resource, now);
    }

    /** NT 26: a grant is renewed by an application made before it expires; after expiry one applies again. */
    ShareApplication applyForRenewal(String grantId, Instant requestedValidTo, Caller caller) {
        Grant grant = grants.get(grantId);
        SharingAccess.require(SharingAccess.actsFor(caller, grant.consumerDepartment(), Roles.DEPT_CONSUMER, Roles.DEPT_DATA_OFFICER),
                "Only the consumer department " + grant.consumerDepartment() + " (dept-consumer or dept-data-officer) renews its grant");
        Instant now = now();
        if (grant.state() == Grant.State.EXPIRED || (grant.state().isCurrent() && !grant.validTo().isAfter(now))) {
            throw Refusal.conflict("grant-expired", "Grant " + grantId + " expired at " + grant.validTo()
                    + "; a renewal must be applied for before expiry, so apply again (NT 26: 期满后需重新申请)");
        }
        if (grant.state() == Grant.State.REVOKED) {
            throw Refusal.conflict("grant-revoked", "Grant " + grantId + " was revoked; apply again");
        }
        if (grant.state() == Grant.State.SUSPENDED) {
            throw Refusal.conflict("grant-suspended", "Grant " + grantId + " is suspended by the bureau; "
                    + "it cannot be renewed until the suspension is lifted");
        }
        if (!requestedValidTo.isAfter(grant.validTo())) {
            throw Refusal.invalidField("validTo", "must be after the grant's current validTo " + grant.validTo());
        }
        Instant validTo = validTo(requestedValidTo, now);
        if (applications.openRenewalsOf(grantId).stream().anyMatch(a -> a.type() == ShareApplication.Type.RENEWAL)) {
            throw Refusal.conflict("renewal-pending", "A renewal of grant " + grantId + " is awaiting its decision");
        }
        SharedResource resource = resources.available(grant.resourceId());
        var submission = new ShareApplication.Submission(resource.id(), resource.name(), resource.shareType(),
                resource.providerDepartment(), grant.consumerDepartment(), resource.region(), grant.scenario(), grant.purpose(),
                null, grant.items(), grant.unmaskedItems(), grant.method(), grant.kind(), grant.validTo(), validTo);
        // A renewal keeps what was granted; it goes straight to whoever grants (no new formality check).
        ShareApplication.Route route = "UNCONDITIONAL".equals(resource.shareType()) ? ShareApplication.Route.PLATFORM_DIRECT
                : ShareApplication.Route.PROVIDER_DECISION;
        ShareApplication application = ShareApplication.submitted(newId(), ShareApplication.Type.RENEWAL, grantId, submission,
                route, caller.actor(), now);
        return start(application, resource, now);
    }

    private ShareApplication start(ShareApplication application, SharedResource resource, Instant now) {
        switch (application.route()) {
            case PLATFORM_DIRECT -> {
                // A renewal keeps what the grant has, clear items included: those were decided before.
                List<String> clearAsked = application.type() == ShareApplication.Type.NEW
                        ? personal(application.unmaskedItems(), resource) : List.of();
                List<String> clearNow = application.unmaskedItems().stream().filter(i -> !clearAsked.contains(i)).toList();
                application.approve(new ShareApplication.Decision(true, application.items(), clearNow,
                        application.validTo(), List.of(), null, PLATFORM_DIRECT_APPROVER, now, "PLATFORM_DIRECT", null, null));
                ShareApplication request = null;
                if (!clearAsked.isEmpty()) {
                    request = clearItemsRequest(application, clearAsked, now);
                    application.clearItemsRequested(request.id(), clearAsked, now);
                }
                applications.insert(application, List.of(events.submitted(application), events.decided(application)));
                log.info("Application {} by {} for {} granted by the platform{}", application.id(),
                        application.consumerDepartment(), application.resourceId(),
                        request == null ? "" : "; items in clear referred to the provider as " + request.id());
                ShareApplication settled = settling.settle(application);
                if (request != null) {
                    applications.insert(request, List.of(events.submitted(request)));
                }
                return settled;
            }
            case FORMALITY_CHECK -> {
                var due = deadlines.formalityCheck(application, now);
                application.awaitFormalityCheck(now, due.dueAt());
            }
            case PROVIDER_DECISION -> {
                var due = deadlines.decision(application, now);
                application.awaitDecision(now, due.dueAt());
            }
        }
        applications.insert(application, List.of(events.submitted(application)));
        log.info("Application {} by {} for {} submitted ({})", application.id(), application.consumerDepartment(),
                application.resourceId(), application.route());
        return applications.get(application.id());
    }

    /**
     * The provider's approver decides on clear delivery within the profile's decision period. The
     * request is written after its application: a crash in between leaves a masked grant and no
     * request, never a request for a grant that does not exist.
     */
    private ShareApplication clearItemsRequest(ShareApplication application, List<String> clearAsked, Instant now) {
        var submission = new ShareApplication.Submission(application.resourceId(), application.resourceName(),
                application.shareType(), application.providerDepartment(), application.consumerDepartment(),
                application.region(), application.scenario(), application.purpose(), application.legalDuty(), clearAsked,
                clearAsked, application.method(), application.kind(), application.validFrom(), application.validTo());
        ShareApplication request = ShareApplication.submitted(newId(), ShareApplication.Type.CLEAR_ITEMS,
                application.grantId(), submission, ShareApplication.Route.PROVIDER_DECISION, application.submittedBy(), now);
        var due = deadlines.decision(request, now);
        request.awaitDecision(now, due.dueAt());
        return request;
    }

    /**
     * QY 26: 跨层级、跨区域的共享请求直接向数源部门提出，并同时向上一级和同级公共数据主管部门备案. The
     * consumer's region is its token's region claim, the provider's the resource's; where they differ the
     * application is filed with the bureaus of both (the consumer's first). Only where the profile says so.
     */
    private Optional<List<String>> crossRegionFiling(Caller caller, SharedResource resource) {
        if (!profile.crossRegionRequestFiling().value()) {
            return Optional.empty();
        }
        return caller.regionCode().filter(own -> resource.region() != null && !own.equals(resource.region()))
                .map(own -> List.of(own, resource.region()));
    }

    /** The items the catalog marks personal or sensitive: never in clear without the provider approver's decision. */
    static List<String> personal(List<String> items, SharedResource resource) {
        return items.stream().filter(resource::isPersonal).toList();
    }

    private static String applicant(Caller caller) {
        if (!caller.hasRole(Roles.DEPT_CONSUMER) && !caller.hasRole(Roles.DEPT_DATA_OFFICER)) {
            throw Refusal.forbidden("Applications are made by a department's dept-consumer or dept-data-officer");
        }
        return caller.departmentCode().orElseThrow(() ->
                Refusal.forbidden("The token names no department; applications are made for a department"));
    }

    private static Grant.Kind kind(Grant.Kind requested, SharedResource resource) {
        if (resource.isNotShared()) {
            if (requested != Grant.Kind.VERIFICATION) {
                throw Refusal.invalidField("kind", "resource " + resource.id() + " is not shared (不予共享): only a "
                        + "VERIFICATION grant can be applied for (QZ 5.4 可用不可见)");
            }
            return Grant.Kind.VERIFICATION;
        }
        return requested == null ? Grant.Kind.DATA : requested;
    }

    /** Each item must be one of the resource's (and of {@code within}, when given), listed once. */
    static List<String> checkedItems(String field, List<String> requested, SharedResource resource, List<String> within) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String item = requested.get(i);
            if (!resource.hasItem(item)) {
                throw Refusal.invalidField(field + "[" + i + "]", "'" + item + "' is not a data item of resource "
                        + resource.id() + " (items: " + String.join(", ", resource.itemNames()) + ")");
            }
            if (within != null && !within.contains(item)) {
                throw Refusal.invalidField(field + "[" + i + "]", "'" + item + "' is not among the items "
                        + String.join(", ", within));
            }
            if (!seen.add(item)) {
                throw Refusal.invalidField(field + "[" + i + "]", "'" + item + "' is listed twice");
            }
        }
        return List.copyOf(requested);
    }

    private static String method(String requested, Grant.Kind kind, SharedResource resource) {
        if (kind == Grant.Kind.VERIFICATION) {
            // Verification runs through the platform's verify interface whatever the resource's methods.
            if (requested != null && !requested.equals("API")) {
                throw Refusal.invalidField("method", "a VERIFICATION grant is used through the platform's API; "
                        + "leave method empty or give API");
            }
            return "API";
        }
        if (requested == null || requested.isBlank()) {
            throw Refusal.invalidField("method", "choose one of the methods the resource offers: "
                    + String.join(", ", resource.shareMethods()));
        }
        if (!resource.shareMethods().contains(requested)) {
            throw Refusal.invalidField("method", "'" + requested + "' is not offered by resource " + resource.id()
                    + "; it offers " + (resource.shareMethods().isEmpty() ? "none" : String.join(", ", resource.shareMethods())));
        }
        return requested;
    }

    private Instant validFrom(Instant requested, Instant now) {
        if (requested == null) {
            return now;
        }
        Instant today = now.atZone(WorkingDayCalendar.ZONE).toLocalDate().atStartOfDay(WorkingDayCalendar.ZONE).toInstant();
        if (requested.isBefore(today)) {
            throw Refusal.invalidField("validFrom", "must not lie in the past");
        }
        return requested.isBefore(now) ? now : requested.truncatedTo(ChronoUnit.MILLIS);
    }

    private Instant validTo(Instant requested, Instant from) {
        if (!requested.isAfter(from)) {
            throw Refusal.invalidField("validTo", "must be after validFrom " + from);
        }
        Instant latest = from.atZone(WorkingDayCalendar.ZONE).plus(properties.maxValidity()).toInstant();
        if (requested.isAfter(latest)) {
            throw Refusal.invalidField("validTo", "a grant runs at most " + properties.maxValidity()
                    + " from its start, i.e. until " + latest);
        }
        return requested.truncatedTo(ChronoUnit.MILLIS);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String newId() {
        return "APP-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
