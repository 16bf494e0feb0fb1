package cn.govdata.policy;

import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One value of a jurisdiction profile with its provenance, so a deadline shown to a department can
 * say which article it rests on, and a value the regulation never set is never passed off as law.
 *
 * @param value    the value workflows run with
 * @param source   where it comes from
 * @param citation article it rests on, e.g. {@code SY 25}; only for {@link Source#REGULATION}
 * @param note     why the value is what it is: required for platform defaults and overrides, and
 *                 used for regulated values whose article needs a caveat
 */
public record Rule<T>(T value, Source source, String citation, String note) {

    public Rule {
        if (value == null || source == null) {
            throw new IllegalArgumentException("A rule needs a value and a source");
        }
        boolean cited = citation != null && !citation.isBlank();
        if (source == Source.REGULATION && !cited) {
            throw new IllegalArgumentException("A regulated value needs the article it rests on");
        }
        if (source != Source.REGULATION && cited) {
            throw new IllegalArgumentException("Only regulated values cite an article; " + source + " values explain themselves in the note");
        }
        if (source != Source.REGULATION && (note == null || note.isBlank())) {
            throw new IllegalArgumentException(source + " values must say why in the note");
        }
    }

    public static <T> Rule<T> regulated(T value, String citation) {
        return new Rule<>(value, Source.REGULATION, citation, null);
    }

    public static <T> Rule<T> regulated(T value, String citation, String note) {
        return new Rule<>(value, Source.REGULATION, citation, note);
    }

    public static <T> Rule<T> platformDefault(T value, String why) {
        return new Rule<>(value, Source.PLATFORM_DEFAULT, null, why);
    }

    /** This rule replaced by a deployment's value; the note keeps what was replaced, for audits. */
    Rule<T> overriddenBy(T newValue, String key) {
        String replaced = source == Source.REGULATION ? citation : source.name().toLowerCase().replace('_', ' ');
        return new Rule<>(newValue, Source.OVERRIDE, null,
                "deployment override of " + key + ", replacing " + display(value) + " (" + replaced + ")");
    }

    /** The value the city's regulation sets, empty where it is silent ("not regulated"). */
    public Optional<T> regulatedValue() {
        return source == Source.REGULATION ? Optional.of(value) : Optional.empty();
    }

    public boolean isRegulated() {
        return source == Source.REGULATION;
    }

    static String display(Object value) {
        if (value instanceof Collection<?> items) {
            return items.stream()
                    .map(Rule::display)
                    .collect(Collectors.joining(","));
        }
        return value instanceof PolicyChoice choice ? choice.key() : String.valueOf(value);
    }
}
