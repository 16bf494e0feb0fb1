package cn.govdata.objection.cases.model;

import cn.govdata.domain.DomainModel;
import cn.govdata.policy.RuleKey;

/**
 * A statutory step of a case, each watched by a deadline of process {@value #PROCESS} named by
 * {@link #wireName()} and timed by the effective profile's rule.
 */
@DomainModel
public enum Step {
    /** Mark the data disputed, from receipt (NJ 35: 1 working day). */
    MARK("mark", RuleKey.OBJECTION_MARK),
    /** Route the case, from receipt: transfer to the department within 2 working days (NJ 35). */
    TRANSFER("transfer", RuleKey.OBJECTION_TRANSFER),
    /** The platform decides on its own remit, from receipt (NJ 35: 5 working days). */
    PLATFORM_DECISION("platform-decision", RuleKey.OBJECTION_PLATFORM_DECISION),
    /** The department verifies and decides, from the transfer (NJ 35, QZ 7.2, QY 28: 5 working days). */
    SOURCE_DECISION("source-decision", RuleKey.OBJECTION_SOURCE_DECISION),
    /** Verification of a data subject's objection raised during a service, from receipt (QY 28: 5 working days). */
    VERIFY("verify", RuleKey.DATA_SUBJECT_OBJECTION_VERIFY),
    /** Fix at source and re-publish, from the decision to correct (QZ 7.2: 10 working days). */
    FIX("fix", RuleKey.OBJECTION_FIX);

    public static final String PROCESS = "objection";

    private final String wireName;
    private final RuleKey ruleKey;

    Step(String wireName, RuleKey ruleKey) {
        this.wireName = wireName;
        this.ruleKey = ruleKey;
    }

    public String wireName() {
        return wireName;
    }

    public RuleKey ruleKey() {
        return ruleKey;
    }

    public boolean isDecision() {
        return this == PLATFORM_DECISION || this == SOURCE_DECISION || this == VERIFY;
    }
}
