package cn.govdata.system;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every operation of every service, read from the OpenAPI documents the gateway serves
 * ({@code /v3/api-docs/<service>}), so a new endpoint is covered by the system tests that walk
 * them without anyone adding it by hand.
 */
record OpenApiOperations(List<Operation> all) {

    static final List<String> SERVICES = List.of("catalog-service", "sharing-service", "open-data-service",
            "objection-service", "audit-service");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    static OpenApiOperations load() {
        List<Operation> operations = new ArrayList<>();
        for (String service : SERVICES) {
            var response = Stack.call("GET", "/v3/api-docs/" + service, null, null);
            if (response.status() != 200) {
                throw new IllegalStateException("No OpenAPI document for " + service + ": " + response);
            }
            JsonNode paths = response.json().path("paths");
            for (Map.Entry<String, JsonNode> path : paths.properties()) {
                for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                    if (!METHODS.contains(op.getKey())) {
                        continue;
                    }
                    List<Parameter> parameters = new ArrayList<>();
                    for (JsonNode p : op.getValue().path("parameters")) {
                        parameters.add(new Parameter(p.path("name").asString(), p.path("in").asString(),
                                p.path("required").asBoolean(false), p.path("schema").path("type").asString("string")));
                    }
                    JsonNode content = op.getValue().path("requestBody").path("content");
                    List<String> bodyTypes = new ArrayList<>();
                    content.propertyNames().forEach(bodyTypes::add);
                    operations.add(new Operation(service, op.getKey().toUpperCase(), path.getKey(), parameters, bodyTypes));
                }
            }
        }
        return new OpenApiOperations(List.copyOf(operations));
    }

    record Parameter(String name, String in, boolean required, String type) {
    }

    record Operation(String service, String method, String path, List<Parameter> parameters, List<String> bodyTypes) {

        String key() {
            return method + " " + path;
        }

        boolean hasBody() {
            return !bodyTypes.isEmpty();
        }

        boolean multipart() {
            return bodyTypes.stream().anyMatch(t -> t.startsWith("multipart/"));
        }

        /** The path with every path parameter replaced by {@code value} (already URL-encoded). */
        String path(String value) {
            String result = path;
            for (Parameter p : parameters) {
                if (p.in().equals("path")) {
                    result = result.replace("{" + p.name() + "}", value);
                }
            }
            return result.replaceAll("\\{[^}]+}", value);
        }

        /** Required query parameters with a plausible value, so that a request reaches the operation's own checks. */
        String requiredQuery() {
            StringBuilder query = new StringBuilder();
            for (Parameter p : parameters) {
                if (p.in().equals("query") && p.required()) {
                    query.append(query.isEmpty() ? "?" : "&").append(p.name()).append('=')
                            .append(p.type().equals("integer") || p.type().equals("number") ? "1" : "X1");
                }
            }
            return query.toString();
        }
    }
}
