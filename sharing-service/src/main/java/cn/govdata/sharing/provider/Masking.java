package cn.govdata.sharing.provider;

/**
 * Desensitization (脱敏) of one data item, chosen by the providing department per item. The output
 * keeps enough to recognise a record (region code, mobile prefix, surname, district) and hides what
 * identifies a person.
 */
public enum Masking {

    /** 公民身份号码: region code and last four kept, 110101********1234. */
    ID_NUMBER {
        @Override
        String mask(String value) {
            return keepEnds(value, 6, 4);
        }
    },
    /** 手机号码: operator prefix and last four kept, 138****5678. */
    PHONE {
        @Override
        String mask(String value) {
            return keepEnds(value, 3, 4);
        }
    },
    /** 姓名: surname kept, 张*, 欧阳** for longer names keeps only the first character. */
    NAME {
        @Override
        String mask(String value) {
            int first = value.offsetByCodePoints(0, 1);
            return value.substring(0, first) + "*".repeat(Math.max(1, value.codePointCount(first, value.length())));
        }
    },
    /** 住址: administrative divisions down to the district or county kept, 南京市玄武区****. */
    ADDRESS {
        @Override
        String mask(String value) {
            int end = districtEnd(value);
            if (end <= 0 || end >= value.length()) {
                int keep = Math.min(6, value.codePointCount(0, value.length()) / 2);
                end = value.offsetByCodePoints(0, keep);
            }
            return value.substring(0, end) + "****";
        }
    },
    /** E-mail: first character of the mailbox and the domain kept, z***@example.cn. */
    EMAIL {
        @Override
        String mask(String value) {
            int at = value.lastIndexOf('@');
            if (at <= 0) {
                return keepEnds(value, 1, 0);
            }
            return value.charAt(0) + "***" + value.substring(at);
        }
    },
    /** Delivered as the provider holds it. */
    NONE {
        @Override
        String mask(String value) {
            return value;
        }
    };

    private static final String[] DIVISION_ENDS = {"区", "县", "旗"};

    abstract String mask(String value);

    /** The desensitized text; blank values stay as they are (nothing to hide). */
    public String apply(String value) {
        if (value == null || value.isBlank()) {
            return value;
        }
        return mask(value.strip());
    }

    private static String keepEnds(String value, int head, int tail) {
        int length = value.length();
        if (length <= head + tail) {
            // Too short to keep both ends and still hide something: keep only the first character.
            return length <= 1 ? "*" : value.charAt(0) + "*".repeat(length - 1);
        }
        return value.substring(0, head) + "*".repeat(length - head - tail) + value.substring(length - tail);
    }

    /** End of the district-level division (区/县/旗) that follows the city, or -1. */
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
