package cn.govdata.catalog.sourcing;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How alike two resource names are, for finding departments that catalogue the same subject
 * (不动产登记信息 and 不动产登记数据). Names are normalised as item names are, then a trailing
 * generic word that says nothing about the subject (信息, 数据, 资源, 目录, 清单, 表, 库...) is dropped;
 * the score is the Dice coefficient of the two sets of character bigrams,
 * {@code 2·|A∩B| / (|A|+|B|)}, from 0 (nothing shared) to 1 (same bigrams).
 *
 * <p>Chinese names have no word boundaries, and bigrams are robust to one inserted or replaced
 * character: 不动产登记信息 / 不动产登记数据 score 1.0, 社会保险参保信息 / 社会保险参保人员信息 0.83,
 * 户籍人口信息 / 户籍人口基本信息 0.75, while 人口基本信息 / 人口基础信息 (0.67) and 个人社保缴费信息 /
 * 单位社保缴费信息 (0.6, different resources) stay apart under the default threshold of
 * {@value #DEFAULT_THRESHOLD}. The threshold is {@code govdata.catalog.sourcing.similarity-threshold};
 * a request may ask for another with {@code minSimilarity}.
 */
final class ResourceSimilarity {

    static final double DEFAULT_THRESHOLD = 0.75;

    private static final List<String> GENERIC_TAILS = List.of("信息资源", "数据资源", "信息表", "数据表", "数据库", "信息库",
            "信息", "数据", "资源", "目录", "清单", "台账", "记录", "表", "库");

    private ResourceSimilarity() {
    }

    /** The name reduced to what identifies its subject. */
    static String subject(String name) {
        String normalized = ItemNames.normalize(name);
        for (String tail : GENERIC_TAILS) {
            if (normalized.endsWith(tail)) {
                String stem = normalized.substring(0, normalized.length() - tail.length());
                if (stem.codePointCount(0, stem.length()) >= 2) {
                    return stem;
                }
            }
        }
        return normalized;
    }

    static Set<String> bigrams(String subject) {
        int[] cps = subject.codePoints().toArray();
        Set<String> grams = new HashSet<>();
        if (cps.length == 1) {
            grams.add(new String(cps, 0, 1));
        }
        for (int i = 0; i + 1 < cps.length; i++) {
            grams.add(new String(cps, i, 2));
        }
        return grams;
    }

    static double dice(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 0;
        }
        int shared = 0;
        for (String gram : a) {
            if (b.contains(gram)) {
                shared++;
            }
        }
        return 2.0 * shared / (a.size() + b.size());
    }

    static double score(String nameA, String nameB) {
        return dice(bigrams(subject(nameA)), bigrams(subject(nameB)));
    }
}
