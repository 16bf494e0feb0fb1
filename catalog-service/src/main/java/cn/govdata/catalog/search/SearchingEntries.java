package cn.govdata.catalog.search;

import cn.govdata.platform.security.Caller;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Anyone with a token searches the catalog; what they find depends on who they are (see {@link SearchIndex}). */
@Service
class SearchingEntries {

    private final SearchIndex index;
    private final Timer timer;

    SearchingEntries(SearchIndex index, MeterRegistry registry) {
        this.index = index;
        this.timer = Timer.builder("catalog.search")
                .description("Catalog searches answered from this replica's index")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(2))
                .register(registry);
    }

    SearchResponse search(Map<String, List<String>> parameters, Caller caller) {
        SearchRequest request = SearchRequest.parse(parameters);
        return timer.record(() -> index.search(request, caller));
    }
}
