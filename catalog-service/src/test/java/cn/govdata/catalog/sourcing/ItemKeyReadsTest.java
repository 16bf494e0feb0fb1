package cn.govdata.catalog.sourcing;

import cn.govdata.catalog.entry.Entries;
import cn.govdata.catalog.entry.EntryDocument;
import cn.govdata.platform.test.PlatformIntegrationTest;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static cn.govdata.catalog.sourcing.CatalogFixtures.item;
import static org.assertj.core.api.Assertions.assertThat;

/** Who holds a datum is read from the entries that hold one of its names, not from the whole catalog. */
@PlatformIntegrationTest
class ItemKeyReadsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    HeldItems held;
    @Autowired
    ItemNames names;
    @Autowired
    Clock clock;
    @Value("${spring.mongodb.uri}")
    String uri;

    final Set<String> returned = ConcurrentHashMap.newKeySet();
    MongoClient client;
    HeldItems watched;

    @BeforeEach
    void watchWhatTheStoreReturns() throws Exception {
        CommandListener listener = new CommandListener() {
            @Override
            public void commandSucceeded(CommandSucceededEvent event) {
                BsonDocument cursor = event.getResponse().getDocument("cursor", null);
                if (cursor == null || !cursor.getString("ns").getValue().endsWith("." + EntryDocument.COLLECTION)) {
                    return;
                }
                var batch = cursor.containsKey("firstBatch") ? cursor.getArray("firstBatch") : cursor.getArray("nextBatch");
                batch.forEach(d -> returned.add(d.asDocument().getString("_id").getValue()));
            }
        };
        client = MongoClients.create(MongoClientSettings.builder().applyConnectionString(new ConnectionString(uri))
                .addCommandListener(listener).build());
        var constructor = Entries.class.getDeclaredConstructor(MongoTemplate.class, Clock.class);
        constructor.setAccessible(true);
        Entries entries = constructor.newInstance(new MongoTemplate(client, new ConnectionString(uri).getDatabase()), clock);
        watched = new HeldItems(entries, names);
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void the_holders_of_an_item_are_read_from_entries_with_one_of_its_names_only() throws Exception {
        var catalog = new CatalogFixtures(mvc, json);
        catalog.department("IK-PSB");
        catalog.department("IK-HRSS");
        catalog.department("IK-TRA");
        String psb = catalog.published("IK-PSB", "户籍人口信息", List.of(item("身份证号", "STRING"), item("户籍地址", "STRING")));
        String hrss = catalog.submitted("IK-HRSS", "参保信息", List.of(item("公民身份号码", "STRING")));
        String transport = catalog.published("IK-TRA", "车辆登记信息", List.of(item("号牌号码", "STRING")));
        String key = names.datum("身份证号").key();

        var holders = Overlaps.of(key, watched.of(Set.of(key)));

        assertThat(returned).contains(psb, hrss).doesNotContain(transport);
        assertThat(holders.departments()).contains("IK-PSB", "IK-HRSS").doesNotContain("IK-TRA");
        assertThat(holders).isEqualTo(Overlaps.of(key, held.all()));
        assertThat(watched.keysHeldBy("IK-TRA")).containsExactly(names.datum("号牌号码").key());
    }
}
