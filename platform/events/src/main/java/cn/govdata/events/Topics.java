package cn.govdata.events;

import java.util.List;

/**
 * Kafka topic names. Versioned in the name so a breaking change gets a new topic and county
 * sub-platforms can migrate at their own pace.
 */
public final class Topics {

    public static final String CATALOG = "govdata.catalog.v1";
    public static final String SHARING = "govdata.sharing.v1";
    public static final String EXCHANGE = "govdata.exchange.v1";
    public static final String OPEN_DATA = "govdata.open-data.v1";
    public static final String OBJECTION = "govdata.objection.v1";
    public static final String AUDIT = "govdata.audit.v1";
    public static final String DEADLINES = "govdata.deadlines.v1";
    /** Official holiday notices accepted at run time; produced by catalog-service, consumed by every service. */
    public static final String CALENDAR = "govdata.calendar.v1";

    /** Every topic the platform publishes, for consumers that follow all of them (audit). */
    public static final List<String> ALL = List.of(CATALOG, SHARING, EXCHANGE, OPEN_DATA, OBJECTION, AUDIT, DEADLINES,
            CALENDAR);

    /**
     * A county's flowback topic (QY 29, QZ 1.5): only that region's events and the city-wide ones it
     * is entitled to, republished by the platform; county principals may read only their own.
     */
    public static String region(String code) {
        return "govdata.region." + code + ".v1";
    }

    private Topics() {
    }
}
