package cn.govdata.objection.cases;

import cn.govdata.domain.Refusal;
import cn.govdata.objection.cases.filing.EvidenceStore;
import cn.govdata.objection.cases.filing.FilingObjections;
import cn.govdata.objection.cases.handling.HandlingObjections;
import cn.govdata.objection.cases.model.CaseAccess;
import cn.govdata.objection.cases.model.CaseKind;
import cn.govdata.objection.cases.model.CaseState;
import cn.govdata.objection.cases.model.ObjectionCase;
import cn.govdata.objection.cases.requests.CaseRequests;
import cn.govdata.objection.cases.store.Cases;
import cn.govdata.objection.cases.tracking.CaseViews;
import cn.govdata.objection.cases.tracking.ObjectionStats;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The objection desk: the public and consumer departments file and track objections; the platform
 * operator marks and routes; the platform or the responsible department decides and corrects.
 */
@RestController
@RequestMapping("/api/objections")
class CaseController {

    private static final String FILERS = "hasAnyRole('public-applicant', 'dept-consumer')";
    private static final String OPERATOR = "hasRole('platform-operator')";
    private static final String DECIDERS = "hasAnyRole('platform-operator', 'dept-approver', 'dept-data-officer')";
    private static final String READERS = "hasAnyRole('platform-operator', 'bureau-reviewer', 'auditor', 'dept-approver', 'dept-data-officer')";
    private static final String HANDLERS = "hasAnyRole('platform-operator', 'bureau-reviewer', 'dept-approver', 'dept-data-officer')";

    private final FilingObjections filing;
    private final HandlingObjections handling;
    private final Cases cases;
    private final EvidenceStore evidence;
    private final ObjectionStats stats;

    CaseController(FilingObjections filing, HandlingObjections handling, Cases cases, EvidenceStore evidence,
                   ObjectionStats stats) {
        this.filing = filing;
        this.handling = handling;
        this.cases = cases;
        this.evidence = evidence;
        this.stats = stats;
    }

    /** An objection without attachments, as JSON. */
    @PostMapping(path = "/cases", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(FILERS)
    ResponseEntity<CaseViews.TrackingView> file(@Valid @RequestBody CaseRequests.ObjectionRequest request, Caller caller) {
        return filed(filing.file(request, List.of(), caller));
    }

    /** An objection with evidence: part {@code objection} (JSON) and up to five {@code evidence} files (PDF, PNG, JPEG). */
    @PostMapping(path = "/cases", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(FILERS)
    ResponseEntity<CaseViews.TrackingView> fileWithEvidence(@Valid @RequestPart("objection") CaseRequests.ObjectionRequest request,
                                                            @RequestPart(name = "evidence", required = false) List<MultipartFile> files,
                                                            Caller caller) {
        return filed(filing.file(request, files, caller));
    }

    @GetMapping("/cases")
    @PreAuthorize(READERS)
    PageResponse<CaseViews.CaseSummary> list(@RequestParam(required = false) CaseState state,
                                             @RequestParam(required = false) String department,
                                             @RequestParam(required = false) String resource,
                                             @RequestParam(required = false) CaseKind kind,
                                             @RequestParam(required = false) Boolean escalated,
                                             @RequestParam(defaultValue = "0") @Min(0) int page,
                                             @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
                                             Caller caller) {
        String scope = department;
        if (!caller.isOperator() && !caller.isBureau() && !caller.isAuditor()) {
            // A department sees the cases transferred to it, nothing else.
            String own = caller.departmentCode().orElseThrow(() -> Refusal.forbidden("Your token names no department"));
            if (department != null && !department.equals(own)) {
                throw Refusal.forbidden("Department " + own + " sees only the cases transferred to it");
            }
            scope = own;
        }
        var found = cases.list(state, scope, resource, kind, escalated, PageRequest.of(page, size));
        return PageResponse.of(found, CaseViews::summary);
    }

    /** Handlers get the whole case, auditors a masked one, the objector their tracking view. */
    @GetMapping("/cases/{id}")
    Object get(@PathVariable String id, Caller caller) {
        ObjectionCase c = cases.findCase(id).orElseThrow(() -> Refusal.notFound("Objection case", id));
        if (CaseAccess.isHandler(caller, c)) {
            return CaseViews.full(c);
        }
        if (caller.isAuditor()) {
            return CaseViews.masked(c);
        }
        if (CaseAccess.isObjector(caller, c)) {
            return CaseViews.tracking(c);
        }
        throw CaseAccess.notYours(caller, id);
    }

    /** The objector follows their own case by its tracking number. */
    @GetMapping("/track/{trackingNumber}")
    CaseViews.TrackingView track(@PathVariable String trackingNumber, Caller caller) {
        return CaseViews.tracking(own(trackingNumber, caller));
    }

    @PostMapping("/track/{trackingNumber}/withdraw")
    CaseViews.TrackingView withdraw(@PathVariable String trackingNumber, @Valid @RequestBody CaseRequests.CloseRequest request,
                                    Caller caller) {
        return CaseViews.tracking(handling.withdrawOwn(trackingNumber, request, caller));
    }

    @PostMapping("/cases/{id}/mark-disputed")
    @PreAuthorize(OPERATOR)
    CaseViews.CaseView mark(@PathVariable String id, @Valid @RequestBody(required = false) CaseRequests.MarkRequest request,
                            Caller caller) {
        var body = request == null ? new CaseRequests.MarkRequest(null, null, null) : request;
        return CaseViews.full(handling.mark(id, body, caller));
    }

    @PostMapping("/cases/{id}/route")
    @PreAuthorize(OPERATOR)
    CaseViews.CaseView route(@PathVariable String id, @Valid @RequestBody CaseRequests.RouteRequest request, Caller caller) {
        return CaseViews.full(handling.route(id, request, caller));
    }

    @PostMapping("/cases/{id}/decision")
    @PreAuthorize(DECIDERS)
    CaseViews.CaseView decide(@PathVariable String id, @Valid @RequestBody CaseRequests.DecisionRequest request, Caller caller) {
        return CaseViews.full(handling.decide(id, request, caller));
    }

    @PostMapping("/cases/{id}/correction")
    @PreAuthorize(DECIDERS)
    CaseViews.CaseView correct(@PathVariable String id, @Valid @RequestBody CaseRequests.CorrectionRequest request,
                               Caller caller) {
        return CaseViews.full(handling.correct(id, request, caller));
    }

    @PostMapping("/cases/{id}/close")
    @PreAuthorize(OPERATOR)
    CaseViews.CaseView close(@PathVariable String id, @Valid @RequestBody CaseRequests.CloseRequest request, Caller caller) {
        return CaseViews.full(handling.close(id, request, caller));
    }

    @PostMapping("/cases/{id}/notes")
    @PreAuthorize(HANDLERS)
    CaseViews.CaseView note(@PathVariable String id, @Valid @RequestBody CaseRequests.NoteRequest request, Caller caller) {
        return CaseViews.full(handling.note(id, request, caller));
    }

    /** An evidence file, for the case's handlers and its objector only. */
    @GetMapping("/cases/{id}/evidence/{evidenceId}")
    ResponseEntity<byte[]> evidence(@PathVariable String id, @PathVariable String evidenceId, Caller caller) {
        ObjectionCase c = cases.findCase(id).orElseThrow(() -> Refusal.notFound("Objection case", id));
        if (!CaseAccess.isHandler(caller, c) && !CaseAccess.isObjector(caller, c)) {
            throw CaseAccess.notYours(caller, id);
        }
        var stored = evidence.find(id, evidenceId).orElseThrow(() -> Refusal.notFound("Evidence", evidenceId));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(stored.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(stored.filename(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(stored.content().getData());
    }

    /** Missed deadlines and open cases per department; a department sees its own row. */
    @GetMapping("/stats")
    @PreAuthorize(READERS)
    ObjectionStats.Stats stats(Caller caller) {
        ObjectionStats.Stats all = stats.compute();
        if (caller.isOperator() || caller.isBureau() || caller.isAuditor()) {
            return all;
        }
        return all.only(caller.departmentCode().orElseThrow(() -> Refusal.forbidden("Your token names no department")));
    }

    private ObjectionCase own(String id, Caller caller) {
        ObjectionCase c = cases.findCase(id).orElseThrow(() -> Refusal.notFound("Objection case", id));
        if (!CaseAccess.isObjector(caller, c)) {
            throw Refusal.notFound("Objection case", id);
        }
        return c;
    }

    private static ResponseEntity<CaseViews.TrackingView> filed(ObjectionCase c) {
        var location = ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/objections/track/{id}")
                .buildAndExpand(c.id()).toUri();
        return ResponseEntity.created(location).body(CaseViews.tracking(c));
    }
}
