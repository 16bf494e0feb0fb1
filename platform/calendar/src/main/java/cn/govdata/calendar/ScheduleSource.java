package cn.govdata.calendar;

/** Where an official year of the calendar came from; later sources replace earlier ones year by year. */
public enum ScheduleSource {
    /** A {@code cn-<year>.properties} file in the jar. */
    SHIPPED,
    /** A file in the deployment's override directory. */
    OVERRIDE_FILE,
    /** Given to the builder in code (tests, tools). */
    EXPLICIT,
    /** A notice a platform operator uploaded while the services run. */
    UPLOADED
}
