package cn.govdata.opendata.dataset;

/**
 * How one personal field is masked before a dataset version is stored as published. Masking keeps
 * the shape (length, region prefix) so the data stays useful, never the identifying middle.
 */
public enum MaskRule {
    /** 身份证号: first 3 and last 2 characters kept. */
    ID_NUMBER {
        @Override
        String mask(String value) {
            return keep(value, 3, 2);
        }
    },
    /** 手机号: 138****5678. */
    PHONE {
        @Override
        String mask(String value) {
            return keep(value, 3, 4);
        }
    },
    /** 姓名: 张** (surname only). */
    NAME {
        @Override
        String mask(String value) {
            return keep(value, 1, 0);
        }
    },
    /** 地址: the first six characters (city and district), the rest starred. */
    ADDRESS {
        @Override
        String mask(String value) {
            int cps = value.codePointCount(0, value.length());
            return cps <= 6 ? stars(cps) : value.substring(0, value.offsetByCodePoints(0, 6)) + "****";
        }
    },
    /** The field is left out of the published version altogether. */
    DROP {
        @Override
        String mask(String value) {
            return null;
        }
    };

    abstract String mask(String value);

    String apply(String value) {
        return value == null || value.isEmpty() ? value : mask(value.strip());
    }

    private static String keep(String value, int head, int tail) {
        int cps = value.codePointCount(0, value.length());
        if (cps <= head + tail) {
            return stars(Math.max(cps, 1));
        }
        int headEnd = value.offsetByCodePoints(0, head);
        int tailStart = value.offsetByCodePoints(0, cps - tail);
        return value.substring(0, headEnd) + stars(cps - head - tail) + value.substring(tailStart);
    }

    private static String stars(int n) {
        return "*".repeat(n);
    }
}
