package cn.govdata.catalog.spreadsheet;

import cn.govdata.catalog.department.Departments;
import cn.govdata.catalog.entry.CatalogEntry;
import cn.govdata.catalog.entry.Entries;
import cn.govdata.catalog.entry.EntryAccess;
import cn.govdata.catalog.entry.EntryContent;
import cn.govdata.catalog.entry.EntryStatus;
import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The template, empty or filled with a department's entries (their current content: the working
 * copy where one exists, else the published version), so that export, edit, import round-trips.
 */
@Service
class ExportingEntries {

    private static final Logger log = LoggerFactory.getLogger(ExportingEntries.class);

    private final Entries entries;
    private final Departments departments;
    private final SpreadsheetProperties limits;

    ExportingEntries(Entries entries, Departments departments, SpreadsheetProperties limits) {
        this.entries = entries;
        this.departments = departments;
        this.limits = limits;
    }

    /** Officers export their own department; the bureau any department, which it must name. */
    String department(Caller caller, String requested) {
        String department = requested == null || requested.isBlank() ? null : requested.strip();
        if (caller.isBureau()) {
            if (department == null) {
                throw Refusal.invalidField("department", "is required for the bureau");
            }
            if (!departments.exists(department)) {
                throw Refusal.notFound("Department", department);
            }
            return department;
        }
        if (!caller.hasRole(Roles.DEPT_DATA_OFFICER) || caller.departmentCode().isEmpty()) {
            throw Refusal.forbidden("Only a department data officer or the bureau exports catalog entries");
        }
        String own = caller.departmentCode().get();
        if (department != null && !department.equals(own)) {
            throw Refusal.forbidden("A data officer of " + own + " may not export the entries of " + department);
        }
        return own;
    }

    /** Withdrawn entries are left out: re-importing them would catalogue data the department took down. */
    List<EntryContent> contents(String department) {
        return entries.entriesOf(department, null).stream()
                .filter(e -> e.status() != EntryStatus.WITHDRAWN)
                .map(CatalogEntry::current)
                .toList();
    }

    void writeTemplate(SpreadsheetFormat format, OutputStream out) throws IOException {
        write(format, Collections.emptyIterator(), out);
    }

    void writeEntries(SpreadsheetFormat format, String department, List<EntryContent> contents, OutputStream out) throws IOException {
        long started = System.nanoTime();
        write(format, contents.stream().map(EntryRows::cells).iterator(), out);
        log.info("Exported {} entries of {} as {} in {} ms", contents.size(), department, format.extension,
                (System.nanoTime() - started) / 1_000_000);
    }

    private void write(SpreadsheetFormat format, Iterator<List<String>> rows, OutputStream out) throws IOException {
        switch (format) {
            case XLSX -> XlsxTable.write(out, rows, limits.maxRows(), limits.maxFileSizeText());
            case CSV -> CsvTable.write(out, TemplateHeader.labels(), rows);
        }
    }
}
