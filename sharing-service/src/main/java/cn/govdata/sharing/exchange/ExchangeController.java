package cn.govdata.sharing.exchange;

import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import jakarta.validation.Valid;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The data path partner systems call all day (QZ 2.3: the platform re-wraps the provider's API).
 * Every call states its purpose in {@code X-Purpose} (percent-encoded UTF-8 for Chinese text); the
 * consumer department is the token's, never a parameter.
 */
@RestController
@RequestMapping("/api/exchange/{resourceId}")
class ExchangeController {

    static final String PURPOSE = "X-Purpose";
    static final String SOURCE_DEPARTMENT = "X-Source-Department";
    static final String RETRIEVED_AT = "X-Retrieved-At";

    private final ExchangingData exchange;
    private final ExchangeMetrics metrics;
    private final ExchangeProperties properties;

    ExchangeController(ExchangingData exchange, ExchangeMetrics metrics, ExchangeProperties properties) {
        this.exchange = exchange;
        this.metrics = metrics;
        this.properties = properties;
    }

    @GetMapping("/records/{key}")
    ResponseEntity<ExchangeResponse> record(@PathVariable String resourceId, @PathVariable String key,
                                            @RequestHeader(name = PURPOSE, required = false) String purpose, Caller caller) {
        return measured(resourceId, () -> withProvenance(exchange.record(resourceId, key, call(caller, purpose))));
    }

    @GetMapping("/records")
    ResponseEntity<ExchangeResponse> query(@PathVariable String resourceId, @RequestParam Map<String, String> parameters,
                                           @RequestHeader(name = PURPOSE, required = false) String purpose, Caller caller) {
        return measured(resourceId, () -> {
            Map<String, String> filters = new LinkedHashMap<>(parameters);
            int page = number(filters.remove("page"), "page", 0);
            int size = number(filters.remove("size"), "size", 20);
            return withProvenance(exchange.query(resourceId, filters, page, size, call(caller, purpose)));
        });
    }

    @PostMapping("/verify")
    VerifyResponse verify(@PathVariable String resourceId, @Valid @RequestBody VerifyRequest request,
                          @RequestHeader(name = PURPOSE, required = false) String purpose, Caller caller) {
        return measured(resourceId, () -> exchange.verify(resourceId, request, call(caller, purpose)));
    }

    record FileListing(String resourceId, List<FileEntry> files) {
        record FileEntry(String fileId, String name, String contentType, long size, String sha256, List<String> items,
                         Instant uploadedAt) {
        }
    }

    @GetMapping("/files")
    FileListing files(@PathVariable String resourceId, @RequestHeader(name = PURPOSE, required = false) String purpose,
                      Caller caller) {
        return new FileListing(resourceId, exchange.files(resourceId, call(caller, purpose)).stream()
                .map(f -> new FileListing.FileEntry(f.fileId(), f.name(), f.contentType(), f.size(), f.sha256(), f.items(),
                        f.uploadedAt()))
                .toList());
    }

    /** Streamed from storage; a Range header gets 206 with just those bytes. */
    @GetMapping("/files/{fileId}")
    ResponseEntity<Resource> file(@PathVariable String resourceId, @PathVariable String fileId,
                                  @RequestHeader(name = PURPOSE, required = false) String purpose, Caller caller) {
        return measured(resourceId, () -> {
            ExchangingData.Download download = exchange.file(resourceId, fileId, call(caller, purpose));
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(download.file().contentType()))
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                            .filename(download.file().name(), StandardCharsets.UTF_8).build().toString())
                    .header(SOURCE_DEPARTMENT, download.sourceDepartment())
                    .header(RETRIEVED_AT, download.retrievedAt().toString())
                    .body(download.content());
        });
    }

    private ExchangingData.Call call(Caller caller, String purposeHeader) {
        return exchange.call(caller, purpose(purposeHeader));
    }

    private static ResponseEntity<ExchangeResponse> withProvenance(ExchangeResponse response) {
        return ResponseEntity.ok()
                .header(SOURCE_DEPARTMENT, response.sourceDepartment())
                .header(RETRIEVED_AT, response.retrievedAt().toString())
                .body(response);
    }

    private <T> T measured(String resourceId, Supplier<T> work) {
        long started = System.nanoTime();
        ExchangeException.Outcome outcome = ExchangeException.Outcome.OK;
        try {
            return work.get();
        } catch (ExchangeException e) {
            outcome = e.outcome();
            throw e;
        } catch (Refusal e) {
            outcome = ExchangeException.Outcome.DENIED;
            throw e;
        } catch (RuntimeException e) {
            // Not the consumer's doing; counted with the failures the consumer cannot fix either.
            outcome = ExchangeException.Outcome.PROVIDER_ERROR;
            throw e;
        } finally {
            metrics.record(exchange.known(resourceId) ? resourceId : "unknown", outcome, System.nanoTime() - started);
        }
    }

    /**
     * The purpose as text: percent-encoded UTF-8 is decoded, and raw UTF-8 bytes (which the servlet
     * container reads as ISO-8859-1) are re-read as UTF-8.
     */
    private String purpose(String header) {
        if (header == null || header.isBlank()) {
            throw missingPurpose("header is required: state what this call's data is for (QZ 8.2 records the purpose of every use)");
        }
        String purpose = header.strip();
        if (purpose.indexOf('%') >= 0) {
            try {
                purpose = URLDecoder.decode(purpose.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw missingPurpose("is not valid percent-encoded UTF-8");
            }
        } else if (purpose.chars().anyMatch(ch -> ch > 0x7F)) {
            try {
                purpose = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(purpose.getBytes(StandardCharsets.ISO_8859_1))).toString();
            } catch (CharacterCodingException e) {
                // Not UTF-8 bytes after all: keep the text as the container read it.
            }
        }
        purpose = purpose.strip();
        if (purpose.isEmpty()) {
            throw missingPurpose("must not be blank");
        }
        if (purpose.length() > properties.maxPurposeLength()) {
            throw missingPurpose("must be at most " + properties.maxPurposeLength() + " characters");
        }
        return purpose;
    }

    private static ExchangeException missingPurpose(String message) {
        return ExchangeException.denied(HttpStatus.BAD_REQUEST, "validation", "Invalid request", PURPOSE + ": " + message,
                Map.of("errors", List.of(Map.of("field", PURPOSE, "message", message))));
    }

    private static int number(String value, String name, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ExchangeException.denied(HttpStatus.BAD_REQUEST, "validation", "Invalid request", name + ": must be a whole number",
                    Map.of("errors", List.of(Map.of("field", name, "message", "must be a whole number"))));
        }
    }
}
