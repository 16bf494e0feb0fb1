package cn.govdata.policy;

/** Who receives and answers an application for conditional (依申请/授权) open data. */
public enum OpenApplicationRoute implements PolicyChoice {
    /** The department that holds the data answers (NJ 27, SY 34, QY 38). */
    DEPARTMENT,
    /**
     * The applicant applies to the bureau; the technical service unit assesses whether the need is
     * reasonable and reports; the bureau confirms and the unit authorises the interface (QZ 6.4-6.5).
     */
    BUREAU_WITH_TECHNICAL_ASSESSMENT;
}
