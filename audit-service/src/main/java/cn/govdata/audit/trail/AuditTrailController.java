package cn.govdata.audit.trail;

import cn.govdata.audit.chain.TrailRecord;
import cn.govdata.audit.web.Csv;
import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Roles;
import cn.govdata.platform.web.PageResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * Auditors and the data bureau read the trail: by department, consumer, provider, resource,
 * user or client, request id, operation (event type), subject and time; paged or as a CSV export.
 * Nothing can change or delete the trail through any API.
 */
@RestController
@RequestMapping("/api/audit")
@PreAuthorize("hasAnyRole('" + Roles.AUDITOR + "', '" + Roles.BUREAU_REVIEWER + "')")
class AuditTrailController {

    private static final List<String> CSV_HEADER = List.of("eventId", "occurredAt", "type", "department", "consumer",
            "provider", "resource", "users", "requestId", "subject", "source", "region", "chain", "seq", "receivedAt", "data");

    private final TrailSearch search;

    AuditTrailController(TrailSearch search) {
        this.search = search;
    }

    @GetMapping("/events")
    PageResponse<AuditRecordResponse> search(@RequestParam(required = false) String type,
                                             @RequestParam(required = false) String department,
                                             @RequestParam(required = false) String consumer,
                                             @RequestParam(required = false) String provider,
                                             @RequestParam(required = false) String resource,
                                             @RequestParam(required = false) String user,
                                             @RequestParam(required = false) String requestId,
                                             @RequestParam(required = false) String subject,
                                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                                             @RequestParam(defaultValue = "false") boolean includeArchived,
                                             @RequestParam(defaultValue = "0") @Min(0) int page,
                                             @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        TrailFilter filter = filter(type, department, consumer, provider, resource, user, requestId, subject, from, to);
        if ((long) (page + 1) * size > TrailSearch.MAX_WINDOW) {
            throw Refusal.invalidField("page", "pages beyond the first " + TrailSearch.MAX_WINDOW
                    + " records are not served; narrow the filters or download events.csv");
        }
        TrailSearch.Result result = search.page(filter, page, size, includeArchived);
        int totalPages = (int) ((result.total() + size - 1) / size);
        return new PageResponse<>(result.records().stream().map(AuditRecordResponse::of).toList(), page, size,
                result.total(), totalPages);
    }

    /** The same filters as a streamed CSV download, oldest first, without a size limit. */
    @GetMapping("/events.csv")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String type,
                                                 @RequestParam(required = false) String department,
                                                 @RequestParam(required = false) String consumer,
                                                 @RequestParam(required = false) String provider,
                                                 @RequestParam(required = false) String resource,
                                                 @RequestParam(required = false) String user,
                                                 @RequestParam(required = false) String requestId,
                                                 @RequestParam(required = false) String subject,
                                                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                                                 @RequestParam(defaultValue = "false") boolean includeArchived) {
        TrailFilter filter = filter(type, department, consumer, provider, resource, user, requestId, subject, from, to);
        StreamingResponseBody body = out -> {
            try (Csv csv = new Csv(out, CSV_HEADER)) {
                search.stream(filter, includeArchived, r -> csv.row(List.of(r.id(), str(r.time()), nz(r.type()),
                        nz(r.department()), nz(r.consumer()), nz(r.provider()), nz(r.resource()), r.users(), nz(r.requestId()),
                        nz(r.subject()), nz(r.source()), nz(r.region()), nz(r.chain()), r.seq(), str(r.receivedAt()),
                        r.data() == null ? "" : r.data().toString())));
            }
        };
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(Csv.MEDIA_TYPE))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-events.csv\"")
                .body(body);
    }

    @GetMapping("/events/{eventId}")
    AuditRecordResponse get(@PathVariable String eventId) {
        return search.byId(eventId).map(AuditRecordResponse::of)
                .orElseThrow(() -> Refusal.notFound("Audit record", eventId));
    }

    static TrailFilter filter(String type, String department, String consumer, String provider, String resource, String user,
                              String requestId, String subject, Instant from, Instant to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw Refusal.invalidField("to", "must not be before 'from'");
        }
        return new TrailFilter(blank(type), blank(department), blank(consumer), blank(provider), blank(resource), blank(user),
                blank(requestId), blank(subject), null, from, to, null);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    record AuditRecordResponse(String eventId, String type, String source, String subject, Instant occurredAt,
                               String department, String region, String topic, int partition, long offset, String chain,
                               long seq, List<String> users, String consumer, String provider, String resource,
                               String requestId, JsonNode data, Instant receivedAt) {
        static AuditRecordResponse of(TrailRecord r) {
            return new AuditRecordResponse(r.id(), r.type(), r.source(), r.subject(), r.time(), r.department(), r.region(),
                    r.topic(), r.partition(), r.offset(), r.chain(), r.seq(), r.users(), r.consumer(), r.provider(),
                    r.resource(), r.requestId(), r.data(), r.receivedAt());
        }
    }
}
