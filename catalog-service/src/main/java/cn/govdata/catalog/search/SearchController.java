package cn.govdata.catalog.search;

import cn.govdata.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/catalog/entries}: keyword search with filters and facets; see the package
 * documentation for matching, ordering, visibility and how facets are counted. Parameters are read
 * raw rather than bound, so that a value containing a comma stays one value and every malformed
 * parameter is reported by name.
 */
@RestController
class SearchController {

    private final SearchingEntries searching;

    SearchController(SearchingEntries searching) {
        this.searching = searching;
    }

    @Operation(summary = "Search the catalog",
            description = "Keywords (all required) in name, data items or summary; repeat a filter for alternatives. "
                    + "Facets count each dimension over the result of the keywords and the other filters.")
    @Parameter(name = "q", in = ParameterIn.QUERY, description = "whitespace-separated terms, e.g. 营业执照")
    @Parameter(name = "department", in = ParameterIn.QUERY, description = "provider department code; repeatable")
    @Parameter(name = "topic", in = ParameterIn.QUERY, description = "repeatable")
    @Parameter(name = "industry", in = ParameterIn.QUERY, description = "repeatable")
    @Parameter(name = "region", in = ParameterIn.QUERY, description = "6-digit division code; repeatable")
    @Parameter(name = "shareType", in = ParameterIn.QUERY, description = "UNCONDITIONAL, CONDITIONAL, NOT_SHARED; repeatable")
    @Parameter(name = "openType", in = ParameterIn.QUERY, description = "UNCONDITIONAL, CONDITIONAL, NOT_OPEN; repeatable")
    @Parameter(name = "shareMethod", in = ParameterIn.QUERY, description = "API, DATABASE_TABLE, FILE; repeatable")
    @Parameter(name = "format", in = ParameterIn.QUERY, description = "CSV, JSON, XML, XLSX, PDF, DATABASE, IMAGE, VIDEO, OTHER; repeatable")
    @Parameter(name = "updateFrequency", in = ParameterIn.QUERY, description = "REAL_TIME … IRREGULAR; repeatable")
    @Parameter(name = "status", in = ParameterIn.QUERY, description = "entry status; WITHDRAWN only when asked for; repeatable")
    @Parameter(name = "sort", in = ParameterIn.QUERY,
            description = "relevance (default with q), name (default without), publishedAt, -publishedAt, updatedAt, -updatedAt")
    @Parameter(name = "page", in = ParameterIn.QUERY, description = "from 0")
    @Parameter(name = "size", in = ParameterIn.QUERY, description = "1..200, default 20")
    @GetMapping("/api/catalog/entries")
    SearchResponse search(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters, Caller caller) {
        return searching.search(parameters, caller);
    }
}
