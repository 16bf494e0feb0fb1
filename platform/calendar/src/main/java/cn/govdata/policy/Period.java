package cn.govdata.policy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statutory time limit such as 15 working days or 3 months. Written and parsed as
 * {@code <amount><unit symbol>}: {@code 15wd}, {@code 10d}, {@code 1m}, {@code 3y}.
 */
public record Period(int amount, PeriodUnit unit) {

    private static final Pattern TEXT = Pattern.compile("(\\d{1,4})(wd|d|m|y)");

    public Period {
        if (amount < 1) {
            throw new IllegalArgumentException("A period must be at least 1 but was " + amount);
        }
        if (unit == null) {
            throw new IllegalArgumentException("A period needs a unit");
        }
    }

    public static Period workingDays(int amount) {
        return new Period(amount, PeriodUnit.WORKING_DAYS);
    }

    public static Period calendarDays(int amount) {
        return new Period(amount, PeriodUnit.CALENDAR_DAYS);
    }

    public static Period months(int amount) {
        return new Period(amount, PeriodUnit.MONTHS);
    }

    public static Period years(int amount) {
        return new Period(amount, PeriodUnit.YEARS);
    }

    /** Parses {@code 7wd}, {@code 10d}, {@code 1m} or {@code 3y}. */
    public static Period parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a period; write <amount><unit> with unit "
                    + "wd (working days), d (calendar days), m (months) or y (years), e.g. 7wd");
        }
        int amount = Integer.parseInt(m.group(1));
        return switch (m.group(2)) {
            case "wd" -> workingDays(amount);
            case "d" -> calendarDays(amount);
            case "m" -> months(amount);
            default -> years(amount);
        };
    }

    @Override
    public String toString() {
        return amount + unit.symbol();
    }
}
