package cn.govdata.sharing.provider;

import cn.govdata.privacy.MaskingRule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingTest {

    @Test
    void every_masking_masks_exactly_as_the_platform_rule_of_the_same_name() {
        String[] samples = {"320115199003071417", "13812345678", "欧阳娜娜", "南京市玄武区中山路100号", "z@x.cn",
                "6222021234567890123", "苏A12345", "91320100MA1XXXXX0Y", "备注"};
        for (Masking masking : Masking.values()) {
            if (masking == Masking.NONE) {
                continue;
            }
            MaskingRule rule = MaskingRule.valueOf(masking.name());
            for (String sample : samples) {
                assertThat(masking.apply(sample)).as(masking + " of " + sample).isEqualTo(rule.apply(sample));
            }
        }
    }

    @Test
    void an_id_number_keeps_the_region_code_and_check_digit_only() {
        assertThat(Masking.ID_NUMBER.apply("320115199003071417")).isEqualTo("320115***********7");
        assertThat(Masking.ID_NUMBER.apply("32010219851212345X")).isEqualTo("320102***********X");
    }

    @Test
    void phones_names_and_addresses_follow_the_platform_policy() {
        assertThat(Masking.PHONE.apply("13812345678")).isEqualTo("138****5678");
        assertThat(Masking.PHONE.apply("025-84420000")).isEqualTo("***-****0000");
        assertThat(Masking.NAME.apply("欧阳娜娜")).isEqualTo("欧***");
        assertThat(Masking.ADDRESS.apply("南京市玄武区中山路100号")).isEqualTo("南京市玄武区****");
        assertThat(Masking.ADDRESS.apply("中山路100号")).isEqualTo("****");
    }

    @Test
    void none_delivers_the_value_and_blank_values_stay_blank() {
        assertThat(Masking.NONE.apply("13812345678")).isEqualTo("13812345678");
        assertThat(Masking.ID_NUMBER.apply("")).isEmpty();
        assertThat(Masking.NAME.apply(null)).isNull();
    }
}
