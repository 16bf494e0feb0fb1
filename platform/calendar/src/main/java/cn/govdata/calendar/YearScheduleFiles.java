package cn.govdata.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads {@code cn-<year>.properties} files. The format is a strict subset of Java properties so the
 * files stay readable with ordinary tools, but it is parsed by hand: {@link java.util.Properties}
 * would silently keep the last of two duplicate keys, which is exactly the typo that hides a holiday.
 */
final class YearScheduleFiles {

    static final Pattern FILE_NAME = Pattern.compile("cn-(\\d{4})\\.properties");
    private static final String SHIPPED_DIR = "cn/govdata/calendar/";
    private static final String SHIPPED_INDEX = SHIPPED_DIR + "shipped-years.list";
    private static final Pattern DAY_KEY = Pattern.compile("(holiday|workday)\\.[a-z0-9][a-z0-9-]*");
    // The longest official break so far is nine days; a longer range is almost certainly a typo'd month.
    private static final int LONGEST_PLAUSIBLE_RANGE_DAYS = 31;

    private YearScheduleFiles() {
    }

    static List<YearSchedule> shipped() {
        List<YearSchedule> schedules = new ArrayList<>();
        for (String fileName : readResource(SHIPPED_INDEX).lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList()) {
            String origin = "classpath:" + SHIPPED_DIR + fileName;
            schedules.add(parse(readResource(SHIPPED_DIR + fileName), origin, yearFromFileName(fileName, origin)));
        }
        return schedules;
    }

    /** Every {@code cn-<year>.properties} in the directory; other files are ignored. */
    static List<YearSchedule> directory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("Calendar override directory " + directory + " does not exist or is not a directory");
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<YearSchedule> schedules = new ArrayList<>();
            for (Path file : files.filter(f -> FILE_NAME.matcher(f.getFileName().toString()).matches()).sorted().toList()) {
                schedules.add(read(file));
            }
            return schedules;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list calendar override directory " + directory, e);
        }
    }

    static YearSchedule read(Path file) {
        String origin = file.toString();
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), origin,
                    yearFromFileName(file.getFileName().toString(), origin));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read calendar file " + origin, e);
        }
    }

    /**
     * @param expectedYear the year the file name promises, or {@code null} when there is no file name
     */
    static YearSchedule parse(String text, String origin, Integer expectedYear) {
        Integer year = null;
        String notice = null;
        Set<String> keys = new HashSet<>();
        Set<LocalDate> holidays = new TreeSet<>();
        Set<LocalDate> workdays = new TreeSet<>();
        String[] lines = text.replace("\uFEFF", "").split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            String where = origin + ":" + (i + 1);
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(where + ": expected 'key = value' but found '" + line + "'");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (!keys.add(key)) {
                throw new IllegalArgumentException(where + ": key '" + key + "' appears twice");
            }
            if (key.equals("year")) {
                year = parseYear(value, where);
            } else if (key.equals("notice")) {
                if (value.isEmpty()) {
                    throw new IllegalArgumentException(where + ": notice must name the State Council notice");
                }
                notice = value;
            } else if (DAY_KEY.matcher(key).matches()) {
                Set<LocalDate> target = key.startsWith("holiday.") ? holidays : workdays;
                for (LocalDate date : parseDates(value, where)) {
                    if (holidays.contains(date) || workdays.contains(date)) {
                        throw new IllegalArgumentException(where + ": " + date + " is listed more than once");
                    }
                    target.add(date);
                }
            } else {
                throw new IllegalArgumentException(where + ": unknown key '" + key
                        + "'; expected year, notice, holiday.<name> or workday.<name>");
            }
        }
        if (year == null) {
            throw new IllegalArgumentException(origin + ": missing 'year'");
        }
        if (notice == null) {
            throw new IllegalArgumentException(origin + ": missing 'notice' (the State Council notice the dates come from)");
        }
        if (expectedYear != null && !expectedYear.equals(year)) {
            throw new IllegalArgumentException(origin + ": file name says " + expectedYear + " but the file says year = " + year);
        }
        try {
            return new YearSchedule(year, notice, holidays, workdays);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
        }
    }

    private static int yearFromFileName(String fileName, String origin) {
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches()) {
            throw new IllegalArgumentException(origin + ": calendar files must be named cn-<year>.properties");
        }
        return Integer.parseInt(m.group(1));
    }

    private static int parseYear(String value, String where) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": year '" + value + "' is not a number", e);
        }
    }

    private static List<LocalDate> parseDates(String value, String where) {
        List<LocalDate> dates = new ArrayList<>();
        for (String item : value.split(",")) {
            String token = item.strip();
            int dots = token.indexOf("..");
            if (dots < 0) {
                dates.add(parseDate(token, where));
                continue;
            }
            LocalDate first = parseDate(token.substring(0, dots).strip(), where);
            LocalDate last = parseDate(token.substring(dots + 2).strip(), where);
            long days = ChronoUnit.DAYS.between(first, last) + 1;
            if (days < 1 || days > LONGEST_PLAUSIBLE_RANGE_DAYS) {
                throw new IllegalArgumentException(where + ": range '" + token + "' must run forwards over at most "
                        + LONGEST_PLAUSIBLE_RANGE_DAYS + " days");
            }
            first.datesUntil(last.plusDays(1)).forEach(dates::add);
        }
        return dates;
    }

    private static LocalDate parseDate(String token, String where) {
        try {
            return LocalDate.parse(token);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": '" + token + "' is not a date like 2025-10-01", e);
        }
    }

    private static String readResource(String name) {
        try (InputStream in = YearScheduleFiles.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Shipped calendar resource " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read shipped calendar resource " + name, e);
        }
    }
}
