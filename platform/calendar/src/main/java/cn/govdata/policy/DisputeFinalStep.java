package cn.govdata.policy;

/** The last step of the ladder for a dispute over a share decision, after the bureau's coordination. */
public enum DisputeFinalStep implements PolicyChoice {
    /** The bureau's coordination (with provider and consumer, NT 27) is the last step. */
    BUREAU_COORDINATION("bureau-coordination", "数据主管部门协调（三方协商）"),
    /** Coordination failed: the bureau refers the dispute to the municipal government, which decides (SY 28). */
    MUNICIPAL_GOVERNMENT("municipal-government", "协调不成的，报市政府决定"),
    /**
     * Coordination failed: the bureau convenes a joint consultation (联合会商) with the establishment office;
     * if that fails, it lists each side's grounds with its own opinion and refers it to the party committee or
     * government of its level, which decides (QY 48).
     */
    JOINT_CONSULTATION_THEN_GOVERNMENT("joint-consultation-then-government", "联合会商，仍不能解决的报请本级党委或者人民政府决定");

    private final String key;
    private final String labelZh;

    DisputeFinalStep(String key, String labelZh) {
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
