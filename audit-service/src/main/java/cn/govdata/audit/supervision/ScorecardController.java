package cn.govdata.audit.supervision;

import cn.govdata.audit.AuditProperties;
import cn.govdata.audit.web.DepartmentAccess;
import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Supervision scorecards (NT 31): the bureau and auditors see every department, a department its
 * own. Monthly snapshots are the published results (SY 12, QY 47), scoped the same way.
 */
@RestController
@RequestMapping("/api/audit/scorecards")
class ScorecardController {

    private final Scorecards scorecards;
    private final ScorecardSnapshots snapshots;
    private final AuditProperties properties;
    private final Clock clock;

    ScorecardController(Scorecards scorecards, ScorecardSnapshots snapshots, AuditProperties properties, Clock clock) {
        this.scorecards = scorecards;
        this.snapshots = snapshots;
        this.properties = properties;
        this.clock = clock;
    }

    /** Current scorecards: cases due within the configured window up to now, or within {@code from}..{@code to}. */
    @GetMapping
    @PreAuthorize(DepartmentAccess.OVERSIGHT_OR_DEPARTMENT)
    List<Scorecards.Scorecard> all(Caller caller,
                                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        Instant end = to == null ? clock.instant().plusSeconds(1) : to;
        Instant start = from == null ? end.minus(properties.scorecards().window()) : from;
        check(start, end);
        if (DepartmentAccess.oversees(caller)) {
            return scorecards.all(start, end);
        }
        return List.of(scorecards.one(DepartmentAccess.readable(caller, null, "scorecard"), start, end));
    }

    @GetMapping("/{department}")
    @PreAuthorize(DepartmentAccess.OVERSIGHT_OR_DEPARTMENT)
    Scorecards.Scorecard one(Caller caller, @PathVariable String department,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        Instant end = to == null ? clock.instant().plusSeconds(1) : to;
        Instant start = from == null ? end.minus(properties.scorecards().window()) : from;
        check(start, end);
        return scorecards.one(DepartmentAccess.readable(caller, department, "scorecard"), start, end);
    }

    @GetMapping("/snapshots")
    @PreAuthorize(DepartmentAccess.OVERSIGHT_OR_DEPARTMENT)
    List<String> months() {
        return snapshots.months();
    }

    /** Scoped like the current scorecards: the bureau and auditors see every department's card, a department its own. */
    @GetMapping("/snapshots/{month}")
    @PreAuthorize(DepartmentAccess.OVERSIGHT_OR_DEPARTMENT)
    SnapshotView snapshot(Caller caller, @PathVariable String month) {
        var snapshot = snapshots.find(parse(month).toString())
                .orElseThrow(() -> Refusal.notFound("Scorecard snapshot", month));
        List<Scorecards.Scorecard> cards = snapshot.scorecards();
        if (!DepartmentAccess.oversees(caller)) {
            String own = DepartmentAccess.readable(caller, null, "scorecard");
            cards = cards.stream().filter(c -> own.equals(c.department())).toList();
        }
        return new SnapshotView(snapshot.month(), snapshot.periodStart(), snapshot.periodEnd(), snapshot.takenAt(),
                snapshot.takenBy(), snapshot.provisional(), cards);
    }

    /** A snapshot on the wire: the caller's share of the cards, never the stored document's outbox. */
    record SnapshotView(String month, Instant periodStart, Instant periodEnd, Instant takenAt, String takenBy,
                        boolean provisional, List<Scorecards.Scorecard> scorecards) {
    }

    /** Takes a month's snapshot now (default: last month); a month already taken is never replaced. */
    @PostMapping("/snapshots")
    @PreAuthorize("hasRole('" + Roles.BUREAU_REVIEWER + "')")
    ResponseEntity<ScorecardSnapshots.Snapshot> take(Caller caller, @RequestParam(required = false) String month) {
        YearMonth m = month == null ? YearMonth.from(clock.instant().atZone(cn.govdata.platform.config.GovdataPlatformAutoConfiguration.CHINA)).minusMonths(1)
                : parse(month);
        var snapshot = snapshots.take(m, caller.actor());
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().replaceQuery(null)
                .path("/{month}").buildAndExpand(m.toString()).toUri()).body(snapshot);
    }

    private static YearMonth parse(String month) {
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw Refusal.invalidField("month", "'" + month + "' is not a month; write yyyy-MM, e.g. 2026-10");
        }
    }

    private static void check(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw Refusal.invalidField("to", "must be after 'from'");
        }
    }
}
