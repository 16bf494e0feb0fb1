package cn.govdata.policy;

import java.util.Arrays;

/**
 * Who applies for conditional (依申请/授权) open data. Fine-grained because QZ 6.4 admits only
 * domestic-controlled enterprises, universities and research institutes, while the other cities
 * admit 公民、法人和其他组织 generally.
 */
public enum ApplicantKind implements PolicyChoice {
    /** 公民 / 自然人 */
    NATURAL_PERSON("natural-person", "公民（自然人）"),
    /** 内资控股法人企业 */
    DOMESTIC_CONTROLLED_ENTERPRISE("domestic-controlled-enterprise", "内资控股法人企业"),
    /** 外资控股企业 */
    FOREIGN_CONTROLLED_ENTERPRISE("foreign-controlled-enterprise", "外资控股企业"),
    /** 高等院校 */
    UNIVERSITY("university", "高等院校"),
    /** 科研院所 */
    RESEARCH_INSTITUTE("research-institute", "科研院所"),
    /** Other legal persons: 事业单位, 社会团体, 机关法人 and the like. */
    OTHER_LEGAL_PERSON("other-legal-person", "其他法人"),
    /** 非法人组织 / 其他组织 */
    UNINCORPORATED_ORGANIZATION("unincorporated-organization", "非法人组织");

    private final String key;
    private final String labelZh;

    ApplicantKind(String key, String labelZh) {
        this.key = key;
        this.labelZh = labelZh;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String labelZh() {
        return labelZh;
    }

    public static ApplicantKind fromKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown applicant kind '" + key + "'; known: "
                        + String.join(", ", Arrays.stream(values()).map(ApplicantKind::key).toList())));
    }
}
