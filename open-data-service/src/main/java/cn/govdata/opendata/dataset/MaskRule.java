package cn.govdata.opendata.dataset;

import cn.govdata.domain.DomainModel;
import cn.govdata.privacy.MaskingRule;

/**
 * How one personal field is masked before a dataset version is stored as published: one of the
 * platform's masking rules ({@link MaskingRule}, see docs/privacy.md), or {@link #DROP} to leave the
 * field out of the published version altogether. There is no rule that publishes a field in clear.
 */
@DomainModel
public enum MaskRule {
    ID_NUMBER(MaskingRule.ID_NUMBER),
    PHONE(MaskingRule.PHONE),
    NAME(MaskingRule.NAME),
    ADDRESS(MaskingRule.ADDRESS),
    EMAIL(MaskingRule.EMAIL),
    BANK_CARD(MaskingRule.BANK_CARD),
    LICENCE_PLATE(MaskingRule.LICENCE_PLATE),
    CREDIT_CODE(MaskingRule.CREDIT_CODE),
    FREE_TEXT(MaskingRule.FREE_TEXT),
    /** The field is left out of the published version altogether. */
    DROP(null);

    private final MaskingRule rule;

    MaskRule(MaskingRule rule) {
        this.rule = rule;
    }

    String apply(String value) {
        if (rule == null) {
            return null;
        }
        return value == null || value.isEmpty() ? value : rule.apply(value);
    }
}
