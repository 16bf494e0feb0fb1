package cn.govdata.audit.trail;

import cn.govdata.audit.chain.TrailRecord;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The query fields auditors ask for, taken from an event body whatever its type: the people and
 * systems involved (the {@code actor}, the {@code clientId} and every {@code ...By}), the consuming
 * and providing departments, the resource and the request id. Field names follow the platform's
 * event contracts; unknown events simply yield fewer fields.
 */
final class DerivedFields {

    private static final List<String> CONSUMER = List.of("consumerDepartment", "requestingDepartment", "reporterDepartment",
            "applicantDepartment");
    private static final List<String> PROVIDER = List.of("providerDepartment", "addressedTo", "collectingDepartment");
    private static final List<String> RESOURCE = List.of("resourceId", "entryId", "sourceEntryId");

    private DerivedFields() {
    }

    static List<String> users(JsonNode data) {
        Set<String> users = new LinkedHashSet<>();
        if (data != null && data.isObject()) {
            add(users, TrailRecord.text(data, "actor"));
            add(users, TrailRecord.text(data, "clientId"));
            for (String field : data.propertyNames()) {
                if (field.endsWith("By")) {
                    add(users, TrailRecord.text(data, field));
                }
            }
        }
        return new ArrayList<>(users);
    }

    static String consumer(JsonNode data) {
        return first(data, CONSUMER);
    }

    static String provider(JsonNode data) {
        String provider = first(data, PROVIDER);
        return provider != null ? provider : first(data == null ? null : data.get("entry"), PROVIDER);
    }

    static String resource(JsonNode data) {
        String resource = first(data, RESOURCE);
        return resource != null ? resource : first(data == null ? null : data.get("entry"), RESOURCE);
    }

    static String requestId(JsonNode data) {
        return first(data, List.of("requestId"));
    }

    private static String first(JsonNode data, List<String> fields) {
        if (data == null || !data.isObject()) {
            return null;
        }
        for (String field : fields) {
            String value = TrailRecord.text(data, field);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static void add(Set<String> users, String value) {
        if (value != null && !value.isBlank()) {
            users.add(value);
        }
    }
}
