package cn.govdata.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A value a jurisdiction rule chooses from a closed list (who decides, what is filed, which
 * domains): written in overrides and shown by {@code /policy} by its kebab-case {@link #key()}.
 * Implemented by enums, whose constant names give the keys.
 */
public interface PolicyChoice {

    /** The enum constant's name, e.g. {@code BUREAU_AFTER_CONSULTING_PROVIDER}. */
    String name();

    /** How overrides and {@code /policy} write this choice, e.g. {@code bureau-after-consulting-provider}. */
    default String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The choice of {@code type} written as {@code key}; the error names {@code what} and lists the known keys. */
    static <E extends Enum<E> & PolicyChoice> E fromKey(Class<E> type, String key, String what) {
        return Arrays.stream(type.getEnumConstants()).filter(choice -> choice.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown " + what + " '" + key + "'; known: " + keys(type)));
    }

    /** Every key of {@code type}, comma-separated, in declaration order. */
    static String keys(Class<? extends PolicyChoice> type) {
        return Arrays.stream(type.getEnumConstants()).map(PolicyChoice::key).collect(Collectors.joining(", "));
    }
}
