package cn.govdata.policy;

/** What a department needs before it stops providing a published entry. */
public enum WithdrawalControl implements PolicyChoice {
    /** Subscribers and the bureau are told first, and the bureau approves (NT 16). */
    BUREAU_APPROVAL,
    /** Reasons are given and the withdrawal is filed (备案) with the bureau beforehand; no approval (SY 27). */
    PRIOR_FILING;
}
