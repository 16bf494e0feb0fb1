package cn.govdata.privacy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeadersTest {

    @Test
    void zero_width_characters_are_removed() {
        assertThat(Headers.normalise("姓名\u200B")).isEqualTo("姓名");
        assertThat(Headers.normalise("\uFEFF姓\u200C名\u200D\u2060")).isEqualTo("姓名");
    }

    @Test
    void full_width_forms_become_ordinary_ones_and_surrounding_spaces_go() {
        assertThat(Headers.normalise("　ＩＤ号码 ")).isEqualTo("ID号码");
        assertThat(Headers.normalise("\t手机号码\n")).isEqualTo("手机号码");
    }

    @Test
    void a_clean_header_is_unchanged() {
        assertThat(Headers.normalise("公民身份号码")).isEqualTo("公民身份号码");
        assertThat(Headers.needsNormalising("公民身份号码")).isFalse();
        assertThat(Headers.needsNormalising("姓名\u200B")).isTrue();
        assertThat(Headers.normalise(null)).isNull();
    }
}
