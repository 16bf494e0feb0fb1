package cn.govdata.policy;

/**
 * Who applies for conditional (依申请/授权) open data. Fine-grained because QZ 6.4 admits only
 * domestic-controlled enterprises, universities and research institutes, while the other cities
 * admit 公民、法人和其他组织 generally.
 */
public enum ApplicantKind implements PolicyChoice {
    /** 公民 / 自然人 */
    NATURAL_PERSON,
    /** 内资控股法人企业 */
    DOMESTIC_CONTROLLED_ENTERPRISE,
    /** 外资控股企业 */
    FOREIGN_CONTROLLED_ENTERPRISE,
    /** 高等院校 */
    UNIVERSITY,
    /** 科研院所 */
    RESEARCH_INSTITUTE,
    /** Other legal persons: 事业单位, 社会团体, 机关法人 and the like. */
    OTHER_LEGAL_PERSON,
    /** 非法人组织 / 其他组织 */
    UNINCORPORATED_ORGANIZATION;

    public static ApplicantKind fromKey(String key) {
        return PolicyChoice.fromKey(ApplicantKind.class, key, "applicant kind");
    }
}
