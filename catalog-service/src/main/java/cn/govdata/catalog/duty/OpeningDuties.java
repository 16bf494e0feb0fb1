package cn.govdata.catalog.duty;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.catalog.department.Departments;
import cn.govdata.catalog.entry.CatalogEntry;
import cn.govdata.catalog.entry.EntryAccess;
import cn.govdata.catalog.entry.EntryStatus;
import cn.govdata.catalog.entry.Entries;
import cn.govdata.platform.deadline.Deadline;
import cn.govdata.platform.deadline.DeadlineRegistry;
import cn.govdata.platform.deadline.DeadlineRequest;
import cn.govdata.platform.deadline.ExpiryAction;
import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;
import cn.govdata.policy.RuleKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Opens update duties: a department (or the bureau for it) records that a law, function or
 * system changed and which entries that affects, and must submit their changes within the
 * profile's {@code catalog-update} period from the change (NJ 18, NT 11, QY 12); the bureau opens
 * the yearly census for every department (NT 11).
 */
@Service
class OpeningDuties {

    static final String PROCESS = "catalog-duty";
    static final String STEP = "update";
    static final String CENSUS_CITATION = "NT 11";

    private static final Logger log = LoggerFactory.getLogger(OpeningDuties.class);

    private final Duties duties;
    private final Entries entries;
    private final Departments departments;
    private final DeadlineRegistry deadlines;
    private final DutyEvents events;
    private final DutyProperties properties;
    private final Clock clock;

    OpeningDuties(Duties duties, Entries entries, Departments departments, DeadlineRegistry deadlines, DutyEvents events,
                  DutyProperties properties, Clock clock) {
        this.duties = duties;
        this.entries = entries;
        this.departments = departments;
        this.deadlines = deadlines;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    CatalogDuty open(DutyViews.OpenDutyRequest request, Caller caller) {
        String department = request.department();
        if (!caller.isBureau()) {
            if (!caller.hasRole(Roles.DEPT_DATA_OFFICER) || !caller.departmentCode().map(department::equals).orElse(false)) {
                throw Refusal.forbidden("A department's data officer opens duties for its own department; "
                        + "the bureau for any department");
            }
        }
        Instant now = clock.instant();
        LocalDate today = now.atZone(WorkingDayCalendar.ZONE).toLocalDate();
        LocalDate changedAt = request.changedAt() != null ? request.changedAt() : today;
        List<Map<String, String>> errors = new ArrayList<>();
        if (!departments.exists(department)) {
            errors.add(error("department", "no department with code '" + department + "' is registered"));
        }
        if (request.trigger() == DutyTrigger.ANNUAL_CENSUS) {
            errors.add(error("trigger", "the annual census is opened by the bureau for every department with POST /api/catalog/census/{year}"));
        }
        if (changedAt.isAfter(today)) {
            errors.add(error("changedAt", "is in the future; give the day the change was published"));
        }
        List<String> entryIds = request.entryIds().stream().map(String::strip).distinct().toList();
        String region = null;
        for (int i = 0; i < entryIds.size(); i++) {
            Optional<CatalogEntry> entry = entries.findEntry(entryIds.get(i));
            String field = "entryIds[" + i + "]";
            if (entry.isEmpty()) {
                errors.add(error(field, "no catalog entry '" + entryIds.get(i) + "'"));
            } else if (!department.equals(entry.get().providerDepartment())) {
                errors.add(error(field, entryIds.get(i) + " is an entry of " + entry.get().providerDepartment() + ", not of " + department));
            } else if (entry.get().status() == EntryStatus.WITHDRAWN) {
                errors.add(error(field, entryIds.get(i) + " is withdrawn and can no longer be changed"));
            } else if (region == null) {
                region = entry.get().current().region();
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        String id = "DUTY-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        // The period runs from the day of the change, whose own day does not count (WorkingDayCalendar).
        Deadline deadline = deadlines.register(DeadlineRequest.forStep(PROCESS, STEP, id)
                .responsible(department, region)
                .within(changedAt.atStartOfDay(WorkingDayCalendar.ZONE).toInstant(), RuleKey.CATALOG_UPDATE)
                .onExpiry(ExpiryAction.MARK_OVERDUE));
        CatalogDuty duty = CatalogDuty.open(id, department, region, request.trigger(), request.description().strip(), changedAt,
                null, entryIds, caller.actor(), now, deadline.dueAt(), deadline.ruleCitation());
        duties.insert(duty, events.opened(duty));
        log.info("Duty {} ({}) opened for {} by {}: {} entries due {}{}", id, duty.trigger(), department, caller.actor(),
                entryIds.size(), duty.dueAt(), duty.citation() == null ? "" : " per " + duty.citation());
        return duty;
    }

    /** One census duty per registered department; a department that has one for the year gets none. */
    DutyViews.CensusResult openCensus(int year, Caller bureau) {
        EntryAccess.requireBureau(bureau);
        Instant now = clock.instant();
        Instant due = properties.censusDue().atYear(year).plusDays(1).atStartOfDay(WorkingDayCalendar.ZONE).toInstant();
        if (!now.isBefore(due)) {
            throw Refusal.invalidField("year", "the census of " + year + " was due by " + due + "; it can no longer be opened");
        }
        List<String> opened = new ArrayList<>();
        List<String> alreadyOpen = new ArrayList<>();
        for (String department : departments.codes()) {
            String id = censusId(year, department);
            if (duties.exists(id)) {
                alreadyOpen.add(id);
                continue;
            }
            deadlines.register(DeadlineRequest.forStep(PROCESS, STEP, id).responsible(department, null).dueAt(due)
                    .citing(CENSUS_CITATION).onExpiry(ExpiryAction.MARK_OVERDUE));
            CatalogDuty duty = CatalogDuty.open(id, department, null, DutyTrigger.ANNUAL_CENSUS,
                    year + "年度政务数据资源目录全面普查", null, year, List.of(), bureau.actor(), now, due, CENSUS_CITATION);
            try {
                duties.insert(duty, events.opened(duty));
                opened.add(id);
            } catch (DuplicateKeyException concurrentlyOpened) {
                alreadyOpen.add(id);
            }
        }
        log.info("Census {} opened by {}: {} new duties, {} already open, due {}", year, bureau.actor(), opened.size(),
                alreadyOpen.size(), due);
        return new DutyViews.CensusResult(year, due, opened, alreadyOpen);
    }

    static String censusId(int year, String department) {
        return "CENSUS-" + year + "-" + department;
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    private static Refusal invalid(List<Map<String, String>> errors) {
        String detail = errors.stream().map(e -> e.get("field") + ": " + e.get("message")).collect(Collectors.joining("; "));
        return new Refusal(Refusal.Kind.INVALID, "validation", "Invalid request", detail, Map.of("errors", errors));
    }
}
