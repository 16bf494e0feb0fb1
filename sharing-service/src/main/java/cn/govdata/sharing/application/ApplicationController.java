package cn.govdata.sharing.application;

import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.web.ListFilter;
import cn.govdata.platform.web.PageResponse;
import cn.govdata.sharing.grant.SharingAccess;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.core.io.InputStreamResource;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Share applications.
 *
 * <pre>
 * POST /api/sharing/applications                         consumer department (dept-consumer / dept-data-officer)
 *   {"resourceId":"320100-HRSS-...","scenario":"最低生活保障资格审核","purpose":"核对申请人参保状态",
 *    "legalDuty":"《社会救助暂行办法》第十一条","items":["姓名","公民身份号码","参保状态"],"unmaskedItems":["参保状态"],
 *    "method":"API","kind":"DATA","validFrom":"2026-12-01T00:00:00Z","validTo":"2027-11-30T16:00:00Z"}
 *   → 201 application (unconditional resources: state APPROVED and grantId set at once)
 * GET  /api/sharing/applications?state=&amp;resourceId=&amp;consumer=&amp;provider=&amp;department=&amp;page=0&amp;size=20
 * GET  /api/sharing/applications/{id}
 * POST /api/sharing/applications/{id}/attachments        multipart part "file": PDF/JPEG/PNG ≤ 10 MB → 201
 * GET  /api/sharing/applications/{id}/attachments/{attachmentId}
 * POST /api/sharing/applications/{id}/formality-check    bureau  {"passed":true,"reasons":[]}
 * POST /api/sharing/applications/{id}/decision           provider dept-approver
 *   {"approve":true,"items":["姓名","参保状态"],"unmaskedItems":[],"validTo":"2027-06-30T16:00:00Z","reasons":["最少够用"]}
 *   {"approve":false,"reasons":["超出履职范围"],"legalBasis":"《社会保险法》第九十二条"}
 * POST /api/sharing/applications/{id}/implementation     provider: share in place (QY 24)
 * POST /api/sharing/applications/{id}/escalation         applicant  {"reasons":"..."}
 * POST /api/sharing/applications/{id}/coordination       bureau  {"outcome":"GRANT|UPHOLD_REFUSAL","reasons":["..."]}
 * POST /api/sharing/applications/{id}/provider-opinion   provider dept-approver, QZ 5.4: opinion for the bureau (body as decision)
 * POST /api/sharing/applications/{id}/bureau-decision    bureau, QZ 5.4: decides after the opinion (body as decision)
 * POST /api/sharing/applications/{id}/bureau-confirmation bureau, NJ 22  {"confirm":false,"reasons":["..."]}
 * POST /api/sharing/applications/{id}/referral           bureau, SY 28 / QY 48  {"to":"JOINT_CONSULTATION|GOVERNMENT","reasons":"..."}
 * POST /api/sharing/applications/{id}/final-decision     bureau records it  {"decidingBody":"沈阳市人民政府","outcome":"GRANT",
 *                                                        "decidedOn":"2026-12-01","reasons":["..."]}
 * GET  /api/sharing/applications?filedWith=441800        QY 26: applications filed with a region's bureau
 * POST /api/sharing/grants/{grantId}/renewal             consumer  {"validTo":"2028-06-30T16:00:00Z"} → 201 renewal application
 * </pre>
 */
@RestController
class ApplicationController {

    private final Applications applications;
    private final SubmittingApplications submitting;
    private final DecidingApplications deciding;
    private final Attachments attachments;

    ApplicationController(Applications applications, SubmittingApplications submitting, DecidingApplications deciding,
                          Attachments attachments) {
        this.applications = applications;
        this.submitting = submitting;
        this.deciding = deciding;
        this.attachments = attachments;
    }

    @PostMapping("/api/sharing/applications")
    ResponseEntity<ApplicationView> apply(@Valid @RequestBody ApplicationRequests.Apply request, Caller caller) {
        return created(submitting.apply(request, caller));
    }

    @PostMapping("/api/sharing/grants/{grantId}/renewal")
    ResponseEntity<ApplicationView> renew(@PathVariable String grantId, @Valid @RequestBody ApplicationRequests.Renewal request,
                                          Caller caller) {
        return created(submitting.applyForRenewal(grantId, request.validTo(), caller));
    }

    @GetMapping("/api/sharing/applications")
    PageResponse<ApplicationView> list(@RequestParam(required = false) ShareApplication.State state,
                                       @RequestParam(required = false) String resourceId,
                                       @RequestParam(required = false) String consumer,
                                       @RequestParam(required = false) String provider,
                                       @RequestParam(required = false) String department,
                                       @RequestParam(required = false) String filedWith,
                                       @RequestParam(defaultValue = "0") @Min(0) int page,
                                       @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
                                       Caller caller) {
        Criteria filter = ListFilter.within(scope(caller)).is("state", state).is("resourceId", resourceId)
                .is("consumerDepartment", consumer).is("providerDepartment", provider)
                .eitherIs(department, "consumerDepartment", "providerDepartment").is("filedWith", filedWith).criteria();
        return PageResponse.of(applications.page(filter,
                PageRequest.of(page, size)), a -> view(a, caller));
    }

    @GetMapping("/api/sharing/applications/{id}")
    ApplicationView get(@PathVariable String id, Caller caller) {
        ShareApplication application = applications.get(id);
        SharingAccess.require(SharingAccess.canRead(caller, application.consumerDepartment(), application.providerDepartment(),
                application.region()) || SharingAccess.countyRegion(caller).map(application.filedWith()::contains).orElse(false),
                "Application " + id + " is visible to the applying and providing departments, the bureau and auditors");
        return view(application, caller);
    }

    @PostMapping(path = "/api/sharing/applications/{id}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ApplicationView.AttachmentView> attach(@PathVariable String id,
                                                          @RequestPart(name = "file", required = false) MultipartFile file,
                                                          Caller caller) {
        var attachment = ApplicationView.AttachmentView.of(id, attachments.attach(id, file, caller));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath().path(attachment.href()).build().toUri())
                .body(attachment);
    }

    @GetMapping("/api/sharing/applications/{id}/attachments/{attachmentId}")
    ResponseEntity<InputStreamResource> download(@PathVariable String id, @PathVariable String attachmentId, Caller caller) {
        var download = attachments.open(id, attachmentId, caller);
        var a = download.attachment();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(a.contentType()))
                .contentLength(a.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(a.filename(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-SHA256", a.sha256())
                .body(new InputStreamResource(download.content()));
    }

    @PostMapping("/api/sharing/applications/{id}/formality-check")
    ApplicationView checkFormalities(@PathVariable String id, @Valid @RequestBody ApplicationRequests.FormalityCheck request,
                                     Caller caller) {
        return ApplicationView.of(deciding.checkFormalities(id, request.passed(), request.reasons(), caller));
    }

    @PostMapping("/api/sharing/applications/{id}/decision")
    ApplicationView decide(@PathVariable String id, @Valid @RequestBody ApplicationRequests.Decision request, Caller caller) {
        return view(deciding.decide(id, request, caller), caller);
    }

    @PostMapping("/api/sharing/applications/{id}/implementation")
    ApplicationView implemented(@PathVariable String id, Caller caller) {
        return ApplicationView.of(deciding.implemented(id, caller));
    }

    @PostMapping("/api/sharing/applications/{id}/escalation")
    ApplicationView escalate(@PathVariable String id, @Valid @RequestBody ApplicationRequests.Escalation request, Caller caller) {
        return ApplicationView.of(deciding.escalate(id, request.reasons(), caller));
    }

    @PostMapping("/api/sharing/applications/{id}/coordination")
    ApplicationView coordinate(@PathVariable String id, @Valid @RequestBody ApplicationRequests.Coordination request,
                               Caller caller) {
        return ApplicationView.of(deciding.coordinate(id, request, caller));
    }

    @PostMapping("/api/sharing/applications/{id}/provider-opinion")
    ApplicationView giveOpinion(@PathVariable String id, @Valid @RequestBody ApplicationRequests.Decision request, Caller caller) {
        return view(deciding.giveOpinion(id, request, caller), caller);
    }

    @PostMapping("/api/sharing/applications/{id}/bureau-decision")
    ApplicationView bureauDecide(@PathVariable String id, @Valid @RequestBody ApplicationRequests.Decision request, Caller caller) {
        return view(deciding.bureauDecide(id, request, caller), caller);
    }

    @PostMapping("/api/sharing/applications/{id}/bureau-confirmation")
    ApplicationView confirm(@PathVariable String id, @Valid @RequestBody ApplicationRequests.Confirmation request,
                            Caller caller) {
        return view(deciding.confirmAnswer(id, request, caller), caller);
    }

    @PostMapping("/api/sharing/applications/{id}/referral")
    ApplicationView refer(@PathVariable String id, @Valid @RequestBody ApplicationRequests.Referral request, Caller caller) {
        return view(deciding.refer(id, request, caller), caller);
    }

    @PostMapping("/api/sharing/applications/{id}/final-decision")
    ApplicationView finalDecision(@PathVariable String id, @Valid @RequestBody ApplicationRequests.FinalDecision request,
                                  Caller caller) {
        return view(deciding.recordFinalDecision(id, request, caller), caller);
    }

    /**
     * The provider's opinion or answer while it is with the bureau is not the applicant's to see:
     * NJ 22 returns it only once the bureau confirmed it (确定后反馈); the bureau, operators,
     * auditors and the provider itself see it.
     */
    static ApplicationView view(ShareApplication application, Caller caller) {
        boolean provider = SharingAccess.department(caller).map(application.providerDepartment()::equals).orElse(false);
        return ApplicationView.of(application, !caller.seesEveryDepartment() && !provider);
    }

    private static ResponseEntity<ApplicationView> created(ShareApplication application) {
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/sharing/applications/{id}")
                .buildAndExpand(application.id()).toUri();
        return ResponseEntity.created(location).body(ApplicationView.of(application));
    }

    private static Criteria scope(Caller caller) {
        if (caller.seesEveryDepartment()) {
            return new Criteria();
        }
        Optional<String> own = SharingAccess.department(caller);
        if (own.isPresent()) {
            return new Criteria().orOperator(Criteria.where("consumerDepartment").is(own.get()),
                    Criteria.where("providerDepartment").is(own.get()));
        }
        Optional<String> county = SharingAccess.countyRegion(caller);
        if (county.isPresent()) {
            // QY 26: a cross-region application is filed with the bureaus of both regions.
            return new Criteria().orOperator(Criteria.where("region").is(county.get()),
                    Criteria.where("filedWith").is(county.get()));
        }
        throw Refusal.forbidden("Applications are listed for department users (their own), the bureau, operators, "
                + "auditors and county sub-platforms (their region)");
    }
}
