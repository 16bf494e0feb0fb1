package cn.govdata.sharing.provider;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingTest {

    @Test
    void idNumbersKeepTheRegionCodeAndTheLastFour() {
        assertThat(Masking.ID_NUMBER.apply("110101199003071234")).isEqualTo("110101********1234");
        assertThat(Masking.ID_NUMBER.apply("32010219851212345X")).isEqualTo("320102********345X");
        assertThat(Masking.ID_NUMBER.apply("110101900307123")).isEqualTo("110101*****7123");
    }

    @Test
    void phonesKeepTheOperatorPrefixAndTheLastFour() {
        assertThat(Masking.PHONE.apply("13812345678")).isEqualTo("138****5678");
        assertThat(Masking.PHONE.apply("025-84420000")).isEqualTo("025*****0000");
    }

    @Test
    void namesKeepOnlyTheSurname() {
        assertThat(Masking.NAME.apply("张三")).isEqualTo("张*");
        assertThat(Masking.NAME.apply("欧阳娜娜")).isEqualTo("欧***");
        assertThat(Masking.NAME.apply("王")).isEqualTo("王*");
    }

    @Test
    void addressesKeepTheDivisionsDownToTheDistrict() {
        assertThat(Masking.ADDRESS.apply("南京市玄武区中山路100号")).isEqualTo("南京市玄武区****");
        assertThat(Masking.ADDRESS.apply("江苏省南京市江宁区秣陵街道1号")).isEqualTo("江苏省南京市江宁区****");
        assertThat(Masking.ADDRESS.apply("溧水县永阳镇人民路1号")).isEqualTo("溧水县****");
        assertThat(Masking.ADDRESS.apply("中山路100号")).isEqualTo("中山路****");
    }

    @Test
    void emailsKeepTheFirstCharacterAndTheDomain() {
        assertThat(Masking.EMAIL.apply("zhangwei@psb.example.gov.cn")).isEqualTo("z***@psb.example.gov.cn");
    }

    @Test
    void tooShortValuesAreStillHiddenAndBlankOnesStayBlank() {
        assertThat(Masking.PHONE.apply("12345")).isEqualTo("1****");
        assertThat(Masking.ID_NUMBER.apply("")).isEmpty();
        assertThat(Masking.NAME.apply(null)).isNull();
        assertThat(Masking.NONE.apply("13812345678")).isEqualTo("13812345678");
    }
}
