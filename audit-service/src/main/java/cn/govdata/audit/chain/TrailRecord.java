package cn.govdata.audit.chain;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One platform event as the trail keeps it, and its canonical serialization: compact JSON with a
 * fixed member order, absent values left out. The stored entry is {@code <sha-256 hex> <canonical
 * JSON>}; the hash covers exactly the stored JSON, which names the previous record's hash in
 * {@code prev}, so checking a record never depends on re-serializing it the same way again.
 *
 * <p>{@code users}, {@code consumer}, {@code provider}, {@code resource} and {@code requestId} are
 * taken from the event body at ingest so that queries do not depend on each event's schema; they
 * are covered by the hash like everything else.
 */
public record TrailRecord(long seq, String prev, String id, String chain, String topic, int partition, long offset,
                          String type, String source, String subject, Instant time, String department, String region,
                          Instant receivedAt, List<String> users, String consumer, String provider, String resource,
                          String requestId, JsonNode data) {

    /** The {@code prev} of a chain's first record. */
    public static final String GENESIS = "0".repeat(64);

    private static final String SEQ_PREFIX = "{\"seq\":";
    private static final String PREV_PREFIX = ",\"prev\":\"";
    private static final String ID_PREFIX = "\",\"id\":\"";

    public TrailRecord {
        Objects.requireNonNull(prev, "prev");
        Objects.requireNonNull(id, "id");
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** The canonical JSON (without the hash). */
    public String canonical(JsonMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("seq", seq);
        node.put("prev", prev);
        node.put("id", id);
        node.put("chain", chain);
        node.put("topic", topic);
        node.put("partition", partition);
        node.put("offset", offset);
        put(node, "type", type);
        put(node, "source", source);
        put(node, "subject", subject);
        put(node, "time", time == null ? null : time.toString());
        put(node, "department", department);
        put(node, "region", region);
        put(node, "receivedAt", receivedAt == null ? null : receivedAt.toString());
        if (!users.isEmpty()) {
            ArrayNode array = node.putArray("users");
            users.forEach(array::add);
        }
        put(node, "consumer", consumer);
        put(node, "provider", provider);
        put(node, "resource", resource);
        put(node, "requestId", requestId);
        if (data != null) {
            node.set("data", data);
        }
        return json.writeValueAsString(node);
    }

    /** The stored form: hash, one space, canonical JSON. */
    public static String entry(String hash, String canonical) {
        return hash + ' ' + canonical;
    }

    public static String hashOf(String entry) {
        return entry.length() > 64 ? entry.substring(0, 64) : entry;
    }

    public static String canonicalOf(String entry) {
        return entry.length() > 65 ? entry.substring(65) : "";
    }

    /**
     * Reads the chain position from an entry without parsing the whole JSON: canonical entries
     * start with {@code seq}, {@code prev} and {@code id} in that order. Anything else (a hand-made
     * entry) falls back to a full parse.
     *
     * @return null when the entry is not a readable record at all
     */
    public static Position position(String entry, JsonMapper json) {
        String c = canonicalOf(entry);
        if (c.startsWith(SEQ_PREFIX)) {
            int i = SEQ_PREFIX.length();
            int j = i;
            while (j < c.length() && (Character.isDigit(c.charAt(j)) || (j == i && c.charAt(j) == '-'))) {
                j++;
            }
            if (j > i && c.startsWith(PREV_PREFIX, j)) {
                int p = j + PREV_PREFIX.length();
                if (c.startsWith(ID_PREFIX, p + 64)) {
                    int idStart = p + 64 + ID_PREFIX.length();
                    int idEnd = c.indexOf('"', idStart);
                    int escape = c.indexOf('\\', idStart);
                    if (idEnd > 0 && (escape < 0 || escape > idEnd)) {
                        try {
                            return new Position(Long.parseLong(c.substring(i, j)), c.substring(p, p + 64),
                                    c.substring(idStart, idEnd));
                        } catch (NumberFormatException e) {
                            return null;
                        }
                    }
                }
            }
        }
        try {
            JsonNode node = json.readTree(c);
            if (node == null || !node.isObject() || !node.path("seq").isIntegralNumber()) {
                return null;
            }
            return new Position(node.get("seq").asLong(), text(node, "prev"), text(node, "id"));
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** Parses a stored entry back into a record; null when it is not a readable record. */
    public static TrailRecord parse(String entry, JsonMapper json) {
        try {
            JsonNode n = json.readTree(canonicalOf(entry));
            if (n == null || !n.isObject()) {
                return null;
            }
            List<String> users = new ArrayList<>();
            n.path("users").forEach(u -> users.add(u.asString()));
            return new TrailRecord(n.path("seq").asLong(), Objects.requireNonNullElse(text(n, "prev"), ""),
                    Objects.requireNonNullElse(text(n, "id"), ""), text(n, "chain"), text(n, "topic"),
                    n.path("partition").asInt(), n.path("offset").asLong(), text(n, "type"), text(n, "source"),
                    text(n, "subject"), instant(text(n, "time")), text(n, "department"), text(n, "region"),
                    instant(text(n, "receivedAt")), users, text(n, "consumer"), text(n, "provider"), text(n, "resource"),
                    text(n, "requestId"), n.get("data"));
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isMissingNode() || value.isContainer()) {
            return null;
        }
        return value.asString();
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    /** Where a stored entry claims to sit in its chain. */
    public record Position(long seq, String prev, String id) {
    }
}
