package cn.govdata.privacy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdentifiersTest {

    @Test
    void an_id_number_with_a_valid_check_digit_and_birth_date_is_recognised() {
        assertThat(Identifiers.isResidentIdNumber("320115199003071417")).isTrue();
        assertThat(Identifiers.isResidentIdNumber("11010519491231002X")).isTrue();
        assertThat(Identifiers.isResidentIdNumber("11010519491231002x")).isTrue();
    }

    @Test
    void a_wrong_check_digit_an_impossible_birth_date_or_a_wrong_length_is_not_an_id_number() {
        assertThat(Identifiers.isResidentIdNumber("320115199003071418")).isFalse();
        assertThat(Identifiers.isResidentIdNumber("320115199002301410")).isFalse();
        assertThat(Identifiers.isResidentIdNumber("32011519900307141")).isFalse();
        assertThat(Identifiers.isResidentIdNumber("32011519900307141A")).isFalse();
        assertThat(Identifiers.isResidentIdNumber(null)).isFalse();
    }

    @Test
    void mobile_numbers_start_with_1_and_3_to_9() {
        assertThat(Identifiers.isMobileNumber("13812345678")).isTrue();
        assertThat(Identifiers.isMobileNumber("19912345678")).isTrue();
        assertThat(Identifiers.isMobileNumber("12812345678")).isFalse();
        assertThat(Identifiers.isMobileNumber("1381234567")).isFalse();
    }

    @Test
    void identifiers_are_found_inside_text_but_not_inside_longer_numbers() {
        assertThat(Identifiers.find("联系人 320115199003071417 王")).contains(Identifiers.Kind.RESIDENT_ID_NUMBER);
        assertThat(Identifiers.find("电话13812345678")).contains(Identifiers.Kind.MOBILE_NUMBER);
        assertThat(Identifiers.find("2381234567890")).isEmpty();
        assertThat(Identifiers.find("138123456789")).isEmpty();
        assertThat(Identifiers.find("320115199003071418")).isEmpty();
        assertThat(Identifiers.find("食品经营许可")).isEmpty();
        assertThat(Identifiers.find(null)).isEmpty();
    }
}
