package cn.govdata.calendar;

/**
 * What a date is under the official schedule. {@link #MAKEUP_WORKING_DAY} is a Saturday or Sunday
 * that the State Council notice turns into a working day (调休上班).
 */
public enum DayKind {
    WORKING_DAY(true),
    REST_DAY(false),
    PUBLIC_HOLIDAY(false),
    MAKEUP_WORKING_DAY(true);

    private final boolean working;

    DayKind(boolean working) {
        this.working = working;
    }

    public boolean isWorking() {
        return working;
    }
}
