package cn.govdata.catalog.search;

import cn.govdata.catalog.entry.EntryContent.DataFormat;
import cn.govdata.catalog.entry.EntryContent.OpenType;
import cn.govdata.catalog.entry.EntryContent.ShareMethod;
import cn.govdata.catalog.entry.EntryContent.ShareType;
import cn.govdata.platform.security.Caller;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.govdata.catalog.search.CatalogFixtures.bureau;
import static cn.govdata.catalog.search.CatalogFixtures.changing;
import static cn.govdata.catalog.search.CatalogFixtures.consumer;
import static cn.govdata.catalog.search.CatalogFixtures.content;
import static cn.govdata.catalog.search.CatalogFixtures.county;
import static cn.govdata.catalog.search.CatalogFixtures.draft;
import static cn.govdata.catalog.search.CatalogFixtures.officer;
import static cn.govdata.catalog.search.CatalogFixtures.published;
import static cn.govdata.catalog.search.CatalogFixtures.withdrawn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class SearchIndexTest {

    final SearchIndex index = new SearchIndex();

    static Map<String, List<String>> params(String query) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                String[] kv = pair.split("=", 2);
                params.computeIfAbsent(kv[0], k -> new java.util.ArrayList<>()).add(kv.length > 1 ? kv[1] : "");
            }
        }
        return params;
    }

    SearchResponse search(Caller caller, String query) {
        return index.search(SearchRequest.parse(params(query)), caller);
    }

    List<String> ids(Caller caller, String query) {
        return search(caller, query).items().stream().map(SearchResponse.Item::id).toList();
    }

    void put(cn.govdata.catalog.entry.CatalogEntry entry) {
        index.put(entry, CatalogFixtures.T0, 1L);
    }

    @Test
    void aWordInsideALongerChineseNameIsFound() {
        put(published("AMR-1", content("AMR", "企业营业执照信息")));
        put(published("AMR-2", content("AMR", "食品经营许可")));

        SearchResponse result = search(consumer("HRSS"), "q=营业执照");

        assertThat(result.items()).extracting(SearchResponse.Item::id).containsExactly("AMR-1");
        assertThat(result.items().get(0).matchedIn()).containsExactly("name");
        assertThat(result.totalItems()).isEqualTo(1);
    }

    @Test
    void anIdentityCardNumberIsFoundInADataItem() {
        put(published("PSB-1", content("PSB", "常住人口信息").items("姓名", "公民身份证号码", "住址")));
        put(published("PSB-2", content("PSB", "机动车登记").items("号牌号码", "车辆识别代号")));

        SearchResponse result = search(consumer("HRSS"), "q=身份证");

        assertThat(result.items()).extracting(SearchResponse.Item::id).containsExactly("PSB-1");
        assertThat(result.items().get(0).matchedIn()).containsExactly("dataItems");
    }

    @Test
    void aSingleCharacterFindsEveryEntryContainingIt() {
        put(published("PSB-1", content("PSB", "居民身份证").summary("")));
        put(published("AMR-1", content("AMR", "营业执照").items("统一社会信用代码", "证照编号")));
        put(published("AMR-2", content("AMR", "食品经营许可")));

        assertThat(ids(consumer("HRSS"), "q=证")).containsExactlyInAnyOrder("PSB-1", "AMR-1");
    }

    @Test
    void aLatinWordIsFoundByItsPrefixInAnyCaseAndWidth() {
        put(published("BDB-1", content("BDB", "行政区划代码").summary("遵循GB/T 2260标准，提供API接口")));
        put(published("BDB-2", content("BDB", "地名地址").summary("提供文件下载")));

        assertThat(ids(consumer("HRSS"), "q=ap")).containsExactly("BDB-1");
        assertThat(ids(consumer("HRSS"), "q=ＡＰＩ")).containsExactly("BDB-1");
        assertThat(ids(consumer("HRSS"), "q=gb")).containsExactly("BDB-1");
        assertThat(ids(consumer("HRSS"), "q=2260标准")).containsExactly("BDB-1");
        assertThat(ids(consumer("HRSS"), "q=pi")).isEmpty();
    }

    @Test
    void bigramsThatOccurApartDoNotMakeAHit() {
        // 营业 and 执照 both occur, and even 业执 occurs elsewhere, but never 营业执照 in one place.
        put(published("AMR-1", content("AMR", "营业场所登记").summary("含执照附件；另含专业执法记录")));
        put(published("AMR-2", content("AMR", "营业额统计").items("营业收入", "执照类型")));

        assertThat(ids(consumer("HRSS"), "q=营业执照")).isEmpty();
    }

    @Test
    void noTermMatchesAcrossTwoDataItemsOrTwoFields() {
        put(published("AMR-1", content("AMR", "企业营业").summary("执照信息").items("企业营业", "执照号码")));

        assertThat(ids(consumer("HRSS"), "q=营业执照")).isEmpty();
    }

    @Test
    void everyTermOfTheQueryMustOccur() {
        put(published("AMR-1", content("AMR", "企业营业执照信息").items("法定代表人身份证号码")));
        put(published("AMR-2", content("AMR", "个体工商户营业执照")));
        put(published("PSB-1", content("PSB", "居民身份证")));

        assertThat(ids(consumer("HRSS"), "q=营业执照 身份证")).containsExactly("AMR-1");
        assertThat(search(consumer("HRSS"), "q=营业执照 身份证").items().get(0).matchedIn()).containsExactly("name", "dataItems");
    }

    @Test
    void aNameHitRanksAboveADataItemHitAboveASummaryHitThenTheShorterNameFirst() {
        put(published("A", content("AMR", "经营主体年报").summary("含营业执照编号")));
        put(published("B", content("AMR", "企业登记信息").items("营业执照号")));
        put(published("C", content("AMR", "个体工商户营业执照信息")));
        put(published("D", content("AMR", "企业营业执照")));

        assertThat(ids(consumer("HRSS"), "q=营业执照")).containsExactly("D", "C", "B", "A");
    }

    @Test
    void facetsCountTheOtherFiltersSoChoosingAValueKeepsItsAlternativesVisible() {
        put(published("AMR-1", content("AMR", "营业执照信息").share(ShareType.CONDITIONAL, ShareMethod.API).topic("市场监管")));
        put(published("AMR-2", content("AMR", "营业执照注销").share(ShareType.UNCONDITIONAL, ShareMethod.FILE).topic("市场监管")));
        put(published("TAX-1", content("TAX", "营业执照税务登记").share(ShareType.CONDITIONAL, ShareMethod.API, ShareMethod.FILE)
                .topic("税收")));
        put(published("TAX-2", content("TAX", "发票信息").share(ShareType.CONDITIONAL, ShareMethod.API).topic("税收")));

        SearchResponse result = search(consumer("HRSS"), "q=营业执照&shareType=CONDITIONAL&department=AMR");

        assertThat(result.items()).extracting(SearchResponse.Item::id).containsExactly("AMR-1");
        // Own dimension: counted without shareType=CONDITIONAL, but with department=AMR and the keyword.
        assertThat(result.facets().get("shareType")).containsExactly(entry("CONDITIONAL", 1), entry("UNCONDITIONAL", 1));
        // Own dimension: counted without department=AMR, but with shareType=CONDITIONAL and the keyword.
        assertThat(result.facets().get("department")).containsOnly(entry("AMR", 1), entry("TAX", 1));
        // Other dimensions: counted over the result itself.
        assertThat(result.facets().get("topic")).containsExactly(entry("市场监管", 1));
        assertThat(result.facets().get("shareMethod")).containsExactly(entry("API", 1));
        assertThat(result.facets().get("status")).containsExactly(entry("PUBLISHED", 1));
        assertThat(result.facets()).containsOnlyKeys("department", "topic", "industry", "region", "shareType", "openType",
                "shareMethod", "format", "updateFrequency", "status", "priorityDomain");
    }

    @Test
    void valuesOfOneFilterAreAlternativesAndFiltersOnMultiValuedAttributesMatchAnyValue() {
        put(published("A", content("AMR", "甲").formats(DataFormat.CSV, DataFormat.JSON).open(OpenType.UNCONDITIONAL)));
        put(published("B", content("AMR", "乙").formats(DataFormat.XLSX).open(OpenType.CONDITIONAL)));
        put(published("C", content("AMR", "丙").formats(DataFormat.PDF).open(OpenType.UNCONDITIONAL)));

        assertThat(ids(consumer("HRSS"), "format=CSV&format=XLSX")).containsExactlyInAnyOrder("A", "B");
        assertThat(ids(consumer("HRSS"), "format=CSV&format=XLSX&openType=UNCONDITIONAL")).containsExactly("A");
    }

    @Test
    void outsidersSeeOnlyPublishedContentWhileTheOwnerAndTheBureauSeeTheWorkingCopy() {
        put(draft("PSB-1", content("PSB", "流动人口登记草稿")));
        put(changing("PSB-2", content("PSB", "户籍人口信息"), content("PSB", "户籍人口与流动人口信息")));

        assertThat(ids(consumer("HRSS"), "q=流动人口")).isEmpty();
        assertThat(ids(officer("AMR"), "q=流动人口")).isEmpty();
        assertThat(ids(officer("PSB"), "q=流动人口")).containsExactlyInAnyOrder("PSB-1", "PSB-2");
        assertThat(ids(bureau(), "q=流动人口")).containsExactlyInAnyOrder("PSB-1", "PSB-2");

        SearchResponse outsider = search(consumer("HRSS"), "q=户籍人口");
        assertThat(outsider.items()).singleElement().satisfies(i -> {
            assertThat(i.name()).isEqualTo("户籍人口信息");
            assertThat(i.status()).hasToString("PUBLISHED");
            assertThat(i.publishedVersion()).isEqualTo(1);
        });
        assertThat(search(officer("PSB"), "q=户籍人口").items()).singleElement()
                .extracting(SearchResponse.Item::name).isEqualTo("户籍人口与流动人口信息");
    }

    @Test
    void withdrawnEntriesAppearOnlyWhenAskedForByTheOwnerOrTheSupervisors() {
        put(withdrawn("PSB-1", content("PSB", "暂住证信息")));
        put(published("PSB-2", content("PSB", "居住证信息")));

        assertThat(ids(bureau(), "q=住证")).containsExactly("PSB-2");
        assertThat(ids(bureau(), "q=住证&status=WITHDRAWN")).containsExactly("PSB-1");
        assertThat(ids(officer("PSB"), "q=住证&status=WITHDRAWN")).containsExactly("PSB-1");
        assertThat(ids(consumer("HRSS"), "q=住证&status=WITHDRAWN")).isEmpty();
        assertThat(search(bureau(), "q=住证").facets().get("status"))
                .containsOnly(entry("PUBLISHED", 1), entry("WITHDRAWN", 1));
        assertThat(search(consumer("HRSS"), "q=住证").facets().get("status")).containsOnly(entry("PUBLISHED", 1));
    }

    @Test
    void aCountySeesItsOwnRegionAndTheCityButNotAnotherCounty() {
        put(published("A", content("PSB", "人口信息").region("320100")));
        put(published("B", content("PSB", "人口信息").region("320115")));
        put(published("C", content("PSB", "人口信息").region("320113")));

        assertThat(ids(county("320115"), "q=人口")).containsExactlyInAnyOrder("A", "B");
        assertThat(search(county("320115"), "q=人口").facets().get("region")).containsOnlyKeys("320100", "320115");
    }

    @Test
    void aReplacedEntryIsFoundOnlyByItsNewTextAndAnOlderVersionIsIgnored() {
        index.put(published("AMR-1", content("AMR", "食品经营许可")), CatalogFixtures.T0, 1L);
        index.put(published("AMR-1", content("AMR", "药品经营许可")), CatalogFixtures.T0, 2L);
        boolean applied = index.put(published("AMR-1", content("AMR", "食品经营许可")), CatalogFixtures.T0, 1L);

        assertThat(applied).isFalse();
        assertThat(ids(consumer("HRSS"), "q=食品")).isEmpty();
        assertThat(ids(consumer("HRSS"), "q=药品")).containsExactly("AMR-1");
        assertThat(index.size()).isEqualTo(1);

        index.remove("AMR-1");
        assertThat(ids(consumer("HRSS"), "q=药品")).isEmpty();
        assertThat(index.size()).isZero();
    }

    @Test
    void manyReplacementsCompactTheIndexWithoutLosingAnyEntry() {
        for (int i = 0; i < 50; i++) {
            put(published("E" + i, content("AMR", "许可" + i)));
        }
        for (long version = 2; version < 100; version++) {
            for (int i = 0; i < 50; i++) {
                index.put(published("E" + i, content("AMR", (version % 2 == 0 ? "登记" : "许可") + i)), CatalogFixtures.T0, version);
            }
        }

        assertThat(search(consumer("HRSS"), "q=许可").totalItems()).isEqualTo(50);
        assertThat(search(consumer("HRSS"), "q=登记").totalItems()).isZero();
        assertThat(ids(consumer("HRSS"), "q=许可17")).containsExactly("E17");
    }

    @Test
    void pagesFollowTheRequestedOrder() {
        put(published("C", content("AMR", "长江水文").build(), Instant.parse("2026-01-03T00:00:00Z")));
        put(published("A", content("AMR", "安全生产").build(), Instant.parse("2026-01-01T00:00:00Z")));
        put(published("B", content("AMR", "北区人口").build(), Instant.parse("2026-01-02T00:00:00Z")));

        // Names in pinyin order: an, bei, chang.
        assertThat(ids(consumer("HRSS"), "size=2")).containsExactly("A", "B");
        SearchResponse second = search(consumer("HRSS"), "size=2&page=1");
        assertThat(second.items()).extracting(SearchResponse.Item::id).containsExactly("C");
        assertThat(second.totalItems()).isEqualTo(3);
        assertThat(second.totalPages()).isEqualTo(2);
        assertThat(ids(consumer("HRSS"), "sort=-publishedAt")).containsExactly("C", "B", "A");
        assertThat(ids(consumer("HRSS"), "size=2&page=7")).isEmpty();
    }
}
