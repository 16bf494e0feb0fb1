package cn.govdata.catalog.sourcing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ItemNamesTest {

    final ItemNames names = ItemNames.shipped();

    String key(String name) {
        return names.datum(name).key();
    }

    @Test
    void everyWayOfNamingTheCitizenIdNumberIsOneDatumNamedAsTheDictionarySays() {
        for (String alias : List.of("身份证号", "身份证号码", "身份证", "居民身份证号码", "公民身份号码", "公民身份号")) {
            assertThat(names.datum(alias).canonicalName()).as(alias).isEqualTo("公民身份号码");
            assertThat(key(alias)).as(alias).isEqualTo(key("公民身份号码"));
        }
    }

    @Test
    void fullWidthCharactersSpacesAndPunctuationDoNotMakeADifferentItem() {
        assertThat(key("身份证号　")).isEqualTo(key("身份证号"));
        assertThat(key("车辆识别代号（ＶＩＮ）")).isEqualTo(key("车辆识别代号(vin)"));
        assertThat(key("手机 号码")).isEqualTo(key("联系电话"));
    }

    @Test
    void aTrailingIdentifierSuffixIsIgnoredOnlyWhenSomethingMeaningfulRemains() {
        assertThat(key("门牌号")).isEqualTo(key("门牌号码"));
        assertThat(key("案件编号")).isEqualTo(key("案件号"));
        assertThat(key("统一社会信用代码")).isEqualTo(key("信用代码"));
        assertThat(ItemNames.fold("编号")).isEqualTo("编号");
        assertThat(ItemNames.fold("密码")).isEqualTo("密码");
    }

    @Test
    void unrelatedItemsStayApart() {
        assertThat(key("姓名")).isNotEqualTo(key("性别"));
        assertThat(key("户籍地址")).isNotEqualTo(key("现居住地址"));
        assertThat(key("企业名称")).isNotEqualTo(key("统一社会信用代码"));
        assertThat(key("公民身份号码")).isNotEqualTo(key("护照号码"));
    }

    @Test
    void aDictionaryWhoseLinesMeetIsRefusedRatherThanDependingOnLineOrder() {
        assertThatThrownBy(() -> ItemNames.parse(List.of("身份证号 = 公民身份号码", "身份证号码 = 证件号码")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2");
    }
}
