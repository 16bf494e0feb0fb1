package cn.govdata.calendar;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Working days under the official PRC schedule: public holidays and makeup working days (调休) come
 * from per-year data files or uploaded notices, never from code, so operators can add next year's
 * notice without a release.
 *
 * <p>Deadline semantics, shared by every {@code dueWithin*} method: the day of receipt is not
 * counted (as 民法典 第二百零一条 does for periods in days), and the result is the <em>exclusive</em>
 * end of the last day, i.e. 00:00 Asia/Shanghai of the following day. Something done at
 * {@code due.minusNanos(1)} is on time; something done at {@code due} is late.
 *
 * <p>A year without an official schedule is <em>provisional</em>: the calendar derives its statutory
 * holidays, weekend compensation included, from the holiday law ({@link StatutoryHolidays}) and tells
 * the {@link UncoveredYearListener}; a strict calendar throws {@link UncoveredYearException} instead.
 * Years the law is not modelled for (before {@value StatutoryHolidays#EARLIEST_YEAR}) count Monday–Friday.
 * {@link #dueTime} says which years a due time rests on, so it can be recomputed once the notice arrives.
 *
 * <p>Thread-safe. The official years can be replaced at run time with {@link #adopt}: every public
 * operation reads one immutable snapshot, so a question is answered wholly under the old or wholly
 * under the new schedule, never a mixture.
 */
public final class WorkingDayCalendar {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private volatile Snapshot snapshot;
    private final Map<Integer, YearSchedule> provisional = new ConcurrentHashMap<>();
    private final UncoveredYearListener listener;
    private final boolean strict;

    private WorkingDayCalendar(Map<Integer, YearSchedule> schedules, Map<Integer, ScheduleSource> sources,
                               UncoveredYearListener listener, boolean strict) {
        this.snapshot = new Snapshot(schedules, sources);
        this.listener = listener;
        this.strict = strict;
    }

    /** The shipped years only, reporting nothing about provisional years. */
    public static WorkingDayCalendar shipped() {
        return builder().build();
    }

    /** Starts from the shipped years; see {@link Builder} for overrides. */
    public static Builder builder() {
        return new Builder();
    }

    /** Years with an official schedule loaded. */
    public SortedSet<Integer> coverage() {
        return snapshot.coverage;
    }

    public boolean isCovered(int year) {
        return snapshot.coverage.contains(year);
    }

    /** The official schedule of {@code year}, if loaded. */
    public Optional<YearSchedule> schedule(int year) {
        return Optional.ofNullable(snapshot.schedules.get(year));
    }

    /** Where the official schedule of {@code year} came from; empty for a provisional year. */
    public Optional<ScheduleSource> source(int year) {
        return Optional.ofNullable(snapshot.sources.get(year));
    }

    public CalendarBasis basis(int year) {
        return isCovered(year) ? CalendarBasis.OFFICIAL : CalendarBasis.PROVISIONAL;
    }

    /**
     * What the calendar uses for {@code year} while it has no notice: the statutory days derived from
     * the law with their 补假; empty for a year the law is not modelled for.
     */
    public Optional<YearSchedule> provisionalSchedule(int year) {
        if (!StatutoryHolidays.derivable(year)) {
            return Optional.empty();
        }
        return Optional.of(provisional.computeIfAbsent(year, StatutoryHolidays::provisionalSchedule));
    }

    /**
     * Makes {@code schedule} the official schedule of its year from now on, replacing whatever the
     * year had (provisional, shipped or uploaded). Nothing changes when it is refused.
     *
     * @throws IllegalArgumentException when a date it lists contradicts a neighbouring year's schedule
     */
    public synchronized void adopt(YearSchedule schedule, ScheduleSource source) {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(source, "source");
        Map<Integer, YearSchedule> schedules = new HashMap<>(snapshot.schedules);
        Map<Integer, ScheduleSource> sources = new HashMap<>(snapshot.sources);
        schedules.put(schedule.year(), schedule);
        sources.put(schedule.year(), source);
        snapshot = new Snapshot(schedules, sources);
    }

    public DayKind dayKind(LocalDate date) {
        Lookup lookup = new Lookup();
        DayKind kind = lookup.kind(date);
        lookup.report();
        return kind;
    }

    public boolean isWorkingDay(LocalDate date) {
        return dayKind(date).isWorking();
    }

    /**
     * The {@code n}th working day after {@code date}, not counting {@code date} itself; negative
     * {@code n} counts backwards. For a non-working {@code date} and {@code n = 1} this is simply the
     * next working day.
     */
    public LocalDate addWorkingDays(LocalDate date, int n) {
        Lookup lookup = new Lookup();
        LocalDate result = lookup.addWorkingDays(date, n);
        lookup.report();
        return result;
    }

    /**
     * Working days after the day of {@code from} up to and including the day of {@code to}, in
     * Asia/Shanghai; negative when {@code to} is earlier. Consistent with {@link #dueWithin}: a
     * reply sent on the last allowed day has taken exactly the allowed number of working days.
     */
    public long workingDaysBetween(Instant from, Instant to) {
        LocalDate start = localDate(from);
        LocalDate end = localDate(to);
        if (end.isBefore(start)) {
            return -workingDaysBetween(to, from);
        }
        Lookup lookup = new Lookup();
        long count = start.plusDays(1).datesUntil(end.plusDays(1)).filter(d -> lookup.kind(d).isWorking()).count();
        lookup.report();
        return count;
    }

    /**
     * Exclusive end of the {@code workingDays}th working day after receipt. With one working day
     * allowed, a request received on a Friday and one received on a Saturday are both due by the end
     * of the following Monday (if that is a working day).
     */
    public Instant dueWithin(Instant receivedAt, int workingDays) {
        return dueTime(receivedAt, workingDays, Counting.WORKING_DAYS).at();
    }

    /**
     * Exclusive end of the {@code days}th calendar day after receipt, for rules stated in plain days
     * (日) such as SY 34's "10日": holidays inside the period count like any other day, but when the
     * last day is a rest day (weekend or public holiday) the period ends with the next working day,
     * as 民法典 第二百零三条 says for periods whose last day is a 法定休假日.
     */
    public Instant dueWithinCalendarDays(Instant receivedAt, int days) {
        return dueTime(receivedAt, days, Counting.CALENDAR_DAYS).at();
    }

    /**
     * Exclusive end of the day corresponding to the receipt day {@code months} later, or the month's
     * last day where there is none (31 January + 1 month ends on 28/29 February), as 民法典
     * 第二百零二条 counts periods in months.
     */
    public Instant dueWithinMonths(Instant receivedAt, int months) {
        return dueTime(receivedAt, months, Counting.MONTHS).at();
    }

    /** The due time of a period of {@code amount} counted as {@code counting}, with the years it rests on. */
    public DueTime dueTime(Instant receivedAt, int amount, Counting counting) {
        requirePositive(amount, counting == Counting.MONTHS ? "months" : counting == Counting.WORKING_DAYS ? "workingDays" : "days");
        LocalDate received = localDate(receivedAt);
        Lookup lookup = new Lookup();
        LocalDate last = switch (counting) {
            case WORKING_DAYS -> lookup.addWorkingDays(received, amount);
            case CALENDAR_DAYS -> {
                LocalDate plain = received.plusDays(amount);
                yield lookup.kind(plain).isWorking() ? plain : lookup.addWorkingDays(plain, 1);
            }
            case MONTHS -> received.plusMonths(amount);
        };
        lookup.report();
        return new DueTime(endOf(last), lookup.consulted, lookup.uncovered);
    }

    private static LocalDate localDate(Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }

    private static Instant endOf(LocalDate lastDay) {
        return lastDay.plusDays(1).atStartOfDay(ZONE).toInstant();
    }

    private static void requirePositive(int amount, String name) {
        if (amount < 1) {
            throw new IllegalArgumentException(name + " must be at least 1 but was " + amount);
        }
    }

    private static Map<LocalDate, DayKind> listedDays(Map<Integer, YearSchedule> schedules) {
        Map<LocalDate, DayKind> days = new HashMap<>();
        Map<LocalDate, Integer> listedBy = new HashMap<>();
        for (YearSchedule schedule : schedules.values()) {
            schedule.publicHolidays().forEach(d -> put(days, listedBy, d, DayKind.PUBLIC_HOLIDAY, schedule.year()));
            schedule.makeupWorkingDays().forEach(d -> put(days, listedBy, d, DayKind.MAKEUP_WORKING_DAY, schedule.year()));
        }
        return Map.copyOf(days);
    }

    // Only reachable through a date a notice lists in a neighbouring year.
    private static void put(Map<LocalDate, DayKind> days, Map<LocalDate, Integer> listedBy, LocalDate date,
                            DayKind kind, int year) {
        DayKind previous = days.putIfAbsent(date, kind);
        if (previous != null && previous != kind) {
            throw new IllegalArgumentException("The " + listedBy.get(date) + " and " + year + " schedules disagree about "
                    + date + ": " + previous + " versus " + kind);
        }
        listedBy.putIfAbsent(date, year);
    }

    /** The official years at one moment, with the dates they list indexed for lookups. */
    private static final class Snapshot {

        final Map<Integer, YearSchedule> schedules;
        final Map<Integer, ScheduleSource> sources;
        final SortedSet<Integer> coverage;
        final Map<LocalDate, DayKind> listedDays;

        Snapshot(Map<Integer, YearSchedule> schedules, Map<Integer, ScheduleSource> sources) {
            this.schedules = Collections.unmodifiableMap(new TreeMap<>(schedules));
            this.sources = Map.copyOf(sources);
            this.coverage = Collections.unmodifiableSortedSet(new TreeSet<>(schedules.keySet()));
            this.listedDays = listedDays(this.schedules);
        }
    }

    /**
     * One public operation's view: one snapshot of the official years, and the years it looked at,
     * so a provisional year is reported once per call, not once per day.
     */
    private final class Lookup {

        private final Snapshot official = snapshot;
        private final SortedSet<Integer> consulted = new TreeSet<>();
        private final SortedSet<Integer> uncovered = new TreeSet<>();

        DayKind kind(LocalDate date) {
            int year = date.getYear();
            consulted.add(year);
            DayKind listed = official.listedDays.get(date);
            if (listed != null) {
                return listed;
            }
            DayOfWeek dow = date.getDayOfWeek();
            DayKind weekly = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? DayKind.REST_DAY : DayKind.WORKING_DAY;
            if (official.coverage.contains(year)) {
                return weekly;
            }
            if (strict) {
                throw new UncoveredYearException(year);
            }
            uncovered.add(year);
            return provisionalSchedule(year)
                    .filter(schedule -> schedule.publicHolidays().contains(date))
                    .map(schedule -> DayKind.PUBLIC_HOLIDAY)
                    .orElse(weekly);
        }

        LocalDate addWorkingDays(LocalDate date, int n) {
            int step = n < 0 ? -1 : 1;
            LocalDate current = date;
            for (int remaining = Math.abs(n); remaining > 0; ) {
                current = current.plusDays(step);
                if (kind(current).isWorking()) {
                    remaining--;
                }
            }
            return current;
        }

        void report() {
            uncovered.forEach(listener::onUncoveredYear);
        }
    }

    /**
     * Assembles a calendar. Later sources replace earlier ones year by year: shipped files, then
     * files in the {@linkplain #overrideDirectory override directory}, then explicit
     * {@linkplain #schedule schedules}. Replacing a year drops the shipped data for it entirely.
     */
    public static final class Builder {

        private boolean shippedYears = true;
        private Path overrideDirectory;
        private final List<YearSchedule> explicit = new ArrayList<>();
        private UncoveredYearListener listener = UncoveredYearListener.NONE;
        private boolean strict;

        private Builder() {
        }

        /** Leaves out the years shipped in the jar, e.g. to test with hand-made schedules only. */
        public Builder withoutShippedYears() {
            shippedYears = false;
            return this;
        }

        /**
         * Loads every {@code cn-<year>.properties} in {@code directory} (format as the shipped
         * files); the directory must exist. A file for a shipped year replaces that year.
         */
        public Builder overrideDirectory(Path directory) {
            overrideDirectory = Objects.requireNonNull(directory);
            return this;
        }

        public Builder schedule(YearSchedule schedule) {
            explicit.add(Objects.requireNonNull(schedule));
            return this;
        }

        public Builder schedules(List<YearSchedule> schedules) {
            schedules.forEach(this::schedule);
            return this;
        }

        public Builder uncoveredYearListener(UncoveredYearListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        /** Throw {@link UncoveredYearException} instead of answering from a provisional year. */
        public Builder strict() {
            strict = true;
            return this;
        }

        public WorkingDayCalendar build() {
            Map<Integer, YearSchedule> byYear = new HashMap<>();
            Map<Integer, ScheduleSource> sources = new HashMap<>();
            if (shippedYears) {
                putAll(byYear, sources, YearScheduleFiles.shipped(), ScheduleSource.SHIPPED, "shipped");
            }
            if (overrideDirectory != null) {
                putAll(byYear, sources, YearScheduleFiles.directory(overrideDirectory), ScheduleSource.OVERRIDE_FILE,
                        "override directory");
            }
            putAll(byYear, sources, explicit, ScheduleSource.EXPLICIT, "explicit schedule");
            return new WorkingDayCalendar(byYear, sources, listener, strict);
        }

        private static void putAll(Map<Integer, YearSchedule> byYear, Map<Integer, ScheduleSource> sources,
                                   List<YearSchedule> layer, ScheduleSource source, String layerName) {
            Map<Integer, YearSchedule> seen = new HashMap<>();
            for (YearSchedule schedule : layer) {
                if (seen.put(schedule.year(), schedule) != null) {
                    throw new IllegalArgumentException("Two " + layerName + "s for " + schedule.year());
                }
            }
            byYear.putAll(seen);
            seen.keySet().forEach(year -> sources.put(year, source));
        }
    }
}
