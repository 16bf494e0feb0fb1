package cn.govdata.privacy;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal identifiers in values that are not supposed to hold any: checksum-valid 18-digit
 * resident ID numbers (GB 11643-1999, check digit 0-9 or X, with a real birth date) and mainland
 * mobile numbers ({@code 1[3-9]} and nine digits). A match must not be part of a longer run of
 * digits, so an 18-digit number does not also count as the mobile number inside it.
 */
public final class Identifiers {

    /** What kind of identifier was found. */
    public enum Kind { RESIDENT_ID_NUMBER, MOBILE_NUMBER }

    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9Xx])");
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9])1[3-9][0-9]{9}(?![0-9])");
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private Identifiers() {
    }

    /** The first kind of identifier found anywhere in {@code value}, or empty. */
    public static Optional<Kind> find(String value) {
        if (value == null || value.length() < 11) {
            return Optional.empty();
        }
        Matcher id = ID_NUMBER.matcher(value);
        while (id.find()) {
            if (isResidentIdNumber(id.group())) {
                return Optional.of(Kind.RESIDENT_ID_NUMBER);
            }
        }
        return MOBILE.matcher(value).find() ? Optional.of(Kind.MOBILE_NUMBER) : Optional.empty();
    }

    /** Whether {@code value} is exactly one 18-character resident ID number with a valid check digit and birth date. */
    public static boolean isResidentIdNumber(String value) {
        if (value == null || value.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        if (Character.toUpperCase(value.charAt(17)) != CHECK[sum % 11]) {
            return false;
        }
        try {
            LocalDate born = LocalDate.of(Integer.parseInt(value.substring(6, 10)), Integer.parseInt(value.substring(10, 12)),
                    Integer.parseInt(value.substring(12, 14)));
            return born.getYear() >= 1800;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** Whether {@code value} is exactly a mainland mobile number. */
    public static boolean isMobileNumber(String value) {
        return value != null && value.length() == 11 && MOBILE.matcher(value).matches();
    }
}
