package cn.govdata.objection.cases.model;

import cn.govdata.domain.DomainModel;
import cn.govdata.privacy.MaskingRule;

/**
 * Masks personal data for events, logs and non-handler views with the platform's one masking
 * policy ({@link MaskingRule}, docs/privacy.md): 张三 → 张*, 13812345678 → 138****5678.
 */
@DomainModel
public final class Masking {

    private Masking() {
    }

    /** Names of people and organisations: the first character kept. */
    public static String name(String value) {
        return MaskingRule.NAME.apply(value);
    }

    public static String phone(String value) {
        return MaskingRule.PHONE.apply(value);
    }

    public static String email(String value) {
        return MaskingRule.EMAIL.apply(value);
    }

    /** Identifiers such as a unified social credit code: the last four characters. */
    public static String code(String value) {
        return MaskingRule.CREDIT_CODE.apply(value);
    }

    /** A record key shown to someone not entitled to the record: masked as an ID number (region code and check digit). */
    public static String recordKey(String value) {
        return MaskingRule.ID_NUMBER.apply(value);
    }
}
