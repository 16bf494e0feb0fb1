package cn.govdata.objection.cases.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingTest {

    @Test
    void namesKeepTheirFirstCharacterOnly() {
        assertThat(Masking.name("张三")).isEqualTo("张*");
        assertThat(Masking.name("欧阳娜娜")).isEqualTo("欧***");
        assertThat(Masking.name(null)).isNull();
    }

    @Test
    void mobilesKeepThreeAndFourDigitsOtherNumbersOnlyTheLastFour() {
        assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
        assertThat(Masking.phone("025-84420000")).isEqualTo("***-****0000");
        assertThat(Masking.phone("110")).isEqualTo("***");
    }

    @Test
    void emailsAndCodesKeepTooLittleToIdentifyAnyone() {
        assertThat(Masking.email("zhangsan@example.cn")).isEqualTo("z***@example.cn");
        assertThat(Masking.code("91320100MA1XXXXX0Y")).isEqualTo("**************XX0Y");
    }
}
