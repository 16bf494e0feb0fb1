package cn.govdata.sharing.application;

import cn.govdata.platform.deadline.DeadlineRegistry;
import cn.govdata.platform.deadline.DeadlineRequest;
import cn.govdata.platform.deadline.ExpiryAction;
import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;
import cn.govdata.policy.JurisdictionProfile;
import cn.govdata.policy.RuleKey;
import cn.govdata.sharing.grant.SharingAccess;
import cn.govdata.sharing.resource.Resources;
import cn.govdata.sharing.resource.SharedResource;
import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import cn.govdata.platform.web.PageResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * NJ 22 ¶3: requests of units other than government departments, where the profile admits them
 * ({@code non-government-share-requests}). The bureau registers the unit's request (scenario and
 * safety measures required), the providing department's approver and the bureau give their opinions
 * within the decision period (NJ 22: 15 working days), and the bureau records the city government's
 * decision. A shareable outcome is then served by the Big Data Center under an agreement with the
 * unit (NJ 22: 签署协议), outside the department grants.
 *
 * <pre>
 * POST /api/sharing/non-government-requests                      bureau  {"unitName":"南京市红十字会","unitCode":"...",
 *      "resourceId":"...","items":["姓名"],"scenario":"...","purpose":"...","safetyMeasures":"..."} → 201
 * GET  /api/sharing/non-government-requests?state=&amp;page=&amp;size=  bureau, operators, auditors; a provider its own
 * GET  /api/sharing/non-government-requests/{id}
 * POST /api/sharing/non-government-requests/{id}/provider-opinion  provider dept-approver  {"shareable":true,"reasons":["..."]}
 * POST /api/sharing/non-government-requests/{id}/bureau-opinion    bureau  {"shareable":true,"reasons":["..."]}
 * POST /api/sharing/non-government-requests/{id}/city-government-decision  bureau
 *      {"shareable":true,"decidedOn":"2026-12-20","reference":"宁政复〔2026〕12号","reasons":["..."]}
 * </pre>
 *
 * <p>The HTTP side is {@link NonGovernmentRequestController}; this use case owns the store.
 */
@Component
class NonGovernmentRequests {

    static final String COLLECTION = "nonGovernmentRequests";
    static final String PROCESS = "non-government-request";
    static final String OPINIONS = "opinions";
    private static final Logger log = LoggerFactory.getLogger(NonGovernmentRequests.class);

    private final MongoTemplate mongo;
    private final Resources resources;
    private final DeadlineRegistry deadlines;
    private final JurisdictionProfile profile;
    private final Clock clock;

    NonGovernmentRequests(MongoTemplate mongo, Resources resources, DeadlineRegistry deadlines, JurisdictionProfile profile,
                          Clock clock) {
        this.mongo = mongo;
        this.resources = resources;
        this.deadlines = deadlines;
        this.profile = profile;
        this.clock = clock;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("filedAt", Sort.Direction.DESC));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("providerDepartment", Sort.Direction.ASC).on("filedAt", Sort.Direction.DESC));
    }

    record File(@NotBlank @Size(max = 200) String unitName, @Size(max = 32) String unitCode,
                @NotBlank @Size(max = 64) String resourceId,
                @NotEmpty @Size(max = 200) List<@NotBlank @Size(max = 100) String> items,
                @NotBlank @Size(max = 500) String scenario, @NotBlank @Size(max = 2000) String purpose,
                @NotBlank @Size(max = 2000) String safetyMeasures) {
    }

    record OpinionRequest(@NotNull Boolean shareable,
                          @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                          @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 1000) String> reasons) {
    }

    record CityGovernment(@NotNull Boolean shareable, @NotNull LocalDate decidedOn, @NotBlank @Size(max = 200) String reference,
                          @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                          @Size(max = 20) List<@NotBlank @Size(max = 1000) String> reasons) {
    }

    NonGovernmentRequest file(File request, Caller caller) {
        SharingAccess.requireBureau(caller, "registers requests of units other than government departments (NJ 22)");
        if (!profile.nonGovernmentShareRequests().value()) {
            throw Refusal.conflict("non-government-requests-not-admitted", "本辖区政务数据共享仅在政务部门之间进行；"
                    + "requests of units other than government departments are not admitted under this profile "
                    + "(non-government-share-requests, NJ 22 ¶3 only)");
        }
        SharedResource resource = resources.available(request.resourceId());
        List<String> items = SubmittingApplications.checkedItems("items", request.items(), resource, null);
        Instant now = now();
        String id = "NGR-" + UUID.randomUUID().toString().substring(0, 13).toUpperCase();
        var due = deadlines.register(DeadlineRequest.forStep(PROCESS, OPINIONS, id)
                .responsible(resource.providerDepartment(), resource.region())
                .within(now, RuleKey.CONDITIONAL_SHARE_DECISION)
                .onExpiry(ExpiryAction.ESCALATE_TO_BUREAU)
                .remindBefore(Duration.ofDays(1)));
        var filed = new NonGovernmentRequest(id, request.unitName().strip(), blankToNull(request.unitCode()), resource.id(),
                resource.name(), resource.providerDepartment(), resource.region(), request.scenario().strip(),
                request.purpose().strip(), request.safetyMeasures().strip(), items, NonGovernmentRequest.State.AWAITING_OPINIONS,
                caller.actor(), now, due.dueAt(), null, null, null,
                List.of(new ShareApplication.HistoryEntry(now, "filed with the bureau", caller.actor(), null)), 0);
        mongo.insert(filed, COLLECTION);
        log.info("Non-government request {} for {} registered by {}", id, resource.id(), caller.actor());
        return filed;
    }

    PageResponse<NonGovernmentRequest> list(NonGovernmentRequest.State state, int page, int size, Caller caller) {
        Criteria criteria = new Criteria();
        if (!caller.seesEveryDepartment()) {
            Optional<String> own = SharingAccess.department(caller);
            criteria = Criteria.where("providerDepartment").is(own.orElseThrow(() -> Refusal.forbidden(
                    "Non-government requests are listed for the bureau, operators, auditors and the providing departments")));
        }
        if (state != null) {
            criteria = criteria.and("state").is(state);
        }
        var pageable = PageRequest.of(page, size);
        long total = mongo.count(Query.query(criteria), NonGovernmentRequest.class, COLLECTION);
        List<NonGovernmentRequest> content = total == 0 ? List.of() : mongo.find(Query.query(criteria)
                .with(Sort.by(Sort.Direction.DESC, "filedAt")).with(pageable), NonGovernmentRequest.class, COLLECTION);
        return PageResponse.of(new PageImpl<>(new ArrayList<>(content), pageable, total), r -> r);
    }

    NonGovernmentRequest get(String id, Caller caller) {
        NonGovernmentRequest request = load(id);
        SharingAccess.require(caller.seesEveryDepartment() || SharingAccess.department(caller)
                .map(request.providerDepartment()::equals).orElse(false), "Request " + id + " is visible to the bureau, "
                + "operators, auditors and the providing department");
        return request;
    }

    NonGovernmentRequest providerOpinion(String id, OpinionRequest body, Caller caller) {
        NonGovernmentRequest request = load(id);
        SharingAccess.require(SharingAccess.actsFor(caller, request.providerDepartment(), Roles.DEPT_APPROVER),
                "Only an approver of the providing department " + request.providerDepartment() + " gives its opinion");
        requireOpinionsOpen(request, request.providerOpinion(), "the provider");
        return save(request, request.withProviderOpinion(new NonGovernmentRequest.Opinion(body.shareable(), body.reasons(),
                caller.actor(), now())));
    }

    NonGovernmentRequest bureauOpinion(String id, OpinionRequest body, Caller caller) {
        SharingAccess.requireBureau(caller, "gives its opinion on a non-government request (NJ 22)");
        NonGovernmentRequest request = load(id);
        requireOpinionsOpen(request, request.bureauOpinion(), "the bureau");
        return save(request, request.withBureauOpinion(new NonGovernmentRequest.Opinion(body.shareable(), body.reasons(),
                caller.actor(), now())));
    }

    NonGovernmentRequest cityGovernment(String id, CityGovernment body, Caller caller) {
        SharingAccess.requireBureau(caller, "records the city government's decision on a non-government request (NJ 22)");
        NonGovernmentRequest request = load(id);
        if (request.state() != NonGovernmentRequest.State.AWAITING_CITY_GOVERNMENT) {
            throw Refusal.conflict("wrong-state", "Request " + id + " is " + request.state() + "; the city government "
                    + "decides once the provider and the bureau have given their opinions (NJ 22: 提出意见并报市人民政府确定)");
        }
        Instant now = now();
        if (body.decidedOn().isAfter(LocalDate.ofInstant(now, ZoneId.of("Asia/Shanghai")))) {
            throw Refusal.invalidField("decidedOn", "a decision is recorded once taken; " + body.decidedOn()
                    + " lies in the future");
        }
        NonGovernmentRequest decided = save(request, request.confirmedByCityGovernment(new NonGovernmentRequest.CityGovernmentDecision(
                body.shareable(), body.decidedOn(), body.reference().strip(), body.reasons() == null ? List.of() : body.reasons(),
                caller.actor(), now)));
        deadlines.complete(PROCESS, OPINIONS, id);
        return decided;
    }

    private static void requireOpinionsOpen(NonGovernmentRequest request, NonGovernmentRequest.Opinion given, String who) {
        if (request.state() != NonGovernmentRequest.State.AWAITING_OPINIONS || given != null) {
            throw Refusal.conflict("opinion-given", "Request " + request.id() + " is " + request.state() + "; "
                    + who + " has given its opinion already or the opinions are closed");
        }
    }

    private NonGovernmentRequest load(String id) {
        return Optional.ofNullable(mongo.findById(id, NonGovernmentRequest.class, COLLECTION))
                .orElseThrow(() -> Refusal.notFound("Non-government request", id));
    }

    private NonGovernmentRequest save(NonGovernmentRequest read, NonGovernmentRequest changed) {
        var next = new NonGovernmentRequest(changed.id(), changed.unitName(), changed.unitCode(), changed.resourceId(),
                changed.resourceName(), changed.providerDepartment(), changed.region(), changed.scenario(), changed.purpose(),
                changed.safetyMeasures(), changed.items(), changed.state(), changed.filedBy(), changed.filedAt(),
                changed.opinionsDueAt(), changed.providerOpinion(), changed.bureauOpinion(), changed.cityGovernment(),
                changed.history(), read.version() + 1);
        var replaced = mongo.findAndReplace(Query.query(Criteria.where("_id").is(read.id()).and("version").is(read.version())),
                next, COLLECTION);
        if (replaced == null) {
            throw Refusal.conflict("concurrent-change", "Request " + read.id() + " was changed meanwhile; reload it");
        }
        return next;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
