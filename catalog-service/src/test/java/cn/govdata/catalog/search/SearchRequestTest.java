package cn.govdata.catalog.search;

import cn.govdata.domain.Refusal;
import org.junit.jupiter.api.Test;

import static cn.govdata.catalog.search.SearchIndexTest.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchRequestTest {

    static void rejects(String query, String field) {
        assertThatThrownBy(() -> SearchRequest.parse(params(query)))
                .isInstanceOfSatisfying(Refusal.class, e -> {
                    assertThat(e.kind()).isEqualTo(Refusal.Kind.INVALID);
                    assertThat(e.getMessage()).startsWith(field + ":");
                });
    }

    @Test
    void anUnknownEnumValueIsRejectedNamingTheParameterAndTheAllowedValues() {
        rejects("shareType=SOMETIMES", "shareType");
        assertThatThrownBy(() -> SearchRequest.parse(params("shareType=SOMETIMES")))
                .hasMessageContaining("UNCONDITIONAL, CONDITIONAL, NOT_SHARED");
        rejects("status=LOST", "status");
        rejects("format=DOCX", "format");
    }

    @Test
    void sizePageAndSortOutsideTheirRangesAreRejected() {
        rejects("size=0", "size");
        rejects("size=201", "size");
        rejects("page=-1", "page");
        rejects("page=first", "page");
        rejects("sort=random", "sort");
    }

    @Test
    void relevanceIsTheDefaultOrderWithKeywordsAndNameWithout() {
        assertThat(SearchRequest.parse(params("q=营业执照")).order()).isEqualTo(SearchRequest.Order.RELEVANCE);
        assertThat(SearchRequest.parse(params("")).order()).isEqualTo(SearchRequest.Order.NAME);
        assertThat(SearchRequest.parse(params("")).size()).isEqualTo(20);
    }

    @Test
    void repeatedValuesOfOneFilterAreKeptTogether() {
        var request = SearchRequest.parse(params("department=PSB&department=AMR&shareType=CONDITIONAL"));
        assertThat(request.filter(Dimension.DEPARTMENT)).containsExactlyInAnyOrder("PSB", "AMR");
        assertThat(request.filter(Dimension.SHARE_TYPE)).containsExactly("CONDITIONAL");
        assertThat(request.filter(Dimension.TOPIC)).isEmpty();
    }
}
