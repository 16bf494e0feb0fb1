package cn.govdata.catalog.search;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SearchTextTest {

    static List<String> keys(String text) {
        List<String> keys = new ArrayList<>();
        SearchText.indexKeys(SearchText.normalize(text), keys::add);
        return keys;
    }

    @Test
    void aChineseRunIsIndexedByItsCharactersAndOverlappingBigrams() {
        assertThat(keys("营业执照")).containsExactly("u营", "u业", "b营业", "u执", "b业执", "u照", "b执照");
    }

    @Test
    void aChineseQueryLooksUpBigramsAndASingleCharacterLooksUpItself() {
        assertThat(SearchText.queryKeys("营业执照")).containsExactly("b营业", "b业执", "b执照");
        assertThat(SearchText.queryKeys("证")).containsExactly("u证");
    }

    @Test
    void latinWordsAreLowerCasedAndIndexedWithEveryPrefix() {
        assertThat(keys("API接口")).contains("wa", "wap", "wapi", "u接", "b接口").doesNotContain("wAPI");
        assertThat(SearchText.queryKeys("gb/t2260")).containsExactly("wgb", "wt2260");
    }

    @Test
    void fullWidthLettersDigitsAndSpacesBecomeHalfWidth() {
        assertThat(SearchText.normalize("ＡＰＩ接口　２０２４")).isEqualTo("api接口 2024");
    }

    @Test
    void chineseTextIsReturnedAsTheSameInstanceSoTheIndexStoresItOnce() {
        String name = "企业营业执照信息";
        assertThat(SearchText.normalize(name)).isSameAs(name);
    }

    @Test
    void aQueryIsSplitIntoDistinctTermsAtAnyWhitespaceIncludingTheIdeographicSpace() {
        assertThat(SearchText.terms(" 营业执照　身份证  营业执照 ")).containsExactly("营业执照", "身份证");
    }
}
