package cn.govdata.objection;

import cn.govdata.events.ObjectionEventTypes;
import cn.govdata.events.Topics;
import cn.govdata.platform.test.PlatformIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static cn.govdata.objection.ObjectionFixtures.AUDITOR;
import static cn.govdata.objection.ObjectionFixtures.OPERATOR;
import static cn.govdata.objection.ObjectionFixtures.approver;
import static cn.govdata.objection.ObjectionFixtures.citizen;
import static cn.govdata.objection.ObjectionFixtures.objection;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
class ResolvingPseudonymsTest {

    private static final String KEY = "320115200206235413";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    EmbeddedKafkaBroker embeddedKafka;

    @Test
    void aPseudonymFromAnEventResolvesToTheRecordKeyOnlyForCallersEntitledToTheRecord() throws Exception {
        ObjectionFixtures fixtures = new ObjectionFixtures(mvc, json, embeddedKafka.getBrokersAsString());
        String resource = fixtures.published("PSB", "户籍人口基本信息", List.of("姓名", "住址"));
        String tn = fixtures.file(citizen("wangwu"), objection(resource, KEY, "王五", "13912345678")).get("trackingNumber").asString();
        String pseudonym = json.readTree(fixtures.awaitEvent(Topics.OBJECTION, tn, ObjectionEventTypes.DATA_DISPUTED).value())
                .get("recordPseudonym").asString();
        String request = json.writeValueAsString(java.util.Map.of("resourceId", resource, "recordPseudonym", pseudonym));

        for (RequestPostProcessor entitled : List.of(OPERATOR, approver("PSB"), citizen("wangwu"))) {
            mvc.perform(post("/api/objections/pseudonyms/resolve").with(entitled).contentType("application/json").content(request))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.recordKey").value(KEY))
                    .andExpect(jsonPath("$.caseIds[0]").value(tn));
        }
        for (RequestPostProcessor others : List.of(AUDITOR, approver("HRSS"), citizen("someone-else"))) {
            mvc.perform(post("/api/objections/pseudonyms/resolve").with(others).contentType("application/json").content(request))
                    .andExpect(status().isNotFound());
        }
        mvc.perform(post("/api/objections/pseudonyms/resolve").with(OPERATOR).contentType("application/json")
                        .content("{\"resourceId\":\"" + resource + "\",\"recordPseudonym\":\"" + KEY + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("recordPseudonym"));
        mvc.perform(post("/api/objections/pseudonyms/resolve").contentType("application/json").content(request))
                .andExpect(status().isUnauthorized());
    }
}
