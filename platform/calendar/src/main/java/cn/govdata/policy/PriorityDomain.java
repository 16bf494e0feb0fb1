package cn.govdata.policy;

import java.util.Arrays;

/**
 * Controlled list of the domains whose data is opened first (重点和优先开放领域): the union of the
 * lists in SY 36 and QY 31, so catalog entries and open plans tag with one vocabulary whatever the profile.
 */
public enum PriorityDomain implements PolicyChoice {
    CREDIT("credit", "信用"),
    TRANSPORT("transport", "交通"),
    HEALTHCARE("healthcare", "医疗"),
    EMPLOYMENT("employment", "就业"),
    SOCIAL_SECURITY("social-security", "社保"),
    EDUCATION("education", "教育"),
    ENVIRONMENT("environment", "环境"),
    WEATHER("weather", "气象"),
    MARKET_SUPERVISION("market-supervision", "市场监管"),
    PUBLIC_SAFETY("public-safety", "公共安全"),
    PUBLIC_HEALTH("public-health", "公共卫生"),
    URBAN_GOVERNANCE("urban-governance", "城市治理"),
    SOCIAL_GOVERNANCE("social-governance", "社会治理"),
    LIVELIHOOD("livelihood", "民生保障"),
    NATURAL_RESOURCES("natural-resources", "自然资源"),
    ECOLOGY("ecology", "生态环境"),
    ADMINISTRATIVE_LICENSING("administrative-licensing", "行政许可"),
    ENTERPRISE_CREDIT("enterprise-credit", "企业公共信用信息");

    private final String key;
    private final String labelZh;

    PriorityDomain(String key, String labelZh) {
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

    public static PriorityDomain fromKey(String key) {
        return Arrays.stream(values()).filter(d -> d.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown priority domain '" + key + "'; known: "
                        + String.join(", ", Arrays.stream(values()).map(PriorityDomain::key).toList())));
    }
}
