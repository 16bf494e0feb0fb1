package cn.govdata.audit.supervision;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.events.audit.AuditEvents.ScoreItem;
import cn.govdata.platform.config.GovdataPlatformAutoConfiguration;
import cn.govdata.policy.JurisdictionProfile;
import cn.govdata.policy.Period;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

// Longer than the house's ~350 lines on purpose: every score item (NT 31, SY 12, QY 47) is a few
// lines over the same loaded facts and period, and reading them side by side with their articles is
// how a reviewer checks the scorecard; split apart, each part would need the facts loader anyway.
/**
 * Supervision scorecards per department (NT 31, SY 12, QY 47), computed from the facts the trail
 * projected. Rate items count the cases due (or done) within the period and how many were on time;
 * state items (catalog completeness, grants in use) judge the department's catalog and grants as
 * at the end of the period. A score is a percentage, or null when the period had nothing to judge.
 */
@Component
public class Scorecards {

    public static final List<String> ITEMS = List.of("catalog-completeness", "element-completeness", "timely-catalog-updates",
            "publication-per-attributes", "data-updated-per-frequency", "approval-timeliness", "objection-handling-on-time",
            "grants-in-use");
    private static final Set<String> NOT_APPROVALS = Set.of("catalog-duty");
    private static final int EXAMPLES = 5;

    private final MongoTemplate mongo;
    private final JurisdictionProfile profile;
    private final WorkingDayCalendar calendar;
    private final Clock clock;

    Scorecards(MongoTemplate mongo, JurisdictionProfile profile, WorkingDayCalendar calendar, Clock clock) {
        this.mongo = mongo;
        this.profile = profile;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** Every department with facts or a directory entry, ordered by code. */
    public List<Scorecard> all(Instant from, Instant to) {
        Set<String> departments = new TreeSet<>();
        mongo.find(new Query(), Document.class, SupervisionFacts.DEPARTMENTS).forEach(d -> departments.add(d.getString("_id")));
        mongo.find(new Query(), Document.class, "directory").forEach(d -> departments.add(d.getString("_id")));
        boolean published = openDataPublished();
        return departments.stream().map(d -> compute(load(d, from, to, published), d, from, to)).toList();
    }

    public Scorecard one(String department, Instant from, Instant to) {
        return compute(load(department, from, to, openDataPublished()), department, from, to);
    }

    /** Open cases by kind: approvals not yet decided, objection cases not closed, duties not fulfilled. */
    public Map<String, Long> openCases() {
        Map<String, Long> open = new TreeMap<>();
        for (String kind : List.of("approval", "objection", "duty")) {
            open.put(kind, mongo.count(Query.query(Criteria.where(SupervisionFacts.OPEN_KIND).is(kind)), SupervisionFacts.COLLECTION));
        }
        return open;
    }

    private Scorecard compute(Facts facts, String department, Instant from, Instant to) {
        Instant now = clock.instant();
        Instant asOf = to.isAfter(now) ? now : to;
        List<ScoreItem> items = List.of(catalogCompleteness(facts, department), elementCompleteness(facts, department),
                timelyUpdates(facts, department, from, to, asOf), publicationPerAttributes(facts, department),
                updatedPerFrequency(facts, department, asOf), approvalTimeliness(facts, department, from, to, asOf),
                objectionsOnTime(facts, department, from, to), grantsInUse(facts, department, asOf));
        var scored = items.stream().map(ScoreItem::score).filter(Objects::nonNull).toList();
        Double overall = scored.isEmpty() ? null : round(scored.stream().mapToDouble(Double::doubleValue).average().orElse(0));
        return new Scorecard(department, overall, items, from, to, profile.id(), now);
    }

    private ScoreItem catalogCompleteness(Facts facts, String department) {
        var entries = facts.of("entry", department).stream().filter(f -> !f.flag("withdrawn")).toList();
        var incomplete = entries.stream().filter(f -> !(f.has("shareType") && f.has("openType") && f.flag("hasDictionary"))).toList();
        return item("catalog-completeness", entries.size() - incomplete.size(), entries.size(),
                "published entries with share and open attributes and a data dictionary (NT 31 (一))", incomplete);
    }

    private ScoreItem elementCompleteness(Facts facts, String department) {
        var entries = facts.of("entry", department).stream().filter(f -> !f.flag("withdrawn")).toList();
        var incomplete = entries.stream().filter(f -> !f.flag("elementsComplete")).toList();
        return item("element-completeness", entries.size() - incomplete.size(), entries.size(),
                "published entries with every catalog element filled in (NT 31 (一)(二))", incomplete);
    }

    private ScoreItem timelyUpdates(Facts facts, String department, Instant from, Instant to, Instant asOf) {
        List<Fact> onTime = new ArrayList<>();
        List<Fact> late = new ArrayList<>();
        for (Fact duty : facts.of("duty", department)) {
            Instant due = duty.date("dueAt");
            Instant done = duty.date("decidedAt");
            if (!within(due, from, to) && !within(done, from, to)) {
                continue;
            }
            if (duty.flag("late") || Boolean.FALSE.equals(duty.get("onTime")) || (done == null && due != null && due.isBefore(asOf))) {
                late.add(duty);
            } else if (done != null) {
                onTime.add(duty);
            }
        }
        late.addAll(unmatchedMissed(facts, department, from, to, p -> p.equals("catalog-duty"), facts.of("duty", department)));
        return item("timely-catalog-updates", onTime.size(), onTime.size() + late.size(),
                "catalog update duties done within the profile's " + profile.catalogUpdate().value() + " (NT 31 (三))", late);
    }

    private ScoreItem publicationPerAttributes(Facts facts, String department) {
        if (!facts.openDataPublished()) {
            return new ScoreItem("publication-per-attributes", null, 0, 0,
                    "not assessed: no open-data publication events on the platform yet (NT 31 (四))");
        }
        var open = facts.of("entry", department).stream().filter(f -> !f.flag("withdrawn"))
                .filter(f -> "UNCONDITIONAL".equals(f.get("openType")) || "CONDITIONAL".equals(f.get("openType"))).toList();
        var unpublished = open.stream().filter(f -> f.date("openDataPublishedAt") == null).toList();
        return item("publication-per-attributes", open.size() - unpublished.size(), open.size(),
                "entries open by their attributes that are published on the open-data portal (NT 31 (四))", unpublished);
    }

    private ScoreItem updatedPerFrequency(Facts facts, String department, Instant asOf) {
        List<Fact> current = new ArrayList<>();
        List<Fact> stale = new ArrayList<>();
        for (Fact entry : facts.of("entry", department)) {
            Instant last = entry.date("openDataPublishedAt");
            Duration allowed = allowance((String) entry.get("updateFrequency"));
            if (entry.flag("withdrawn") || last == null || allowed == null) {
                continue;
            }
            (last.plus(allowed).isBefore(asOf) ? stale : current).add(entry);
        }
        if (current.isEmpty() && stale.isEmpty()) {
            return new ScoreItem("data-updated-per-frequency", null, 0, 0,
                    "not assessed: no published dataset with a regular update frequency (NT 31 (五))");
        }
        return item("data-updated-per-frequency", current.size(), current.size() + stale.size(),
                "published datasets refreshed within their declared update frequency (NT 31 (五))", stale);
    }

    private ScoreItem approvalTimeliness(Facts facts, String department, Instant from, Instant to, Instant asOf) {
        List<Fact> onTime = new ArrayList<>();
        List<Fact> late = new ArrayList<>();
        List<Fact> approvals = facts.of("approval", department);
        Set<String> missedSubjects = facts.of("missed", department).stream()
                .filter(m -> !NOT_APPROVALS.contains(m.string("process")) && !m.string("process").startsWith("objection"))
                .map(m -> m.string("subject")).collect(Collectors.toSet());
        for (Fact a : approvals) {
            if (a.flag("cancelled")) {
                continue;
            }
            Instant due = a.date("dueAt");
            Instant done = a.date("decidedAt");
            if (due == null || (!within(due, from, to) && !within(done, from, to))) {
                continue;
            }
            boolean missed = missedSubjects.contains(a.string("subject"));
            if (a.flag("late") || missed || (done != null && done.isAfter(due)) || (done == null && due.isBefore(asOf))) {
                late.add(a);
            } else if (done != null) {
                onTime.add(a);
            }
        }
        late.addAll(unmatchedMissed(facts, department, from, to,
                p -> !NOT_APPROVALS.contains(p) && !p.startsWith("objection"), approvals));
        return item("approval-timeliness", onTime.size(), onTime.size() + late.size(),
                "reviews, formality checks, share decisions and demand answers done by their statutory deadline "
                        + "(NT 31 (七); share decision " + profile.conditionalShareDecision().value() + ", catalog review "
                        + profile.catalogReview().value() + ")", late);
    }

    private ScoreItem objectionsOnTime(Facts facts, String department, Instant from, Instant to) {
        List<Fact> onTime = new ArrayList<>();
        List<Fact> late = new ArrayList<>();
        List<Fact> cases = facts.of("objection", department);
        Set<String> missedCases = facts.of("missed", department).stream().filter(m -> m.string("process").startsWith("objection"))
                .map(m -> m.string("subject")).collect(Collectors.toSet());
        for (Fact c : cases) {
            Instant closed = c.date("closedAt");
            boolean isLate = c.flag("late") || missedCases.contains(c.string("subject"));
            boolean inPeriod = within(closed, from, to) || within(c.date("dueAt"), from, to)
                    || (isLate && within(c.date("openedAt"), from, to));
            if (!inPeriod) {
                continue;
            }
            if (isLate) {
                late.add(c);
            } else if (closed != null) {
                onTime.add(c);
            }
        }
        late.addAll(unmatchedMissed(facts, department, from, to, p -> p.startsWith("objection"), cases));
        return item("objection-handling-on-time", onTime.size(), onTime.size() + late.size(),
                "objection cases marked, transferred and decided within the profile's limits (NJ 35, QZ 7.2, QY 28)", late);
    }

    private ScoreItem grantsInUse(Facts facts, String department, Instant asOf) {
        Period unused = profile.unusedGrantRevocableAfter().value();
        Instant idleSince = minus(asOf, unused);
        List<Fact> used = new ArrayList<>();
        List<Fact> idle = new ArrayList<>();
        for (Fact g : facts.of("grant", department)) {
            Instant issued = g.date("issuedAt");
            Instant ended = g.date("endedAt");
            Instant validTo = g.date("validTo");
            boolean active = issued != null && !issued.isAfter(asOf) && (ended == null || ended.isAfter(asOf))
                    && (validTo == null || validTo.isAfter(asOf)) && !g.flag("suspended");
            if (!active || issued.isAfter(idleSince)) {
                continue;
            }
            Instant lastAccess = g.date("lastAccessAt");
            (lastAccess != null && !lastAccess.isBefore(idleSince) ? used : idle).add(g);
        }
        return item("grants-in-use", used.size(), used.size() + idle.size(),
                "grants held at least " + unused + " that were used within the last " + unused + " (NT 26)", idle);
    }

    /** Missed deadlines of the given processes whose case has no fact of its own to carry the lateness. */
    private static List<Fact> unmatchedMissed(Facts facts, String department, Instant from, Instant to, Predicate<String> process,
                                              List<Fact> cases) {
        Set<String> subjects = new HashSet<>();
        cases.forEach(c -> subjects.add(c.string("subject")));
        Set<String> seen = new HashSet<>();
        return facts.of("missed", department).stream()
                .filter(m -> process.test(m.string("process")))
                .filter(m -> within(m.date("dueAt"), from, to) || within(m.date("missedAt"), from, to))
                .filter(m -> !subjects.contains(m.string("subject")))
                .filter(m -> seen.add(m.string("process") + "|" + m.string("subject")))
                .toList();
    }

    private static ScoreItem item(String item, long passed, long total, String rule, List<Fact> exceptions) {
        Double score = total == 0 ? null : round(100.0 * passed / total);
        String basis = passed + " of " + total + " " + rule;
        if (!exceptions.isEmpty()) {
            basis += "; not met: " + exceptions.stream().limit(EXAMPLES).map(Fact::label).collect(Collectors.joining(", "))
                    + (exceptions.size() > EXAMPLES ? " and " + (exceptions.size() - EXAMPLES) + " more" : "");
        }
        return new ScoreItem(item, score, passed, total, basis);
    }

    private static boolean within(Instant t, Instant from, Instant to) {
        return t != null && !t.isBefore(from) && t.isBefore(to);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private Instant minus(Instant at, Period period) {
        ZonedDateTime local = at.atZone(GovdataPlatformAutoConfiguration.CHINA);
        return switch (period.unit()) {
            case YEARS -> local.minusYears(period.amount()).toInstant();
            case MONTHS -> local.minusMonths(period.amount()).toInstant();
            case CALENDAR_DAYS -> local.minusDays(period.amount()).toInstant();
            case WORKING_DAYS -> calendar.addWorkingDays(local.toLocalDate(), -period.amount())
                    .atTime(local.toLocalTime()).atZone(GovdataPlatformAutoConfiguration.CHINA).toInstant();
        };
    }

    /** How long a dataset may go without a new version under its declared frequency, with a little slack. */
    static Duration allowance(String frequency) {
        if (frequency == null) {
            return null;
        }
        return switch (frequency) {
            case "REAL_TIME", "DAILY" -> Duration.ofDays(2);
            case "WEEKLY" -> Duration.ofDays(9);
            case "MONTHLY" -> Duration.ofDays(38);
            case "QUARTERLY" -> Duration.ofDays(100);
            case "SEMIANNUAL" -> Duration.ofDays(195);
            case "ANNUAL" -> Duration.ofDays(380);
            default -> null;
        };
    }

    /** The open-data feed has published at least one dataset version (the only fact of kind {@code meta}). */
    private boolean openDataPublished() {
        return mongo.exists(Query.query(Criteria.where("_id").is("meta:open-data")), SupervisionFacts.COLLECTION);
    }

    /**
     * The facts one department's scorecard for {@code from}..{@code to} is judged by, and no
     * others: its catalog entries (current state, one per entry), its cases dated within the period,
     * its grants still valid at the period's end, and, by subject, the missed deadlines and cases
     * that pair with those. Every read goes through a (department, kind, …) index, so the cost
     * follows the department's period, not the platform's history. Ranges are widened to whole
     * milliseconds (dates are stored so); the rules below apply the exact bounds.
     */
    private Facts load(String department, Instant from, Instant to, boolean openDataPublished) {
        Instant now = clock.instant();
        Instant asOf = to.isAfter(now) ? now : to;
        Map<String, Fact> loaded = new java.util.LinkedHashMap<>();
        read(loaded, of(department, "entry"));
        read(loaded, dated(department, "duty", from, to, "dueAt", "decidedAt"));
        read(loaded, dated(department, "approval", from, to, "dueAt", "decidedAt"));
        read(loaded, dated(department, "objection", from, to, "closedAt", "dueAt", "openedAt"));
        read(loaded, dated(department, "missed", from, to, "dueAt", "missedAt"));
        read(loaded, of(department, "grant").orOperator(Criteria.where("validTo").gte(Date.from(asOf.minusMillis(1))),
                Criteria.where("validTo").is(null)));
        // Lateness pairs a case with missed deadlines on the same subject, whenever either is dated.
        Set<String> caseSubjects = loaded.values().stream().filter(f -> Set.of("approval", "objection").contains(f.get("kind")))
                .map(f -> f.string("subject")).collect(Collectors.toSet());
        Set<String> missedSubjects = loaded.values().stream().filter(f -> "missed".equals(f.get("kind")))
                .map(f -> f.string("subject")).collect(Collectors.toSet());
        if (!caseSubjects.isEmpty()) {
            read(loaded, of(department, "missed").and("subject").in(subjects(caseSubjects)));
        }
        if (!missedSubjects.isEmpty()) {
            read(loaded, Criteria.where("department").is(department).and("kind").in("duty", "approval", "objection")
                    .and("subject").in(subjects(missedSubjects)));
        }
        return new Facts(List.copyOf(loaded.values()), openDataPublished);
    }

    private void read(Map<String, Fact> into, Criteria criteria) {
        mongo.find(Query.query(criteria), Document.class, SupervisionFacts.COLLECTION)
                .forEach(d -> into.putIfAbsent(d.getString("_id"), new Fact(d)));
    }

    private static Criteria of(String department, String kind) {
        return Criteria.where("department").is(department).and("kind").is(kind);
    }

    /** Facts of a kind with any of {@code fields} within the period: one indexed branch per field. */
    private static Criteria dated(String department, String kind, Instant from, Instant to, String... fields) {
        Date start = Date.from(from.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        Date end = Date.from(to);
        return new Criteria().orOperator(java.util.Arrays.stream(fields)
                .map(field -> of(department, kind).and(field).gte(start).lte(end)).toList());
    }

    /** A fact without a subject reads as "" in the rules; the store matches a missing one with null. */
    private static List<String> subjects(Set<String> subjects) {
        List<String> values = new ArrayList<>(subjects);
        if (subjects.contains("")) {
            values.add(null);
        }
        return values;
    }

    /** A department's scorecard for a period. */
    public record Scorecard(String department, Double overall, List<ScoreItem> items, Instant periodStart, Instant periodEnd,
                            String jurisdiction, Instant computedAt) {
    }

    /** One department's facts for one period (see {@link #load}). */
    private record Facts(List<Fact> all, boolean openDataPublished) {
        List<Fact> of(String kind, String department) {
            return all.stream().filter(f -> kind.equals(f.get("kind")) && department.equals(f.get("department"))).toList();
        }
    }

    private record Fact(Document doc) {
        Object get(String field) {
            return doc.get(field);
        }

        String string(String field) {
            return doc.get(field) instanceof String s ? s : "";
        }

        boolean has(String field) {
            return doc.get(field) instanceof String s && !s.isBlank();
        }

        boolean flag(String field) {
            return Boolean.TRUE.equals(doc.get(field));
        }

        Instant date(String field) {
            return doc.get(field) instanceof Date d ? d.toInstant() : null;
        }

        String label() {
            String id = doc.getString("_id");
            String what = "missed".equals(doc.get("kind")) ? string("process") + " " + string("subject")
                    : id.substring(id.indexOf(':') + 1);
            Instant due = date("dueAt");
            return what + (due == null ? "" : " (due " + due + ")");
        }
    }
}
