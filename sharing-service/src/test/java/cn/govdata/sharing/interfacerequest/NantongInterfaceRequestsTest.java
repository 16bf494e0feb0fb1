package cn.govdata.sharing.interfacerequest;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.platform.directory.DepartmentDirectory;
import cn.govdata.sharing.application.NantongSharingTest;
import cn.govdata.sharing.application.SharingFixtures;
import cn.govdata.sharing.resource.Resources;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static cn.govdata.sharing.application.SharingFixtures.bureau;
import static cn.govdata.sharing.application.SharingFixtures.consumer;
import static cn.govdata.sharing.application.SharingFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Nantong's regulation sets no interface period: requests still work, on the platform default (10 + 5 working days). */
@NantongSharingTest
class NantongInterfaceRequestsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Resources resources;
    @Autowired
    DepartmentDirectory directory;
    @Autowired
    Clock clock;
    @Autowired
    WorkingDayCalendar calendar;
    @Autowired
    EmbeddedKafkaBroker kafka;

    @Test
    @DisplayName("Without QZ 2.3 the bureau's request runs the platform default of 10 working days and the deadline says it is a default")
    void aRequestRunsOnThePlatformDefault() throws Exception {
        var fixtures = new SharingFixtures(mvc, kafka.getBrokersAsString(), resources, clock);
        if (directory.find("HRSS").isEmpty()) {
            fixtures.registerDepartment("HRSS", "320600");
            await().atMost(Duration.ofSeconds(30)).until(() -> directory.find("HRSS").isPresent());
        }
        JsonNode created = fixtures.body(fixtures.postJson("/api/sharing/interface-requests", bureau(), Map.of("provider", "HRSS",
                        "dataWanted", "参保状态", "scenario", "就业援助", "interfaceSpec", "按身份证号查询"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.state").value("REQUESTED")));
        String id = created.get("id").asString();
        LocalDate day = Instant.parse(created.get("requestedAt").asString()).atZone(WorkingDayCalendar.ZONE).toLocalDate();
        assertThat(Instant.parse(created.get("answerDueAt").asString()))
                .isEqualTo(calendar.addWorkingDays(day, 10).plusDays(1).atStartOfDay(WorkingDayCalendar.ZONE).toInstant());
        mvc.perform(get("/api/sharing/deadlines?process=interface-request&state=PENDING&size=200").with(operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.subjectId == '" + id + "')].ruleSource").value("PLATFORM_DEFAULT"));
    }

    @Test
    @DisplayName("The bureau may decline a department's proposal, saying why; a declined proposal starts no period")
    void aDeclinedProposalSaysWhy() throws Exception {
        var fixtures = new SharingFixtures(mvc, kafka.getBrokersAsString(), resources, clock);
        if (directory.find("HRSS").isEmpty()) {
            fixtures.registerDepartment("HRSS", "320600");
            await().atMost(Duration.ofSeconds(30)).until(() -> directory.find("HRSS").isPresent());
        }
        String id = fixtures.body(fixtures.postJson("/api/sharing/interface-requests", consumer(), Map.of("provider", "HRSS",
                        "dataWanted", "参保状态", "scenario", "就业援助", "interfaceSpec", "按身份证号查询"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.consumer").value("CAB"))
                .andExpect(jsonPath("$.state").value("PROPOSED"))).get("id").asString();
        fixtures.postJson("/api/sharing/interface-requests/" + id + "/forwarding", bureau(), Map.of("forward", false))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reasons"));
        fixtures.postJson("/api/sharing/interface-requests/" + id + "/forwarding", bureau(),
                        Map.of("forward", false, "reasons", "已有同类核验接口可直接申请"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("DECLINED"))
                .andExpect(jsonPath("$.proposal.reasons").value("已有同类核验接口可直接申请"))
                .andExpect(jsonPath("$.answerDueAt").doesNotExist());
        fixtures.postJson("/api/sharing/interface-requests/" + id + "/forwarding", bureau(), Map.of("forward", true))
                .andExpect(status().isConflict());
    }
}
