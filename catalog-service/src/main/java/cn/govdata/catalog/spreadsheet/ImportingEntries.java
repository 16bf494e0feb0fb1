package cn.govdata.catalog.spreadsheet;

import cn.govdata.catalog.department.Departments;
import cn.govdata.catalog.entry.CatalogEntry;
import cn.govdata.catalog.entry.CataloguingEntries;
import cn.govdata.catalog.entry.Entries;
import cn.govdata.catalog.entry.EntryAccess;
import cn.govdata.catalog.entry.EntryContent;
import cn.govdata.catalog.entry.EntryRequest;
import cn.govdata.catalog.entry.EntryRules;
import cn.govdata.catalog.entry.EntryStatus;
import cn.govdata.catalog.spreadsheet.EntryRows.ParsedRow;
import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Bulk cataloguing: a department's data officer uploads the template filled with many entries and
 * gets them all as drafts, or a list of every row's errors and none at all.
 *
 * <p>All or nothing without transactions. Every row is parsed and checked (Bean Validation,
 * {@link EntryRules}, ownership and department references) before anything is written, so a
 * rejected file writes nothing. The drafts of an accepted file then go to the store in one
 * {@link Entries#insertAll} — one ordered insertMany. On a real MongoDB that is not atomic: if the
 * service or the connection dies in the middle, a prefix of the documents is stored and the rest is
 * not, and the client sees a failed request and uploads again. A naive retry would then store the
 * prefix a second time under new resource codes.
 *
 * <p>So each import has a record in the {@code imports} collection, keyed by department and import
 * id (the client's {@code importId}, else a hash of the rows' content), written before the entries:
 * <ol>
 *   <li>CLAIMED — inserted with a lease; the unique key makes a concurrent duplicate upload lose;</li>
 *   <li>PLANNED — the resource codes of all rows, allocated and recorded <em>before</em> the insert;</li>
 *   <li>STORED — after the insert; COMPLETED — after the optional submission.</li>
 * </ol>
 * A repeat of a COMPLETED import is refused with 409 naming the entries it created. A repeat of an
 * import that did not complete (a crash) waits for the lease to lapse, takes the record over, and
 * finishes the plan: rows whose planned entry exists are kept, the missing ones are drafted again
 * under their planned codes and inserted (a late insert by the crashed request then fails on the
 * duplicate _id instead of duplicating the entry), drafts still unsubmitted are submitted. The retry
 * answers 201 with the same entry ids the first request would have. Between crash and retry the
 * stored prefix is visible as ordinary drafts of the department; the import record says it is
 * incomplete ({@code GET …/entries/imports/{importId}}).
 */
@Service
class ImportingEntries {

    private static final Logger log = LoggerFactory.getLogger(ImportingEntries.class);
    private static final Pattern IMPORT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
    private static final Pattern LIST_ELEMENT = Pattern.compile("\\.?<[a-z ]+>");

    private final CataloguingEntries cataloguing;
    private final Entries entries;
    private final Departments departments;
    private final Imports imports;
    private final Validator validator;
    private final SpreadsheetProperties limits;
    private final Clock clock;

    ImportingEntries(CataloguingEntries cataloguing, Entries entries, Departments departments, Imports imports,
                     Validator validator, SpreadsheetProperties limits, Clock clock) {
        this.cataloguing = cataloguing;
        this.entries = entries;
        this.departments = departments;
        this.imports = imports;
        this.validator = validator;
        this.limits = limits;
        this.clock = clock;
    }

    record Upload(String filename, String contentType, byte[] bytes) {
    }

    record ImportResult(String importId, int created, List<String> entryIds, boolean submitted) {
    }

    record ImportStatus(String importId, String department, ImportRecord.State state, int rows, List<String> entryIds,
                        boolean submit, String startedBy, Instant startedAt, Instant updatedAt) {
    }

    private record Run(ImportRecord record, String attempt, boolean resumed) {
        String key() {
            return record.id();
        }
    }

    ImportResult importFile(Upload upload, boolean submit, String requestedImportId, Caller caller) {
        String department = requireOfficer(caller);
        if (requestedImportId != null && !IMPORT_ID.matcher(requestedImportId).matches()) {
            throw Refusal.invalidField("importId", "must be 1-100 letters, digits, '.', '_', ':' or '-'");
        }
        long t0 = System.nanoTime();
        List<ParsedRow> rows = parse(upload);
        long t1 = System.nanoTime();
        log.info("Import by {} ({}): {} rows parsed from '{}' in {} ms", caller.actor(), department, rows.size(),
                upload.filename(), ms(t0, t1));

        Map<Integer, List<RowError>> errors = validate(rows, caller);
        if (!errors.isEmpty()) {
            log.info("Import by {} ({}) rejected: {} of {} rows have errors", caller.actor(), department, errors.size(), rows.size());
            throw rejected(errors, rows.size());
        }
        List<EntryContent> contents = rows.stream().map(r -> r.request().toContent()).toList();
        String hash = contentHash(department, contents);
        String importId = requestedImportId != null ? requestedImportId : "sha256-" + hash.substring(0, 32);
        long t2 = System.nanoTime();

        Run run = begin(importId, department, hash, rows.size(), submit, caller);
        try {
            List<String> ids = store(run, rows, contents, caller);
            long t3 = System.nanoTime();
            imports.stored(run.key(), run.attempt(), submit, clock.instant(), leaseFromNow());
            if (submit) {
                submitAll(run, ids, caller);
            }
            imports.completed(run.key(), run.attempt(), clock.instant());
            log.info("Import {} by {} ({}) {}: {} entries; validated in {} ms, stored in {} ms{}; {} ms in all", importId,
                    caller.actor(), department, run.resumed() ? "resumed and completed" : "completed", ids.size(),
                    ms(t1, t2), ms(t2, t3), submit ? ", submitted in " + ms(t3, System.nanoTime()) + " ms" : "",
                    ms(t0, System.nanoTime()));
            return new ImportResult(importId, ids.size(), ids, submit);
        } catch (RuntimeException e) {
            imports.release(run.key(), run.attempt(), clock.instant());
            throw e;
        }
    }

    ImportStatus status(String importId, String requestedDepartment, Caller caller) {
        String department;
        if (caller.isBureau()) {
            if (requestedDepartment == null || requestedDepartment.isBlank()) {
                throw Refusal.invalidField("department", "is required for the bureau");
            }
            department = requestedDepartment.strip();
        } else {
            department = requireOfficer(caller);
        }
        ImportRecord r = imports.find(ImportRecord.key(department, importId))
                .orElseThrow(() -> Refusal.notFound("Import", importId));
        return new ImportStatus(r.importId(), r.department(), r.state(), r.rows(), r.entryIds(), r.submit(), r.startedBy(),
                r.startedAt(), r.updatedAt());
    }

    private String requireOfficer(Caller caller) {
        if (!caller.hasRole(Roles.DEPT_DATA_OFFICER) || caller.departmentCode().isEmpty()) {
            throw Refusal.forbidden("Only a department data officer imports catalog entries, for the own department");
        }
        return caller.departmentCode().get();
    }

    // ---------------------------------------------------------------- parsing

    private List<ParsedRow> parse(Upload upload) {
        byte[] bytes = upload.bytes();
        if (bytes == null || bytes.length == 0) {
            throw Refusal.invalidField("file", "is empty; upload the filled-in template");
        }
        if (bytes.length > limits.maxFileSize().toBytes()) {
            throw new Refusal(Refusal.Kind.TOO_LARGE, "file-too-large", "File too large",
                    "The file has " + bytes.length + " bytes; at most " + limits.maxFileSizeText() + " are accepted, split it",
                    Map.of("errors", List.of(Map.of("field", "file", "message", "is larger than " + limits.maxFileSizeText())),
                            "maxFileSize", limits.maxFileSizeText()));
        }
        SpreadsheetFormat format = SpreadsheetFormat.detect(upload.filename(), upload.contentType(),
                Arrays.copyOf(bytes, Math.min(bytes.length, 8)));
        List<ParsedRow> rows = new ArrayList<>();
        boolean[] headerSeen = {false};
        RowVisitor visitor = (number, cells) -> {
            if (cells.size() > limits.maxColumns() && !blank(cells.subList(limits.maxColumns(), cells.size()))) {
                throw new Refusal(Refusal.Kind.INVALID, "too-many-columns", "Too many columns",
                        "Row " + number + " has cells beyond column " + limits.maxColumns() + "; start from the template",
                        Map.of("errors", List.of(Map.of("field", "file", "message",
                                "row " + number + " has more than " + limits.maxColumns() + " columns")),
                                "maxColumns", limits.maxColumns()));
            }
            if (blank(cells)) {
                return;
            }
            if (!headerSeen[0]) {
                TemplateHeader.check(cells);
                headerSeen[0] = true;
                return;
            }
            if (rows.size() >= limits.maxRows()) {
                throw new Refusal(Refusal.Kind.INVALID, "too-many-rows", "Too many rows",
                        "The file has more than " + limits.maxRows() + " entries; split it into several files",
                        Map.of("errors", List.of(Map.of("field", "file", "message",
                                "has more than " + limits.maxRows() + " rows")), "maxRows", limits.maxRows()));
            }
            rows.add(EntryRows.read(number, cells));
            if (rows.size() % 1000 == 0) {
                log.info("Import: {} rows parsed so far", rows.size());
            }
        };
        switch (format) {
            case XLSX -> {
                XlsxLimits.check(bytes, limits.xlsx());
                XlsxTable.read(new ByteArrayInputStream(bytes), visitor);
            }
            case CSV -> CsvTable.read(bytes, visitor);
        }
        if (!headerSeen[0]) {
            throw Refusal.invalidField("file", "has no header row; start from the template");
        }
        if (rows.isEmpty()) {
            throw Refusal.invalidField("file", "has the header but no entries");
        }
        return rows;
    }

    private static boolean blank(List<String> cells) {
        return cells.stream().allMatch(c -> c == null || c.isBlank());
    }

    // ---------------------------------------------------------------- validation

    /** Every row's errors, by row number; empty when the whole file may be stored. Writes nothing. */
    private Map<Integer, List<RowError>> validate(List<ParsedRow> rows, Caller caller) {
        Map<Integer, List<RowError>> errors = new TreeMap<>();
        Map<String, Boolean> registered = new HashMap<>();
        for (ParsedRow row : rows) {
            List<RowError> found = new ArrayList<>(row.errors());
            EntryRequest request = row.request();
            for (ConstraintViolation<EntryRequest> v : validator.validate(request)) {
                addUnlessColumnReported(found, new RowError(LIST_ELEMENT.matcher(v.getPropertyPath().toString()).replaceAll(""),
                        v.getMessage()));
            }
            // The rules relate the share/open types to other fields; without those types they would only add noise.
            if (request.shareType() != null && request.openType() != null && request.category() != null) {
                for (EntryRules.Violation v : EntryRules.check(lenientContent(request))) {
                    addUnlessColumnReported(found, new RowError(v.field(), v.message()));
                }
            }
            checkDepartments(found, request, caller, registered);
            if (!found.isEmpty()) {
                found.sort(Comparator.comparingInt((RowError e) -> TemplateColumn.ofPath(e.field()).map(Enum::ordinal)
                        .orElse(Integer.MAX_VALUE)).thenComparing(RowError::field));
                errors.put(row.row(), found);
            }
        }
        return errors;
    }

    /**
     * The same checks {@link CataloguingEntries#newDraft} makes, made here first so that a file
     * with errors allocates no resource codes; newDraft stays the authority when the file is stored.
     */
    private void checkDepartments(List<RowError> found, EntryRequest request, Caller caller, Map<String, Boolean> registered) {
        if (request.providerDepartment() != null && unreported(found, "providerDepartment")) {
            try {
                EntryAccess.requireOfficerOf(caller, request.providerDepartment());
            } catch (Refusal e) {
                found.add(new RowError("providerDepartment", e.getMessage()));
            }
        }
        Map<String, String> references = new LinkedHashMap<>();
        references.put("providerDepartment", request.providerDepartment());
        references.put("collectingDepartment", request.collectingDepartment());
        references.put("approvingDepartment", request.approvingDepartment());
        references.put("providingDepartment", request.providingDepartment());
        references.forEach((field, code) -> {
            if (code != null && unreported(found, field) && !registered.computeIfAbsent(code, departments::exists)) {
                found.add(new RowError(field, "no department with code '" + code + "' is registered"));
            }
        });
    }

    private static boolean unreported(List<RowError> found, String field) {
        return found.stream().noneMatch(e -> e.field().equals(field));
    }

    private static void addUnlessColumnReported(List<RowError> found, RowError error) {
        var column = TemplateColumn.ofPath(error.field());
        boolean reported = found.stream().anyMatch(e -> e.field().equals(error.field())
                || (column.isPresent() && column.equals(TemplateColumn.ofPath(e.field()))));
        if (!reported) {
            found.add(error);
        }
    }

    /** The content of a possibly invalid request, with the gaps that would break {@code toContent} filled. */
    private static EntryContent lenientContent(EntryRequest r) {
        return new EntryRequest(r.name() == null ? "" : r.name(), r.summary() == null ? "" : r.summary(), r.category(),
                r.classCode(), r.itemCode(), r.basicKind(), r.providerDepartment(), r.sourceSystem(), r.collectingDepartment(),
                r.approvingDepartment(), r.providingDepartment(), r.formats(), r.form(),
                r.dataItems() == null ? List.of() : r.dataItems().stream().filter(i -> i != null && i.name() != null).toList(),
                r.dictionary(), r.shareType(), r.shareConditions(), r.shareScope(), r.shareReason(), r.shareLegalBasis(),
                r.shareMethods(), r.openType(), r.openConditions(), r.openReason(), r.openLegalBasis(), r.obtainedBySharing(),
                r.updateFrequency(), r.topic(), r.industry(), r.region(), r.grade(), r.priorityDomains()).toContent();
    }

    private static Refusal rejected(Map<Integer, List<RowError>> errors, int rowCount) {
        List<Map<String, Object>> rows = new ArrayList<>();
        errors.forEach((row, list) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("row", row);
            entry.put("errors", list.stream().map(RowError::toMap).toList());
            rows.add(entry);
        });
        var first = errors.entrySet().iterator().next();
        String detail = errors.size() + " of " + rowCount + " rows have errors; nothing was stored. First: row "
                + first.getKey() + ", " + first.getValue().get(0).field() + " " + first.getValue().get(0).message();
        return new Refusal(Refusal.Kind.INVALID, "import-rejected", "Import rejected", detail,
                Map.of("rows", rows, "rowCount", rowCount));
    }

    private static List<RowError> rowErrors(Refusal e) {
        if (e.properties().get("errors") instanceof List<?> list && !list.isEmpty()) {
            return list.stream().filter(Map.class::isInstance).map(Map.class::cast)
                    .map(m -> new RowError(String.valueOf(m.get("field")), String.valueOf(m.get("message")))).toList();
        }
        // newDraft's only other refusal is the ownership check.
        return List.of(new RowError("providerDepartment", e.getMessage()));
    }

    // ---------------------------------------------------------------- idempotent storing

    private Run begin(String importId, String department, String hash, int rowCount, boolean submit, Caller caller) {
        String key = ImportRecord.key(department, importId);
        String attempt = UUID.randomUUID().toString();
        for (int tries = 0; tries < 3; tries++) {
            Instant now = clock.instant();
            ImportRecord fresh = new ImportRecord(key, importId, department, hash, rowCount, submit, ImportRecord.State.CLAIMED,
                    List.of(), caller.actor(), now, now, attempt, now.plus(limits.importLease()));
            if (imports.claim(fresh)) {
                return new Run(fresh, attempt, false);
            }
            var existing = imports.find(key);
            if (existing.isEmpty()) {
                continue; // the other request abandoned its claim meanwhile
            }
            ImportRecord r = existing.get();
            if (!r.contentHash().equals(hash)) {
                throw new Refusal(Refusal.Kind.CONFLICT, "import-id-reused", "Import id already used",
                        "importId '" + importId + "' was used by " + r.startedBy() + " at " + r.startedAt()
                                + " for a different file; choose a new importId", Map.of("importId", importId));
            }
            if (r.state() == ImportRecord.State.COMPLETED) {
                throw new Refusal(Refusal.Kind.CONFLICT, "import-duplicate", "Already imported",
                        "This file was already imported by " + r.startedBy() + " at " + r.startedAt() + " as import '"
                                + importId + "' (" + r.entryIds().size() + " entries); to import the same content again, "
                                + "pass a new importId", Map.of("importId", importId, "entryIds", r.entryIds(),
                        "created", r.entryIds().size()));
            }
            var taken = imports.takeOver(key, attempt, now, now.plus(limits.importLease()));
            if (taken.isEmpty()) {
                throw new Refusal(Refusal.Kind.CONFLICT, "import-in-progress", "Import in progress",
                        "Import '" + importId + "' is being processed by another request; retry after " + r.leaseUntil(),
                        Map.of("importId", importId, "retryAfter", String.valueOf(r.leaseUntil())));
            }
            log.warn("Import {} ({}) resumes an interrupted attempt by {} (state {}, {} entries planned)", importId, department,
                    r.startedBy(), r.state(), r.entryIds().size());
            return new Run(taken.get(), attempt, true);
        }
        throw Refusal.conflict("import-in-progress", "Import '" + importId + "' is contended; retry");
    }

    /** Drafts the rows (or the missing ones, when resuming), records the plan, then stores them in one insert. */
    private List<String> store(Run run, List<ParsedRow> rows, List<EntryContent> contents, Caller caller) {
        List<String> planned = run.record().entryIds();
        boolean replan = planned == null || planned.size() != contents.size();
        Map<Integer, List<RowError>> errors = new TreeMap<>();
        List<CatalogEntry> drafts = new ArrayList<>();
        List<String> ids = new ArrayList<>(contents.size());
        for (int i = 0; i < contents.size(); i++) {
            if (!replan && entries.findEntry(planned.get(i)).isPresent()) {
                ids.add(planned.get(i));
                continue;
            }
            try {
                CatalogEntry draft = cataloguing.newDraft(contents.get(i), caller);
                if (!replan) {
                    // Re-drafting allocated a fresh code; the planned one is what this row must become.
                    draft = new CatalogEntry(planned.get(i), draft.versions(), draft.working(), draft.withdrawal(),
                            draft.filing(), draft.history());
                }
                drafts.add(draft);
                ids.add(draft.id());
            } catch (Refusal e) {
                // Something changed since validation (a department was removed, the officer's role revoked).
                errors.put(rows.get(i).row(), rowErrors(e));
            }
        }
        if (!errors.isEmpty()) {
            if (replan) {
                imports.abandon(run.key(), run.attempt());
            }
            throw rejected(errors, rows.size());
        }
        if (replan) {
            imports.planned(run.key(), run.attempt(), ids, clock.instant(), leaseFromNow());
        }
        insert(drafts);
        return ids;
    }

    private void insert(List<CatalogEntry> drafts) {
        List<CatalogEntry> pending = drafts;
        for (int tries = 1; !pending.isEmpty(); tries++) {
            try {
                entries.insertAll(pending);
                return;
            } catch (DuplicateKeyException e) {
                // A request whose lease we took over was still alive and stored some planned codes: keep those.
                if (tries == 3) {
                    throw e;
                }
                pending = pending.stream().filter(d -> entries.findEntry(d.id()).isEmpty()).toList();
                log.warn("Import insert met already stored entries; {} still to store", pending.size());
            }
        }
    }

    private void submitAll(Run run, List<String> ids, Caller caller) {
        Set<String> skip = new HashSet<>();
        if (run.resumed()) {
            // Only drafts: a resumed import must not resubmit what was submitted, returned or edited since.
            for (String id : ids) {
                entries.findEntry(id).filter(e -> e.status() != EntryStatus.DRAFT).ifPresent(d -> skip.add(id));
            }
        }
        int submitted = 0;
        for (String id : ids) {
            if (skip.contains(id)) {
                continue;
            }
            cataloguing.submit(id, caller);
            if (++submitted % 500 == 0) {
                // Thousands of submissions take minutes on a slow store: keep the lease from lapsing under us.
                imports.stored(run.key(), run.attempt(), true, clock.instant(), leaseFromNow());
                log.info("Import {}: {} of {} entries submitted", run.record().importId(), submitted, ids.size());
            }
        }
    }

    private Instant leaseFromNow() {
        return clock.instant().plus(limits.importLease());
    }

    /** Identifies the content, not the bytes: the same rows re-saved by Excel are the same import. */
    static String contentHash(String department, List<EntryContent> contents) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((department + "\n").getBytes(StandardCharsets.UTF_8));
            for (EntryContent content : contents) {
                String line = EntryRows.cells(content).stream().map(CsvTable::field).collect(Collectors.joining(",")) + "\r\n";
                digest.update(line.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
