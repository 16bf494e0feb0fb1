package cn.govdata.privacy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingRuleTest {

    @Test
    void an_id_number_keeps_its_region_code_and_check_digit_and_never_the_birth_date() {
        assertThat(MaskingRule.ID_NUMBER.apply("320115199003071417")).isEqualTo("320115***********7");
        assertThat(MaskingRule.ID_NUMBER.apply("11010519491231002X")).isEqualTo("110105***********X")
                .doesNotContain("19491231");
        assertThat(MaskingRule.ID_NUMBER.apply(" 320102199001011232 ")).isEqualTo("320102***********2");
    }

    @Test
    void an_old_fifteen_digit_id_number_keeps_the_same_parts_and_a_short_value_is_starred_whole() {
        assertThat(MaskingRule.ID_NUMBER.apply("110101900307123")).isEqualTo("110101********3");
        assertThat(MaskingRule.ID_NUMBER.apply("1234567")).isEqualTo("*******");
    }

    @Test
    void a_mobile_number_keeps_the_operator_prefix_and_last_four_digits() {
        assertThat(MaskingRule.PHONE.apply("13812345678")).isEqualTo("138****5678");
        assertThat(MaskingRule.PHONE.apply("+86 138-1234-5678")).isEqualTo("138****5678");
    }

    @Test
    void a_landline_keeps_only_its_last_four_digits_and_its_separators() {
        assertThat(MaskingRule.PHONE.apply("025-84420000")).isEqualTo("***-****0000");
        assertThat(MaskingRule.PHONE.apply("12345")).isEqualTo("*2345");
        assertThat(MaskingRule.PHONE.apply("110")).isEqualTo("***");
    }

    @Test
    void a_name_keeps_the_first_character_only() {
        assertThat(MaskingRule.NAME.apply("张三")).isEqualTo("张*");
        assertThat(MaskingRule.NAME.apply("欧阳娜娜")).isEqualTo("欧***");
        assertThat(MaskingRule.NAME.apply("王")).isEqualTo("王*");
        assertThat(MaskingRule.NAME.apply("𠮷野家")).isEqualTo("𠮷**");
    }

    @Test
    void an_address_keeps_the_divisions_down_to_the_district_or_county() {
        assertThat(MaskingRule.ADDRESS.apply("南京市玄武区中山路100号")).isEqualTo("南京市玄武区****");
        assertThat(MaskingRule.ADDRESS.apply("江苏省南京市江宁区秣陵街道1号")).isEqualTo("江苏省南京市江宁区****");
        assertThat(MaskingRule.ADDRESS.apply("溧水县永阳镇人民路1号")).isEqualTo("溧水县****");
        assertThat(MaskingRule.ADDRESS.apply("南京市中山路100号")).isEqualTo("南京市****");
    }

    @Test
    void an_address_without_a_recognisable_division_is_masked_whole() {
        assertThat(MaskingRule.ADDRESS.apply("中山路100号")).isEqualTo("****");
        assertThat(MaskingRule.ADDRESS.apply("南京市玄武区")).isEqualTo("****");
    }

    @Test
    void a_bank_card_keeps_the_issuer_number_and_the_last_four_digits() {
        assertThat(MaskingRule.BANK_CARD.apply("6222021234567890123")).isEqualTo("622202*********0123");
        assertThat(MaskingRule.BANK_CARD.apply("6222 0212 3456 7890")).isEqualTo("6222 02** **** 7890");
        assertThat(MaskingRule.BANK_CARD.apply("12345678")).isEqualTo("****5678");
    }

    @Test
    void a_licence_plate_keeps_province_authority_and_the_last_character() {
        assertThat(MaskingRule.LICENCE_PLATE.apply("苏A12345")).isEqualTo("苏A****5");
        assertThat(MaskingRule.LICENCE_PLATE.apply("苏AD12345")).isEqualTo("苏A*****5");
        assertThat(MaskingRule.LICENCE_PLATE.apply("苏A1")).isEqualTo("苏A*");
    }

    @Test
    void an_email_keeps_the_first_character_and_the_domain() {
        assertThat(MaskingRule.EMAIL.apply("zhangwei@psb.example.gov.cn")).isEqualTo("z***@psb.example.gov.cn");
        assertThat(MaskingRule.EMAIL.apply("@example.cn")).isEqualTo("***");
        assertThat(MaskingRule.EMAIL.apply("no-mailbox")).isEqualTo("***");
    }

    @Test
    void a_credit_code_keeps_its_last_four_characters() {
        assertThat(MaskingRule.CREDIT_CODE.apply("91320100MA1XXXXX0Y")).isEqualTo("**************XX0Y");
        assertThat(MaskingRule.CREDIT_CODE.apply("0Y")).isEqualTo("****");
    }

    @Test
    void free_text_is_masked_whole_and_does_not_tell_its_length() {
        assertThat(MaskingRule.FREE_TEXT.apply("张三于2026年3月投诉")).isEqualTo("******");
        assertThat(MaskingRule.FREE_TEXT.apply("x")).isEqualTo("******");
    }

    @Test
    void blank_values_are_left_as_they_are() {
        for (MaskingRule rule : MaskingRule.values()) {
            assertThat(rule.apply(null)).isNull();
            assertThat(rule.apply("")).isEmpty();
            assertThat(rule.apply("  ")).isEqualTo("  ");
        }
    }

    @Test
    void rules_are_found_by_name_and_there_is_no_clear_rule() {
        assertThat(MaskingRule.named("id_number")).contains(MaskingRule.ID_NUMBER);
        assertThat(MaskingRule.named("LICENCE_PLATE")).contains(MaskingRule.LICENCE_PLATE);
        assertThat(MaskingRule.named("CLEAR")).isEmpty();
        assertThat(MaskingRule.named("NONE")).isEmpty();
        assertThat(MaskingRule.named(null)).isEmpty();
    }
}
