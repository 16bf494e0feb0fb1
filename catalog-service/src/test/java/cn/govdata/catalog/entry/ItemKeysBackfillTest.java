package cn.govdata.catalog.entry;

import cn.govdata.catalog.sourcing.CatalogFixtures;
import cn.govdata.platform.test.PlatformIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Set;

import static cn.govdata.catalog.sourcing.CatalogFixtures.item;
import static org.assertj.core.api.Assertions.assertThat;

@PlatformIntegrationTest
class ItemKeysBackfillTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    Entries entries;

    @Test
    void an_entry_stored_before_entries_kept_item_keys_is_found_by_them_after_the_one_time_backfill() throws Exception {
        var catalog = new CatalogFixtures(mvc, json);
        catalog.department("BF-PSB");
        String id = catalog.published("BF-PSB", "流动人口信息", List.of(item("暂住证编号", "STRING"), item("ＩＤ号码", "STRING")));
        assertThat(entries.get(id).itemKeys()).containsExactly("id", "暂住证");
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update().unset(Entries.ITEM_KEYS), EntryDocument.COLLECTION);
        mongo.remove(Query.query(Criteria.where("_id").is("backfill:entry-item-keys")), "counters");
        assertThat(entries.holdingAny(Set.of("暂住证")).map(EntryDocument::id)).doesNotContain(id);

        entries.backfillItemKeys();

        assertThat(entries.holdingAny(Set.of("暂住证")).map(EntryDocument::id)).contains(id);
        assertThat(mongo.exists(Query.query(Criteria.where("_id").is("backfill:entry-item-keys")), "counters")).isTrue();
    }
}
