package cn.govdata.sharing.demand;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.events.SharingEventTypes;
import cn.govdata.platform.directory.DepartmentDirectory;
import cn.govdata.platform.test.TestTokens;
import cn.govdata.sharing.application.NantongSharingTest;
import cn.govdata.sharing.application.SharingFixtures;
import cn.govdata.sharing.resource.Resources;
import cn.govdata.sharing.resource.SharedResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static cn.govdata.sharing.application.SharingFixtures.approver;
import static cn.govdata.sharing.application.SharingFixtures.consumer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@NantongSharingTest
class DemandsTest {

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

    SharingFixtures fixtures;

    @BeforeEach
    void departments() {
        fixtures = new SharingFixtures(mvc, kafka.getBrokersAsString(), resources, clock);
        if (directory.find("HRSS").isEmpty()) {
            fixtures.registerDepartment("HRSS", "320600");
            fixtures.registerDepartment("CAB", "320600");
            await().atMost(Duration.ofSeconds(30)).until(() -> directory.find("HRSS").isPresent() && directory.find("CAB").isPresent());
        }
    }

    @Test
    void aDemandIsAnsweredWithAPromiseToPublishWithinTheMonthAndFulfilledByThePublishedResource() throws Exception {
        JsonNode demand = fixtures.body(fixtures.postJson("/api/sharing/demands", consumer(), Map.of("addressedTo", "HRSS",
                        "description", "灵活就业人员参保名单", "items", List.of("姓名", "参保类型"), "purpose", "低保对象收入核查"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.state").value("OPEN"))
                .andExpect(jsonPath("$.answerDueAt").exists()));
        String id = demand.get("id").asString();
        JsonNode raised = fixtures.awaitEvent(SharingEventTypes.DEMAND_RAISED, id);
        assertThat(raised.get("requestingDepartment").asString()).isEqualTo("CAB");
        assertThat(raised.toString()).doesNotContain("cab-clerk");

        LocalDate today = clock.instant().atZone(WorkingDayCalendar.ZONE).toLocalDate();
        fixtures.postJson("/api/sharing/demands/" + id + "/answer", consumer(), Map.of("answer", "NOT_OURS"))
                .andExpect(status().isForbidden());
        fixtures.postJson("/api/sharing/demands/" + id + "/answer", approver(), Map.of("answer", "WILL_PUBLISH"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("byDate"));
        fixtures.postJson("/api/sharing/demands/" + id + "/answer", approver(),
                        Map.of("answer", "WILL_PUBLISH", "byDate", today.plusMonths(2).toString()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("byDate"));
        fixtures.postJson("/api/sharing/demands/" + id + "/answer", approver(),
                        Map.of("answer", "WILL_PUBLISH", "byDate", today.plusDays(20).toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("WILL_PUBLISH"))
                .andExpect(jsonPath("$.answer.publishDueAt").exists());
        JsonNode answered = fixtures.awaitEvent(SharingEventTypes.DEMAND_ANSWERED, id);
        assertThat(answered.get("answer").asString()).isEqualTo("WILL_PUBLISH");
        assertThat(answered.get("byDate").asString()).isEqualTo(today.plusDays(20).toString());
        fixtures.postJson("/api/sharing/demands/" + id + "/answer", approver(), Map.of("answer", "NOT_OURS"))
                .andExpect(status().isConflict());

        mvc.perform(get("/api/sharing/demands?state=WILL_PUBLISH").with(consumer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.id == '" + id + "')]").exists());
        mvc.perform(get("/api/sharing/demands?addressedTo=HRSS").with(approver()))
                .andExpect(jsonPath("$.items[?(@.id == '" + id + "')]").exists());
        mvc.perform(get("/api/sharing/demands/" + id).with(TestTokens.user("psb", "PSB", "320600", "dept-consumer")))
                .andExpect(status().isForbidden());

        SharedResource published = fixtures.publish("CONDITIONAL", List.of("API"));
        fixtures.postJson("/api/sharing/demands/" + id + "/fulfilment", approver(), Map.of("resourceId", published.id()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("FULFILLED"))
                .andExpect(jsonPath("$.fulfilment.resourceId").value(published.id()));
        fixtures.awaitEvent(SharingEventTypes.DEMAND_FULFILLED, id);
    }

    @Test
    void aDepartmentThatCannotPublishSaysWhyAndMistakesAreNamed() throws Exception {
        fixtures.postJson("/api/sharing/demands", consumer(), Map.of("addressedTo", "NOBODY", "description", "d",
                "items", List.of("x"), "purpose", "p")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("addressedTo"));
        fixtures.postJson("/api/sharing/demands", consumer(), Map.of("addressedTo", "CAB", "description", "d",
                "items", List.of("x"), "purpose", "p")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("addressedTo"));
        fixtures.postJson("/api/sharing/demands", consumer(), Map.of("addressedTo", "HRSS", "description", "d",
                "items", List.of(), "purpose", "p")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("items"));
        fixtures.postJson("/api/sharing/demands", approver(), Map.of("addressedTo", "CAB", "description", "d",
                "items", List.of("x"), "purpose", "p")).andExpect(status().isForbidden());

        String id = fixtures.body(fixtures.postJson("/api/sharing/demands", consumer(), Map.of("addressedTo", "HRSS",
                "description", "历年缴费明细", "items", List.of("缴费明细"), "purpose", "救助核查"))
                .andExpect(status().isCreated())).get("id").asString();
        fixtures.postJson("/api/sharing/demands/" + id + "/answer", approver(), Map.of("answer", "CANNOT"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reasons"));
        fixtures.postJson("/api/sharing/demands/" + id + "/answer", approver(), Map.of("answer", "PERHAPS"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("answer"));
        fixtures.postJson("/api/sharing/demands/" + id + "/answer", approver(),
                        Map.of("answer", "CANNOT", "reasons", "历史数据尚未电子化，预计明年完成"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("CANNOT"));
        fixtures.postJson("/api/sharing/demands/" + id + "/fulfilment", approver(), Map.of("resourceId", "x"))
                .andExpect(status().isConflict());
    }
}
