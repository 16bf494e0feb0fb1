package cn.govdata.platform.web;

import org.springframework.data.mongodb.core.query.Criteria;

import java.util.ArrayList;
import java.util.List;

/**
 * The conditions of a list endpoint's query, built from optional request parameters: a parameter
 * the caller left out adds nothing, and every list starts from what the caller may see at all.
 *
 * <pre>{@code
 * ListFilter.within(scope(caller)).is("state", state).is("resourceId", resourceId)
 *         .eitherIs(department, "consumerDepartment", "providerDepartment").criteria()
 * }</pre>
 */
public final class ListFilter {

    private final List<Criteria> all = new ArrayList<>();

    private ListFilter(Criteria scope) {
        all.add(scope);
    }

    /** @param scope what the caller may see; {@code new Criteria()} for everything */
    public static ListFilter within(Criteria scope) {
        return new ListFilter(scope);
    }

    /** {@code field} equals {@code value}, unless the value was not given. */
    public ListFilter is(String field, Object value) {
        if (value != null) {
            all.add(Criteria.where(field).is(value));
        }
        return this;
    }

    /** Any one of {@code fields} equals {@code value}, unless the value was not given. */
    public ListFilter eitherIs(Object value, String... fields) {
        if (value != null) {
            all.add(new Criteria().orOperator(java.util.Arrays.stream(fields).map(f -> Criteria.where(f).is(value)).toList()));
        }
        return this;
    }

    /** A condition of its own, e.g. a range or a flag computed from the parameters. */
    public ListFilter and(Criteria condition) {
        all.add(condition);
        return this;
    }

    public Criteria criteria() {
        return new Criteria().andOperator(all.toArray(Criteria[]::new));
    }
}
