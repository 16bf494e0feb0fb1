package cn.govdata.opendata.dataset;

import cn.govdata.privacy.MaskingRule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaskRuleTest {

    @Test
    void open_data_masks_with_the_platform_policy() {
        assertThat(MaskRule.ID_NUMBER.apply("320102199001011234")).isEqualTo("320102***********4");
        assertThat(MaskRule.PHONE.apply("13812345678")).isEqualTo("138****5678");
        assertThat(MaskRule.NAME.apply("欧阳修")).isEqualTo("欧**");
        assertThat(MaskRule.ADDRESS.apply("南京市玄武区中山路100号")).isEqualTo("南京市玄武区****");
        assertThat(MaskRule.LICENCE_PLATE.apply("苏A12345")).isEqualTo(MaskingRule.LICENCE_PLATE.apply("苏A12345"));
        assertThat(MaskRule.PHONE.apply("")).isEmpty();
    }

    @Test
    void every_rule_but_drop_is_the_platform_rule_of_the_same_name() {
        for (MaskRule rule : MaskRule.values()) {
            if (rule != MaskRule.DROP) {
                assertThat(rule.apply("苏A12345 13812345678")).isEqualTo(MaskingRule.valueOf(rule.name()).apply("苏A12345 13812345678"));
            }
        }
    }

    @Test
    void drop_leaves_the_field_out() {
        assertThat(MaskRule.DROP.apply("x")).isNull();
    }
}
