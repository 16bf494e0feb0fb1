package cn.govdata.policy;

/** Who receives and answers an application for conditional (依申请/授权) open data. */
public enum OpenApplicationRoute implements PolicyChoice {
    /** The department that holds the data answers (NJ 27, SY 34, QY 38). */
    DEPARTMENT("department", "政务部门受理并答复"),
    /**
     * The applicant applies to the bureau; the technical service unit assesses whether the need is
     * reasonable and reports; the bureau confirms and the unit authorises the interface (QZ 6.4-6.5).
     */
    BUREAU_WITH_TECHNICAL_ASSESSMENT("bureau-with-technical-assessment", "向数据管理机构申请，技术服务单位评估，数据管理机构确认后授权");

    private final String key;
    private final String labelZh;

    OpenApplicationRoute(String key, String labelZh) {
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
}
