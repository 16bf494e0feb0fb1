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

/**
 * Working days under the official PRC schedule: public holidays and makeup working days (调休) come
 * from per-year data files, never from code, so operators can add next year's notice without a
 * release.
 *
 * <p>Deadline semantics, shared by every {@code dueWithin*} method: the day of receipt is not
 * counted (as 民法典 第二百零一条 does for periods in days), and the result is the <em>exclusive</em>
 * end of the last day, i.e. 00:00 Asia/Shanghai of the following day. Something done at
 * {@code due.minusNanos(1)} is on time; something done at {@code due} is late.
 *
 * <p>For a year without a loaded schedule the calendar does not quietly pretend: it falls back to
 * Monday–Friday and tells the {@link UncoveredYearListener}, or throws {@link UncoveredYearException}
 * when built {@link Builder#strict() strict}.
 *
 * <p>Immutable and thread-safe.
 */
public final class WorkingDayCalendar {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final SortedSet<Integer> coverage;
    private final Map<Integer, YearSchedule> schedules;
    private final Map<LocalDate, DayKind> listedDays;
    private final UncoveredYearListener listener;
    private final boolean strict;

    private WorkingDayCalendar(Map<Integer, YearSchedule> schedules, UncoveredYearListener listener, boolean strict) {
        this.schedules = Collections.unmodifiableMap(new TreeMap<>(schedules));
        this.coverage = Collections.unmodifiableSortedSet(new TreeSet<>(schedules.keySet()));
        this.listedDays = listedDays(this.schedules);
        this.listener = listener;
        this.strict = strict;
    }

    /** The shipped years only, reporting nothing about uncovered years. */
    public static WorkingDayCalendar shipped() {
        return builder().build();
    }

    /** Starts from the shipped years; see {@link Builder} for overrides. */
    public static Builder builder() {
        return new Builder();
    }

    /** Years with an official schedule loaded. */
    public SortedSet<Integer> coverage() {
        return coverage;
    }

    public boolean isCovered(int year) {
        return coverage.contains(year);
    }

    public Optional<YearSchedule> schedule(int year) {
        return Optional.ofNullable(schedules.get(year));
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
        requirePositive(workingDays, "workingDays");
        return endOf(addWorkingDays(localDate(receivedAt), workingDays));
    }

    /**
     * Exclusive end of the {@code days}th calendar day after receipt, holidays included, for rules
     * stated in plain days (日) such as SY 34's "10日". A last day that falls on a holiday is not moved
     * to the next working day: 民法典 第二百零三条 would do that for civil periods, but whether it binds
     * an administrative reply period is a legal call, not a calendar one.
     */
    public Instant dueWithinCalendarDays(Instant receivedAt, int days) {
        requirePositive(days, "days");
        return endOf(localDate(receivedAt).plusDays(days));
    }

    /**
     * Exclusive end of the day corresponding to the receipt day {@code months} later, or the month's
     * last day where there is none (31 January + 1 month ends on 28/29 February), as 民法典
     * 第二百零二条 counts periods in months.
     */
    public Instant dueWithinMonths(Instant receivedAt, int months) {
        requirePositive(months, "months");
        return endOf(localDate(receivedAt).plusMonths(months));
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

    /** One public operation's view, so an uncovered year is reported once per call, not once per day. */
    private final class Lookup {

        private final SortedSet<Integer> uncovered = new TreeSet<>();

        DayKind kind(LocalDate date) {
            DayKind listed = listedDays.get(date);
            if (listed != null) {
                return listed;
            }
            if (!coverage.contains(date.getYear())) {
                if (strict) {
                    throw new UncoveredYearException(date.getYear());
                }
                uncovered.add(date.getYear());
            }
            DayOfWeek dow = date.getDayOfWeek();
            return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? DayKind.REST_DAY : DayKind.WORKING_DAY;
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

        /** Throw {@link UncoveredYearException} instead of falling back to Monday–Friday. */
        public Builder strict() {
            strict = true;
            return this;
        }

        public WorkingDayCalendar build() {
            Map<Integer, YearSchedule> byYear = new HashMap<>();
            if (shippedYears) {
                putAll(byYear, YearScheduleFiles.shipped(), "shipped");
            }
            if (overrideDirectory != null) {
                putAll(byYear, YearScheduleFiles.directory(overrideDirectory), "override directory");
            }
            putAll(byYear, explicit, "explicit schedule");
            return new WorkingDayCalendar(byYear, listener, strict);
        }

        private static void putAll(Map<Integer, YearSchedule> byYear, List<YearSchedule> layer, String layerName) {
            Map<Integer, YearSchedule> seen = new HashMap<>();
            for (YearSchedule schedule : layer) {
                if (seen.put(schedule.year(), schedule) != null) {
                    throw new IllegalArgumentException("Two " + layerName + "s for " + schedule.year());
                }
            }
            byYear.putAll(seen);
        }
    }
}
