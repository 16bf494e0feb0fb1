package cn.govdata.objection.cases;

/** Masks personal data for events, logs and non-handler views: 张三 → 张*, 13812345678 → 138****5678. */
public final class Masking {

    private Masking() {
    }

    /** The first character and one star, whatever the length, so the mask does not tell the length either. */
    public static String name(String value) {
        if (value == null || value.isBlank()) {
            return value;
        }
        String trimmed = value.strip();
        return new String(Character.toChars(trimmed.codePointAt(0))) + "*";
    }

    /** A mobile number keeps its first three and last four digits; any other number only its last four. */
    public static String phone(String value) {
        if (value == null || value.isBlank()) {
            return value;
        }
        String digits = value.replaceAll("\\D", "");
        if (digits.length() == 11 && digits.startsWith("1")) {
            return digits.substring(0, 3) + "****" + digits.substring(7);
        }
        return digits.length() <= 4 ? "****" : "****" + digits.substring(digits.length() - 4);
    }

    public static String email(String value) {
        if (value == null || value.isBlank()) {
            return value;
        }
        int at = value.indexOf('@');
        return at <= 0 ? "***" : value.charAt(0) + "***" + value.substring(at);
    }

    /** Identifiers such as a unified social credit code: the last four characters. */
    public static String code(String value) {
        if (value == null || value.isBlank()) {
            return value;
        }
        return value.length() <= 4 ? "****" : "*".repeat(value.length() - 4) + value.substring(value.length() - 4);
    }
}
