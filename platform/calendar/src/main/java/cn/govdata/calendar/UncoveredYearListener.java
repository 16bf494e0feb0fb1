package cn.govdata.calendar;

/**
 * Told when the calendar answered a question about a year it has no official schedule for, from the
 * provisional schedule the holiday law gives that year. Such answers are right about the statutory
 * days but know nothing of the notice's 调休, so the Spring layer logs a warning and counts them;
 * operators fix it by loading the year's notice.
 *
 * <p>Called at most once per year per calendar operation, on the calling thread; implementations
 * must be thread-safe and cheap.
 */
@FunctionalInterface
public interface UncoveredYearListener {

    UncoveredYearListener NONE = year -> { };

    void onUncoveredYear(int year);
}
