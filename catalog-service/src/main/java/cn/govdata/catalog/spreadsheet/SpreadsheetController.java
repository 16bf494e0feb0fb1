package cn.govdata.catalog.spreadsheet;

import cn.govdata.catalog.entry.EntryContent;
import cn.govdata.catalog.spreadsheet.ImportingEntries.ImportResult;
import cn.govdata.catalog.spreadsheet.ImportingEntries.ImportStatus;
import cn.govdata.catalog.spreadsheet.ImportingEntries.Upload;
import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Bulk cataloguing with the spreadsheet template: download it, import it filled in, export a department's entries in it. */
@RestController
@RequestMapping("/api/catalog/entries")
class SpreadsheetController {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final ImportingEntries importing;
    private final ExportingEntries exporting;
    private final Clock clock;

    SpreadsheetController(ImportingEntries importing, ExportingEntries exporting, Clock clock) {
        this.importing = importing;
        this.exporting = exporting;
        this.clock = clock;
    }

    /** The empty template; the xlsx carries an instructions sheet with an example row. Any signed-in caller. */
    @GetMapping("/template")
    ResponseEntity<StreamingResponseBody> template(@RequestParam(required = false) String format) {
        SpreadsheetFormat f = SpreadsheetFormat.ofParameter(format);
        return download(f, "catalog-entries-template", out -> exporting.writeTemplate(f, out));
    }

    /**
     * Imports every row of the uploaded template as a draft of the officer's department, or none.
     * {@code importId} (or the {@code Idempotency-Key} header) names the import; without it the
     * rows' content does, so uploading the same content again is refused with 409.
     */
    @PostMapping("/import")
    ResponseEntity<ImportResult> importFile(@RequestParam(name = "file", required = false) MultipartFile file,
                                            @RequestParam(defaultValue = "false") boolean submit,
                                            @RequestParam(required = false) String importId,
                                            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                            Caller caller) throws IOException {
        if (file == null) {
            throw Refusal.invalidField("file", "is required: upload the template as multipart field 'file'");
        }
        String id = importId != null && !importId.isBlank() ? importId.strip()
                : idempotencyKey != null && !idempotencyKey.isBlank() ? idempotencyKey.strip() : null;
        ImportResult result = importing.importFile(new Upload(file.getOriginalFilename(), file.getContentType(), file.getBytes()),
                submit, id, caller);
        var location = ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/catalog/entries/imports/{id}")
                .buildAndExpand(result.importId()).toUri();
        return ResponseEntity.created(location).body(result);
    }

    /** Where an import stands, e.g. after a request that timed out. */
    @GetMapping("/imports/{importId}")
    ImportStatus importStatus(@PathVariable String importId, @RequestParam(required = false) String department, Caller caller) {
        return importing.status(importId, department, caller);
    }

    /** The department's entries in the template, streamed. */
    @GetMapping("/export")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String format,
                                                 @RequestParam(required = false) String department, Caller caller) {
        SpreadsheetFormat f = SpreadsheetFormat.ofParameter(format);
        String code = exporting.department(caller, department);
        List<EntryContent> contents = exporting.contents(code);
        String date = LocalDate.now(clock.withZone(CHINA)).format(DateTimeFormatter.BASIC_ISO_DATE);
        return download(f, "catalog-entries-" + code + "-" + date, out -> exporting.writeEntries(f, code, contents, out));
    }

    private static ResponseEntity<StreamingResponseBody> download(SpreadsheetFormat format, String name, StreamingResponseBody body) {
        ContentDisposition disposition = ContentDisposition.attachment().filename(format.filename(name)).build(); // ASCII: department codes only
        return ResponseEntity.ok()
                .contentType(format.mediaType)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }
}
