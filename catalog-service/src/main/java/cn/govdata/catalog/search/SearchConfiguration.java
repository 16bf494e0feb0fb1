package cn.govdata.catalog.search;

import cn.govdata.catalog.entry.Entries;
import cn.govdata.catalog.entry.StoredEntries;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SearchProperties.class)
class SearchConfiguration {

    @Bean
    SearchIndex searchIndex(MeterRegistry registry) {
        SearchIndex index = new SearchIndex();
        Gauge.builder("catalog.search.index.entries", index, SearchIndex::size)
                .description("Catalog entries in this replica's search index")
                .register(registry);
        return index;
    }

    @Bean
    SearchIndexFeeder searchIndexFeeder(SearchIndex index, MongoTemplate mongo, Entries entries, SearchProperties properties) {
        // Entries is asked for so the collection and its indexes exist before the feeder's first scan.
        return new SearchIndexFeeder(index, mongo, new StoredEntries(mongo), properties);
    }
}
