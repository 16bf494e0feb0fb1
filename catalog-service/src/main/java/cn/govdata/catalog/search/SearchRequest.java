package cn.govdata.catalog.search;

import cn.govdata.domain.Refusal;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A catalog search as the query string states it. Values of one filter are alternatives (OR);
 * different filters must all hold (AND). Anything malformed is a 400 naming the parameter.
 *
 * @param terms   normalized keyword terms; all of them must occur
 * @param filters accepted values per dimension; a dimension without values does not filter
 */
record SearchRequest(List<String> terms, Map<Dimension, Set<String>> filters, Order order, int page, int size) {

    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 200;
    static final int MAX_QUERY_LENGTH = 200;
    static final int MAX_TERMS = 10;
    static final int MAX_PAGE = 100_000;
    static final int MAX_VALUE_LENGTH = 100;

    enum Order {
        RELEVANCE("relevance"), NAME("name"), PUBLISHED_AT("publishedAt"), PUBLISHED_AT_DESC("-publishedAt"),
        UPDATED_AT("updatedAt"), UPDATED_AT_DESC("-updatedAt");

        final String parameter;

        Order(String parameter) {
            this.parameter = parameter;
        }
    }

    SearchRequest {
        terms = List.copyOf(terms);
        filters = filters.isEmpty() ? Map.of() : new EnumMap<>(filters);
    }

    Set<String> filter(Dimension dimension) {
        return filters.getOrDefault(dimension, Set.of());
    }

    /** Reads the query string: {@code q}, one parameter per {@link Dimension}, {@code sort}, {@code page}, {@code size}. */
    static SearchRequest parse(Map<String, List<String>> params) {
        String q = String.join(" ", values(params, "q"));
        if (q.length() > MAX_QUERY_LENGTH) {
            throw Refusal.invalidField("q", "must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        List<String> terms = SearchText.terms(q);
        if (terms.size() > MAX_TERMS) {
            throw Refusal.invalidField("q", "must have at most " + MAX_TERMS + " terms");
        }
        Map<Dimension, Set<String>> filters = new EnumMap<>(Dimension.class);
        for (Dimension dimension : Dimension.ALL) {
            Set<String> accepted = new LinkedHashSet<>();
            for (String value : values(params, dimension.parameter)) {
                if (dimension.enumerated() && !dimension.constantNames().contains(value)) {
                    throw Refusal.invalidField(dimension.parameter, "'" + value + "' is not one of "
                            + String.join(", ", dimension.constantNames()));
                }
                if (value.length() > MAX_VALUE_LENGTH) {
                    throw Refusal.invalidField(dimension.parameter, "must be at most " + MAX_VALUE_LENGTH + " characters");
                }
                accepted.add(value);
            }
            if (!accepted.isEmpty()) {
                filters.put(dimension, Set.copyOf(accepted));
            }
        }
        Order order = order(single(params, "sort"), !terms.isEmpty());
        int page = number(params, "page", 0, 0, MAX_PAGE);
        int size = number(params, "size", DEFAULT_SIZE, 1, MAX_SIZE);
        return new SearchRequest(terms, filters, order, page, size);
    }

    private static Order order(String sort, boolean keywords) {
        if (sort == null) {
            return keywords ? Order.RELEVANCE : Order.NAME;
        }
        return Arrays.stream(Order.values()).filter(o -> o.parameter.equals(sort)).findFirst()
                .orElseThrow(() -> Refusal.invalidField("sort", "'" + sort + "' is not one of "
                        + Arrays.stream(Order.values()).map(o -> o.parameter).collect(Collectors.joining(", "))));
    }

    private static int number(Map<String, List<String>> params, String name, int fallback, int min, int max) {
        String raw = single(params, name);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw Refusal.invalidField(name, "must be a whole number from " + min + " to " + max);
    }

    private static String single(Map<String, List<String>> params, String name) {
        List<String> values = values(params, name);
        if (values.size() > 1) {
            throw Refusal.invalidField(name, "may be given only once");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    private static List<String> values(Map<String, List<String>> params, String name) {
        List<String> raw = params.get(name);
        if (raw == null) {
            return List.of();
        }
        return raw.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).toList();
    }
}
