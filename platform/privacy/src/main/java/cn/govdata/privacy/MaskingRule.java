package cn.govdata.privacy;

/**
 * The platform's one masking (脱敏) policy: a named rule per kind of value, the same in sharing,
 * open data and objections. Each rule keeps only what lets a reader recognise the kind and rough
 * origin of a value, never what identifies the person. There is deliberately no "clear" rule: a
 * value goes out unmasked only by a recorded decision, never by configuration.
 *
 * <p>Blank values stay as they are (there is nothing to hide); every rule works on code points, so
 * a character outside the BMP is one character, and surrounding whitespace is ignored.
 */
public enum MaskingRule {

    /**
     * 公民身份号码 (GB 11643): the 6-digit administrative region code and the last character (the check
     * digit of an 18-digit number) are kept; the birth date and sequence code are starred, so neither
     * the birth date nor the sex can be read: {@code 320115YYYYMMDDSSSC → 320115***********C}. A value
     * shorter than 8 characters is starred whole.
     */
    ID_NUMBER {
        @Override
        String mask(String value) {
            int n = length(value);
            return n < 8 ? stars(n) : keep(value, 6, 1);
        }
    },
    /**
     * 电话号码: a mainland mobile number (11 digits, 1[3-9]…, optionally with +86 and separators) keeps
     * the operator prefix and the last four digits: {@code 13812345678 → 138****5678}. Any other number
     * keeps only its last four digits, other digits starred and separators kept:
     * {@code 025-84420000 → ***-****0000}. With four digits or fewer every digit is starred.
     */
    PHONE {
        @Override
        String mask(String value) {
            String digits = value.replaceAll("\\D", "");
            if (digits.length() == 13 && digits.startsWith("86")) {
                digits = digits.substring(2);
            }
            if (digits.length() == 11 && digits.matches("1[3-9]\\d{9}")) {
                return digits.substring(0, 3) + "****" + digits.substring(7);
            }
            int total = (int) value.chars().filter(Character::isDigit).count();
            int keepFrom = total <= 4 ? Integer.MAX_VALUE : total - 4;
            StringBuilder out = new StringBuilder(value.length());
            int seen = 0;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isDigit(c)) {
                    out.append(seen++ >= keepFrom ? c : '*');
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    },
    /**
     * 姓名 (and names of organisations): the first character (the surname of a Chinese name) is kept,
     * every further character starred: {@code 张三 → 张*}, {@code 欧阳娜娜 → 欧***}; a one-character value
     * becomes {@code 王*}.
     */
    NAME {
        @Override
        String mask(String value) {
            return first(value, 1) + stars(Math.max(1, length(value) - 1));
        }
    },
    /**
     * 住址: the administrative divisions down to the district or county (the first 区, 县 or 旗 after the
     * province and city) are kept and the rest replaced by four stars:
     * {@code 南京市玄武区中山路100号 → 南京市玄武区****}. Without a district, county or city the whole
     * value is replaced by four stars, since there is no part known to be coarse.
     */
    ADDRESS {
        @Override
        String mask(String value) {
            int end = districtEnd(value);
            return end <= 0 || end >= value.length() ? "****" : value.substring(0, end) + "****";
        }
    },
    /**
     * 银行卡号: the first six digits (the issuer identification number) and the last four are kept,
     * other digits starred, spaces kept: {@code 6222021234567890123 → 622202*********0123}. A value with
     * fewer than 12 digits keeps only its last four.
     */
    BANK_CARD {
        @Override
        String mask(String value) {
            int total = (int) value.chars().filter(Character::isDigit).count();
            int head = total < 12 ? 0 : 6;
            int keepFrom = total <= 4 ? Integer.MAX_VALUE : total - 4;
            StringBuilder out = new StringBuilder(value.length());
            int seen = 0;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isDigit(c)) {
                    out.append(seen < head || seen >= keepFrom ? c : '*');
                    seen++;
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    },
    /**
     * 机动车号牌: the province character and the issuing-authority letter are kept, and of the serial
     * only its last character: {@code 苏A12345 → 苏A****5}, {@code 苏AD12345 → 苏A*****5}. With three
     * characters or fewer only the first two are kept.
     */
    LICENCE_PLATE {
        @Override
        String mask(String value) {
            int n = length(value);
            if (n <= 3) {
                return first(value, Math.min(2, n - 1)) + stars(n - Math.min(2, n - 1));
            }
            return keep(value, 2, 1);
        }
    },
    /**
     * 电子邮箱: the first character of the mailbox and the whole domain are kept:
     * {@code zhangwei@psb.example.gov.cn → z***@psb.example.gov.cn}. Without a mailbox before an {@code @}
     * the value becomes {@code ***}.
     */
    EMAIL {
        @Override
        String mask(String value) {
            int at = value.lastIndexOf('@');
            return at <= 0 ? "***" : first(value, 1) + "***" + value.substring(at);
        }
    },
    /**
     * 统一社会信用代码 and other registration codes: only the last four characters are kept:
     * {@code 91320100MA1XXXXX0Y → **************XX0Y}; four characters or fewer become {@code ****}.
     */
    CREDIT_CODE {
        @Override
        String mask(String value) {
            int n = length(value);
            return n <= 4 ? "****" : stars(n - 4) + value.substring(value.offsetByCodePoints(0, n - 4));
        }
    },
    /**
     * Free text (remarks, descriptions that may name anyone): masked whole to six stars, whatever its
     * length, so not even the length is told.
     */
    FREE_TEXT {
        @Override
        String mask(String value) {
            return "******";
        }
    };

    private static final String[] DIVISION_ENDS = {"区", "县", "旗"};

    abstract String mask(String value);

    /** The masked text; null and blank values are returned as they are. */
    public String apply(String value) {
        if (value == null || value.isBlank()) {
            return value;
        }
        return mask(value.strip());
    }

    /** The rule of this name ({@code ID_NUMBER}, {@code PHONE}...), case-insensitive, or empty. */
    public static java.util.Optional<MaskingRule> named(String name) {
        if (name == null) {
            return java.util.Optional.empty();
        }
        for (MaskingRule rule : values()) {
            if (rule.name().equalsIgnoreCase(name.strip())) {
                return java.util.Optional.of(rule);
            }
        }
        return java.util.Optional.empty();
    }

    private static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    private static String first(String value, int codePoints) {
        return value.substring(0, value.offsetByCodePoints(0, codePoints));
    }

    /** Keeps {@code head} code points at the start and {@code tail} at the end, starring the rest. */
    private static String keep(String value, int head, int tail) {
        int n = length(value);
        if (n <= head + tail) {
            return stars(n);
        }
        return first(value, head) + stars(n - head - tail) + value.substring(value.offsetByCodePoints(0, n - tail));
    }

    private static String stars(int n) {
        return "*".repeat(Math.max(n, 0));
    }

    /** End of the district-level division (区/县/旗) after the city, else of the city (市), else -1. */
    private static int districtEnd(String address) {
        int city = address.indexOf('市');
        int from = city < 0 ? 0 : city + 1;
        int best = -1;
        for (String end : DIVISION_ENDS) {
            int at = address.indexOf(end, from);
            if (at >= 0 && (best < 0 || at < best)) {
                best = at;
            }
        }
        if (best >= 0) {
            return best + 1;
        }
        return city >= 0 ? city + 1 : -1;
    }
}
