package cn.govdata.policy;

/** The last step of the ladder for a dispute over a share decision, after the bureau's coordination. */
public enum DisputeFinalStep implements PolicyChoice {
    /** The bureau's coordination (with provider and consumer, NT 27) is the last step. */
    BUREAU_COORDINATION,
    /** Coordination failed: the bureau refers the dispute to the municipal government, which decides (SY 28). */
    MUNICIPAL_GOVERNMENT,
    /**
     * Coordination failed: the bureau convenes a joint consultation (联合会商) with the establishment office;
     * if that fails, it lists each side's grounds with its own opinion and refers it to the party committee or
     * government of its level, which decides (QY 48).
     */
    JOINT_CONSULTATION_THEN_GOVERNMENT;
}
