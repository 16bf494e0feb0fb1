package cn.govdata.sharing.demand;

import cn.govdata.platform.test.KeepsKafkaBrokersProperty;
import cn.govdata.platform.directory.DepartmentDirectory;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.sharing.application.SharingFixtures;
import cn.govdata.sharing.resource.Resources;
import cn.govdata.sharing.resource.SharedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static cn.govdata.sharing.application.SharingFixtures.approver;
import static cn.govdata.sharing.application.SharingFixtures.consumer;
import static cn.govdata.sharing.application.SharingFixtures.operator;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** QY 24: decide within 2 working days, implement within 3 more; answer a demand within 5. */
@PlatformIntegrationTest
@ExtendWith(KeepsKafkaBrokersProperty.class)
@TestPropertySource(properties = {
        "govdata.jurisdiction=qingyuan",
        "govdata.time.adjustable=true",
        // One partition, as the embedded broker creates them: added partitions reach a running consumer late.
        "govdata.kafka.partitions=1",
        "govdata.deadlines.poll-interval=200ms"})
class QingyuanDeadlinesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Resources resources;
    @Autowired
    DepartmentDirectory directory;
    @Autowired
    Clock clock;
    /** This context's broker: the brokers system property names whichever context started last. */
    @Autowired
    EmbeddedKafkaBroker kafka;

    @Test
    void anApprovalStartsTheImplementationPeriodAndAnUnansweredDemandBecomesOverdue() throws Exception {
        var fixtures = new SharingFixtures(mvc, kafka.getBrokersAsString(), resources, clock);
        fixtures.registerDepartment("HRSS", "441800");
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.find("HRSS").isPresent());

        SharedResource resource = fixtures.publish("CONDITIONAL", List.of("API"));
        JsonNode application = fixtures.body(fixtures.postJson("/api/sharing/applications", consumer(),
                        fixtures.application(resource, List.of("姓名")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.state").value("AWAITING_DECISION")));
        String id = application.get("id").asString();
        fixtures.postJson("/api/sharing/applications/" + id + "/decision", approver(), Map.of("approve", true))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.implementationDueAt").exists());
        fixtures.postJson("/api/sharing/applications/" + id + "/implementation", consumer(), Map.of())
                .andExpect(status().isForbidden());
        fixtures.postJson("/api/sharing/applications/" + id + "/implementation", approver(), Map.of())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.implementedAt").exists());
        fixtures.postJson("/api/sharing/applications/" + id + "/implementation", approver(), Map.of())
                .andExpect(status().isConflict());

        String demand = fixtures.body(fixtures.postJson("/api/sharing/demands", consumer(), Map.of("addressedTo", "HRSS",
                        "description", "就业困难人员名单", "items", List.of("姓名"), "purpose", "就业援助"))
                .andExpect(status().isCreated())).get("id").asString();
        fixtures.postJson("/api/sharing/time/advance", operator(), Map.of("by", "P15D")).andExpect(status().isOk());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                mvc.perform(get("/api/sharing/demands/" + demand).with(approver()))
                        .andExpect(jsonPath("$.state").value("OPEN"))
                        .andExpect(jsonPath("$.answerOverdue").value(true)));
        mvc.perform(get("/api/sharing/demands?overdue=true").with(operator()))
                .andExpect(jsonPath("$.items[0].id").value(demand));
    }
}
