package cn.govdata.calendar;

/**
 * Told when the calendar answered a question about a year it has no official schedule for and fell
 * back to Monday–Friday. Such answers are wrong around every holiday of that year, so the Spring
 * layer logs a warning and counts them; operators fix it by dropping the year's file into the
 * override directory.
 *
 * <p>Called at most once per year per calendar operation, on the calling thread; implementations
 * must be thread-safe and cheap.
 */
@FunctionalInterface
public interface UncoveredYearListener {

    UncoveredYearListener NONE = year -> { };

    void onUncoveredYear(int year);
}
