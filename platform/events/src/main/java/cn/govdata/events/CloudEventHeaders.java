package cn.govdata.events;

/**
 * Kafka header names of the CloudEvents 1.0 Kafka protocol binding, binary content mode: the
 * attributes travel as {@code ce_}-prefixed headers and the record value is the bare JSON body.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String DATA_SCHEMA = "ce_dataschema";
    /** Extension: the department responsible for the subject (its directory code). */
    public static final String DEPARTMENT = "ce_department";
    /** Extension: the administrative region code the subject belongs to, for county routing. */
    public static final String REGION = "ce_region";
    public static final String CONTENT_TYPE = "content-type";

    private CloudEventHeaders() {
    }
}
