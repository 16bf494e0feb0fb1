package cn.govdata.opendata.application;

import cn.govdata.domain.Refusal;
import cn.govdata.opendata.dataset.Downloads;
import cn.govdata.platform.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.util.List;

@RestController
class ApplicationController {

    static final String API_KEY = "X-Api-Key";

    private final ConditionalOpening opening;
    private final AssessingApplications assessing;
    private final Licensing licensing;
    private final ReportingUsage usage;
    private final Downloads downloads;

    ApplicationController(ConditionalOpening opening, AssessingApplications assessing, Licensing licensing, ReportingUsage usage,
                          Downloads downloads) {
        this.opening = opening;
        this.assessing = assessing;
        this.licensing = licensing;
        this.usage = usage;
        this.downloads = downloads;
    }

    @GetMapping("/api/open-data/public/agreement")
    DataUseAgreement agreement() {
        return opening.agreement();
    }

    @PostMapping("/api/open-data/applications")
    @ResponseStatus(HttpStatus.CREATED)
    ApplicationView apply(@Valid @RequestBody ApplicationRequest request, Caller caller) {
        return ApplicationView.of(opening.apply(request, caller));
    }

    /** @param state for the bureau and the technical service unit: what waits in that state (QZ 6.5) */
    @GetMapping("/api/open-data/applications")
    List<ApplicationView> list(@RequestParam(required = false) String state, Caller caller) {
        OpenApplication.State wanted = null;
        if (state != null && !state.isBlank()) {
            try {
                wanted = OpenApplication.State.valueOf(state.strip());
            } catch (IllegalArgumentException e) {
                throw Refusal.invalidField("state", "unknown state; one of " + java.util.Arrays.toString(OpenApplication.State.values()));
            }
        }
        return opening.list(caller, wanted).stream().map(ApplicationView::of).toList();
    }

    @GetMapping("/api/open-data/applications/{id}")
    ApplicationView view(@PathVariable String id, Caller caller) {
        return ApplicationView.of(opening.view(id, caller));
    }

    @PostMapping("/api/open-data/applications/{id}/decision")
    ApplicationView decide(@PathVariable String id, @Valid @RequestBody DecisionRequest request, Caller caller) {
        return ApplicationView.of(opening.decide(id, request, caller));
    }

    /** Quanzhou: the technical service unit's assessment and report (QZ 6.5). */
    @PostMapping("/api/open-data/applications/{id}/assessment")
    ApplicationView assess(@PathVariable String id, @Valid @RequestBody AssessmentRequest request, Caller caller) {
        return ApplicationView.of(assessing.assess(id, request, caller));
    }

    /** Quanzhou: the bureau confirms (approve, reasons noting any adjustment) or stops the authorisation (QZ 6.5). */
    @PostMapping("/api/open-data/applications/{id}/confirmation")
    ApplicationView confirm(@PathVariable String id, @Valid @RequestBody DecisionRequest request, Caller caller) {
        return ApplicationView.of(assessing.confirm(id, request, caller));
    }

    /** Quanzhou: the technical service unit authorises the interface after the bureau confirmed (QZ 6.5). */
    @PostMapping("/api/open-data/applications/{id}/authorisation")
    ApplicationView authorise(@PathVariable String id, Caller caller) {
        return ApplicationView.of(assessing.authorise(id, caller));
    }

    /** The bureau's list of licences that must report their use, due times and misses (QZ 6.7). */
    @GetMapping("/api/open-data/licences/usage-reports")
    UsageReportDesk usageReports(Caller caller) {
        return usage.dueReports(caller);
    }

    record IssuedLicenceView(ApplicationView application, String apiKey, String notice) {
    }

    /** Accepting the current data-use agreement issues the licence; the API key is in this response only. */
    @PostMapping("/api/open-data/applications/{id}/licence")
    @ResponseStatus(HttpStatus.CREATED)
    IssuedLicenceView accept(@PathVariable String id, @Valid @RequestBody AcceptanceRequest request, Caller caller) {
        var issued = licensing.accept(id, request, caller);
        return new IssuedLicenceView(ApplicationView.of(issued.application()), issued.apiKey(),
                "API 密钥仅显示这一次，请妥善保存；平台只保存其摘要。");
    }

    @PostMapping("/api/open-data/applications/{id}/usage-reports")
    @ResponseStatus(HttpStatus.CREATED)
    ApplicationView reportUsage(@PathVariable String id, @Valid @RequestBody UsageReportRequest request, Caller caller) {
        return ApplicationView.of(usage.reportUsage(id, request, caller));
    }

    record EndRequest(@NotBlank String reasons) {
    }

    @PostMapping("/api/open-data/applications/{id}/licence/suspend")
    ApplicationView suspend(@PathVariable String id, @Valid @RequestBody EndRequest request, Caller caller) {
        return ApplicationView.of(licensing.endLicence(id, false, request.reasons(), caller));
    }

    @PostMapping("/api/open-data/applications/{id}/licence/revoke")
    ApplicationView revoke(@PathVariable String id, @Valid @RequestBody EndRequest request, Caller caller) {
        return ApplicationView.of(licensing.endLicence(id, true, request.reasons(), caller));
    }

    /**
     * Licensed pull of conditional data with the API key instead of a token (partner systems of
     * licensees); under /public so the gateway lets it through, and GET only.
     */
    @GetMapping("/api/open-data/public/licensed/datasets/{entryId}/download")
    ResponseEntity<StreamingResponseBody> licensedDownload(@PathVariable String entryId,
                                                           @RequestHeader(name = API_KEY, required = false) String apiKey,
                                                           @RequestParam(defaultValue = "csv") String format) {
        var licence = licensing.licensed(apiKey).orElseThrow(() -> new Refusal(Refusal.Kind.UNAUTHENTICATED,
                "invalid-api-key", "Invalid API key", "A valid API key of an active licence is required in " + API_KEY,
                java.util.Map.of()));
        if (!licence.entryId().equals(entryId)) {
            throw Refusal.forbidden("This licence covers " + licence.entryId() + ", not " + entryId);
        }
        return downloads.download(downloads.publishedListing(entryId), format);
    }
}
