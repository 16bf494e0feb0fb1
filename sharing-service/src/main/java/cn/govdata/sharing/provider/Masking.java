package cn.govdata.sharing.provider;

import cn.govdata.privacy.MaskingRule;

/**
 * Desensitization (脱敏) of one data item, chosen by the providing department per item. Every rule
 * is the platform's one masking policy ({@link MaskingRule}, see docs/privacy.md), so a value masked
 * by the exchange looks the same as in open data and on the objection desk.
 */
public enum Masking {

    /** 公民身份号码: region code and check digit kept, 320115***********7. */
    ID_NUMBER(MaskingRule.ID_NUMBER),
    /** 电话号码: 138****5678; landlines keep only the last four digits. */
    PHONE(MaskingRule.PHONE),
    /** 姓名: the first character kept, 张*, 欧阳娜娜 → 欧***. */
    NAME(MaskingRule.NAME),
    /** 住址: divisions down to the district or county kept, 南京市玄武区****. */
    ADDRESS(MaskingRule.ADDRESS),
    /** E-mail: z***@example.cn. */
    EMAIL(MaskingRule.EMAIL),
    /** 银行卡号: first six and last four digits. */
    BANK_CARD(MaskingRule.BANK_CARD),
    /** 机动车号牌: 苏A****5. */
    LICENCE_PLATE(MaskingRule.LICENCE_PLATE),
    /** 统一社会信用代码: last four characters. */
    CREDIT_CODE(MaskingRule.CREDIT_CODE),
    /** Free text, masked whole. */
    FREE_TEXT(MaskingRule.FREE_TEXT),
    /** Delivered as the provider holds it: an item that is neither personal nor sensitive. */
    NONE(null);

    private final MaskingRule rule;

    Masking(MaskingRule rule) {
        this.rule = rule;
    }

    /** The desensitized text; blank values stay as they are (nothing to hide). */
    public String apply(String value) {
        return rule == null || value == null || value.isBlank() ? value : rule.apply(value);
    }
}
