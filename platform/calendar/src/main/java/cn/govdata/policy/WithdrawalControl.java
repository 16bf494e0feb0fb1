package cn.govdata.policy;

/** What a department needs before it stops providing a published entry. */
public enum WithdrawalControl implements PolicyChoice {
    /** Subscribers and the bureau are told first, and the bureau approves (NT 16). */
    BUREAU_APPROVAL("bureau-approval", "提前告知并经数据主管部门审核同意"),
    /** Reasons are given and the withdrawal is filed (备案) with the bureau beforehand; no approval (SY 27). */
    PRIOR_FILING("prior-filing", "说明理由并提前报数据主管部门备案");

    private final String key;
    private final String labelZh;

    WithdrawalControl(String key, String labelZh) {
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
