package cn.govdata.policy;

/** Who decides a conditional share application, and who has the last word. */
public enum ShareDecider implements PolicyChoice {
    /** The providing department decides (NT 22, SY 25, QY 24). */
    PROVIDER("provider", "提供部门答复"),
    /** The provider (with the Big Data Center) gives an opinion; the bureau confirms it before it is returned (NJ 22). */
    PROVIDER_CONFIRMED_BY_BUREAU("provider-confirmed-by-bureau", "提供单位提出意见，报数据主管部门确定后反馈"),
    /** The bureau reviews and decides after consulting (会商) the producing unit, whose opinion is recorded (QZ 2.2, 5.4). */
    BUREAU_AFTER_CONSULTING_PROVIDER("bureau-after-consulting-provider", "数据管理机构会同数据生产单位会商后决定");

    private final String key;
    private final String labelZh;

    ShareDecider(String key, String labelZh) {
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
