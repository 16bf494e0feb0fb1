package cn.govdata.policy;

/**
 * A value a jurisdiction rule chooses from a closed list (who decides, what is filed, which
 * domains): written in overrides and shown by {@code /policy} by its kebab-case {@link #key()}.
 */
public interface PolicyChoice {

    /** How overrides and {@code /policy} write this choice, e.g. {@code bureau-after-consulting-provider}. */
    String key();

    /** The choice as the regulations name it, for people reading {@code /policy}. */
    String labelZh();
}
