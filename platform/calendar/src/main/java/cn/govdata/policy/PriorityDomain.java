package cn.govdata.policy;

/**
 * Controlled list of the domains whose data is opened first (重点和优先开放领域): the union of the
 * lists in SY 36 and QY 31, so catalog entries and open plans tag with one vocabulary whatever the profile.
 */
public enum PriorityDomain implements PolicyChoice {
    CREDIT("信用"),
    TRANSPORT("交通"),
    HEALTHCARE("医疗"),
    EMPLOYMENT("就业"),
    SOCIAL_SECURITY("社保"),
    EDUCATION("教育"),
    ENVIRONMENT("环境"),
    WEATHER("气象"),
    MARKET_SUPERVISION("市场监管"),
    PUBLIC_SAFETY("公共安全"),
    PUBLIC_HEALTH("公共卫生"),
    URBAN_GOVERNANCE("城市治理"),
    SOCIAL_GOVERNANCE("社会治理"),
    LIVELIHOOD("民生保障"),
    NATURAL_RESOURCES("自然资源"),
    ECOLOGY("生态环境"),
    ADMINISTRATIVE_LICENSING("行政许可"),
    ENTERPRISE_CREDIT("企业公共信用信息");

    private final String labelZh;

    PriorityDomain(String labelZh) {
        this.labelZh = labelZh;
    }

    /** The domain as SY 36 and QY 31 name it, for the portal. */
    public String labelZh() {
        return labelZh;
    }

    public static PriorityDomain fromKey(String key) {
        return PolicyChoice.fromKey(PriorityDomain.class, key, "priority domain");
    }
}
