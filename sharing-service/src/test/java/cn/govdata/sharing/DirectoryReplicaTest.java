package cn.govdata.sharing;

import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.EventTypes;
import cn.govdata.events.Topics;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
class DirectoryReplicaTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    // The broker of this test's own context: the JVM-wide spring.embedded.kafka.brokers property
    // names whichever embedded broker started last, which may belong to another cached context.
    @Autowired
    EmbeddedKafkaBroker embeddedKafka;

    @Test
    void theServiceKeepsAReadCopyOfTheDirectoryAndAppliesEachEventOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        var headers = Map.of(CloudEventHeaders.ID, id, CloudEventHeaders.TYPE, EventTypes.DEPARTMENT_REGISTERED.type(),
                CloudEventHeaders.SOURCE, "/govdata/catalog-service", CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.TIME, "2026-11-20T02:00:00Z", CloudEventHeaders.SUBJECT, "PSB");
        String body = """
                {"code":"PSB","name":"市公安局","level":"CITY","region":"320100","parentCode":null,
                 "dataOfficer":{"realName":"张伟","phone":"025-84420000","email":null},
                 "registeredAt":"2026-11-20T02:00:00Z","registeredBy":"bureau"}""";
        KafkaProbe.send(embeddedKafka.getBrokersAsString(), Topics.CATALOG, "PSB", body, headers);
        KafkaProbe.send(embeddedKafka.getBrokersAsString(), Topics.CATALOG, "PSB", body, headers);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/sharing/directory").with(TestTokens.user("hrss", "HRSS", "320100", "dept-consumer")))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.items[0].code").value("PSB"))
                        .andExpect(jsonPath("$.items[0].dataOfficer.realName").value("张伟")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(mongo.count(
                Query.query(Criteria.where("eventId").is(id)), "processed_events")).isEqualTo(1));
        mvc.perform(get("/api/sharing/directory")).andExpect(status().isUnauthorized());
    }
}
