package cn.govdata.catalog.sourcing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ResourceSimilarityTest {

    @Test
    void genericTailWordsDoNotCountAgainstTheSameSubject() {
        assertThat(ResourceSimilarity.score("不动产登记信息", "不动产登记数据")).isEqualTo(1.0);
        assertThat(ResourceSimilarity.score("企业基本信息", "企业基本信息表")).isEqualTo(1.0);
    }

    @Test
    void oneInsertedWordKeepsNamesAboveTheDefaultThreshold() {
        assertThat(ResourceSimilarity.score("社会保险参保信息", "社会保险参保人员信息")).isCloseTo(0.833, within(0.001));
        assertThat(ResourceSimilarity.score("户籍人口信息", "户籍人口基本信息")).isEqualTo(ResourceSimilarity.DEFAULT_THRESHOLD);
    }

    @Test
    void differentSubjectsSharingWordsStayBelowTheDefaultThreshold() {
        assertThat(ResourceSimilarity.score("个人社保缴费信息", "单位社保缴费信息")).isCloseTo(0.6, within(0.001));
        assertThat(ResourceSimilarity.score("人口基本信息", "人口基础信息")).isLessThan(ResourceSimilarity.DEFAULT_THRESHOLD);
        assertThat(ResourceSimilarity.score("机动车登记信息", "机动车驾驶人信息")).isLessThan(0.5);
    }
}
