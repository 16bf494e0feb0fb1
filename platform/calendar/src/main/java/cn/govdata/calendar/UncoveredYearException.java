package cn.govdata.calendar;

/** Thrown by a strict calendar instead of answering from a provisional year it has no official schedule for. */
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
