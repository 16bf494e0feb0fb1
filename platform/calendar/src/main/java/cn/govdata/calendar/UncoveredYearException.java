package cn.govdata.calendar;

/** Thrown by a strict calendar instead of guessing Monday–Friday for a year it has no schedule for. */
public class UncoveredYearException extends IllegalStateException {

    private final int year;

    UncoveredYearException(int year) {
        super("No official holiday schedule loaded for " + year
                + "; add cn-" + year + ".properties to the calendar override directory");
        this.year = year;
    }

    public int year() {
        return year;
    }
}
