package cn.govdata.opendata.catalog;

import cn.govdata.opendata.OpenDataFixtures;
import cn.govdata.platform.test.PlatformIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

import static cn.govdata.opendata.OpenDataFixtures.entry;
import static cn.govdata.opendata.OpenDataFixtures.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
class OpenCatalogTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    MongoTemplate mongo;
    // This context's own broker: the JVM-wide spring.embedded.kafka.brokers names whichever started last.
    @Autowired
    org.springframework.kafka.test.EmbeddedKafkaBroker embeddedKafka;

    @Test
    void theNotOpenListIsPagedAndFilteredAndGivesEachEntrysReasonAndLegalBasis() throws Exception {
        String brokers = embeddedKafka.getBrokersAsString();
        String department = "NO" + java.util.UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        for (int i = 1; i <= 3; i++) {
            OpenDataFixtures.publishToCatalog(brokers, json, entry(department + "-00000" + i, "不动产登记信息第" + i + "批", department,
                    "NOT_OPEN", "《不动产登记暂行条例》第二十八条", false));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/open-data/public/not-open").param("department", department))
                        .andExpect(jsonPath("$.totalItems").value(3)));

        mvc.perform(get("/api/open-data/public/not-open").param("department", department).param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.size").value(2))
                .andExpect(jsonPath("$.totalPages").value(2))
                .andExpect(jsonPath("$.items[0].entryId").value(department + "-000001"))
                .andExpect(jsonPath("$.items[0].reason").value("涉及个人隐私"))
                .andExpect(jsonPath("$.items[0].legalBasis").value("《不动产登记暂行条例》第二十八条"));
        mvc.perform(get("/api/open-data/public/not-open").param("department", department).param("size", "2").param("page", "1"))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].entryId").value(department + "-000003"));
        mvc.perform(get("/api/open-data/public/not-open").param("department", department).param("q", "第2批"))
                .andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.items[0].name").value("不动产登记信息第2批"));
        mvc.perform(get("/api/open-data/public/not-open").param("size", "101"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void catalogEventsBuildAnAnonymousSearchableCatalogWithTheNotOpenListAndWithoutSharedData() throws Exception {
        String brokers = embeddedKafka.getBrokersAsString();
        String open = uniqueId("OPEN");
        String conditional = uniqueId("COND");
        String notOpen = uniqueId("NOPE");
        String shared = uniqueId("SHRD");
        OpenDataFixtures.publishToCatalog(brokers, json, entry(open, "食品经营许可信息", "AMR", "UNCONDITIONAL", null, false));
        OpenDataFixtures.publishToCatalog(brokers, json, entry(conditional, "企业用电信息", "AMR", "CONDITIONAL", "QY 33", false));
        OpenDataFixtures.publishToCatalog(brokers, json, entry(notOpen, "个人纳税信息", "AMR", "NOT_OPEN", "《个人信息保护法》第二十八条", false));
        OpenDataFixtures.publishToCatalog(brokers, json, entry(shared, "共享获得的人口信息", "AMR", null, null, true));
        OpenDataFixtures.awaitListed(mvc, open);
        OpenDataFixtures.awaitListed(mvc, conditional);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/open-data/public/not-open").param("size", "100"))
                        .andExpect(jsonPath("$.items[*].entryId", hasItem(notOpen))));

        mvc.perform(get("/api/open-data/public/datasets").param("q", "食品经营"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].entryId", hasItem(open)))
                .andExpect(jsonPath("$.items[*].entryId", not(hasItem(conditional))));
        mvc.perform(get("/api/open-data/public/datasets").param("openType", "CONDITIONAL").param("size", "100"))
                .andExpect(jsonPath("$.items[*].entryId", hasItem(conditional)))
                .andExpect(jsonPath("$.items[*].entryId", not(hasItem(open))));
        mvc.perform(get("/api/open-data/public/datasets").param("size", "100"))
                .andExpect(jsonPath("$.items[*].entryId", not(hasItem(notOpen))));
        mvc.perform(get("/api/open-data/public/datasets/" + open))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.openType").value("UNCONDITIONAL"))
                .andExpect(jsonPath("$.topic").value("市场监管"))
                .andExpect(jsonPath("$.dataItems[1].name").value("身份证号"));
        mvc.perform(get("/api/open-data/public/not-open").param("size", "100"))
                .andExpect(jsonPath("$.items[?(@.entryId=='" + notOpen + "')].legalBasis").value(hasItem("《个人信息保护法》第二十八条")))
                .andExpect(jsonPath("$.items[?(@.entryId=='" + notOpen + "')].reason").value(hasItem("涉及个人隐私")));
        // Asked for by id, a closed dataset says why rather than that it does not exist.
        mvc.perform(get("/api/open-data/public/datasets/" + notOpen)).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://govdata.cn/problems/dataset-not-open"))
                .andExpect(jsonPath("$.reason").value("涉及个人隐私"))
                .andExpect(jsonPath("$.legalBasis").value("《个人信息保护法》第二十八条"));
        mvc.perform(get("/api/open-data/public/datasets/" + notOpen + "/download")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://govdata.cn/problems/dataset-not-open"));

        // QY 37: data obtained through sharing never appears, although the event was consumed.
        await().atMost(Duration.ofSeconds(20)).until(() -> mongo.getCollection("processed_events").countDocuments() >= 4);
        mvc.perform(get("/api/open-data/public/datasets/" + shared)).andExpect(status().isNotFound());
        assertThat(mongo.exists(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(shared)), Listing.COLLECTION)).isFalse();
    }
}
