package cn.govdata.gateway.accesslog;

import java.util.regex.Pattern;

/**
 * Request paths as they may be written to a log. A record key in a path is, for people data, a
 * resident ID number, and logs are read by more people than the exchange's audited access records,
 * so the key segment is replaced by {@code {key}} wherever a path is logged.
 */
public final class LoggablePaths {

    /** {@code /api/exchange/{resourceId}/records/{key}} and anything below it. */
    private static final Pattern RECORD_KEY = Pattern.compile("^(/api/exchange/[^/]+/records/)[^/]+");

    private LoggablePaths() {
    }

    public static String of(String path) {
        if (path == null) {
            return null;
        }
        return RECORD_KEY.matcher(path).replaceFirst("$1{key}");
    }
}
