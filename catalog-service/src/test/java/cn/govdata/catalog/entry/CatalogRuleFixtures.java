package cn.govdata.catalog.entry;

import cn.govdata.catalog.sourcing.CatalogFixtures;
import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.EventType;
import cn.govdata.events.SchemaAssertions;
import cn.govdata.events.Topics;
import cn.govdata.platform.test.KafkaProbe;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;

import static cn.govdata.catalog.sourcing.CatalogFixtures.BUREAU;
import static cn.govdata.catalog.sourcing.CatalogFixtures.OPERATOR;
import static cn.govdata.catalog.sourcing.CatalogFixtures.officer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Entries of a given share and open type through the API, for the per-profile rule tests. */
record CatalogRuleFixtures(MockMvc mvc, JsonMapper json, String brokers) {

    static String body(String department, String name, String shareType, String openType) {
        boolean conditional = shareType.equals("CONDITIONAL");
        boolean restricted = !shareType.equals("UNCONDITIONAL");
        String share = "\"shareType\":\"%s\"".formatted(shareType)
                + (conditional ? ",\"shareConditions\":\"仅用于待遇核验\",\"shareScope\":\"市级政务部门\"" : "")
                + (restricted ? ",\"shareReason\":\"涉及个人权益\",\"shareLegalBasis\":\"《社会保险法》第八十一条\"" : "")
                + (shareType.equals("NOT_SHARED") ? ",\"shareMethods\":[]" : ",\"shareMethods\":[\"API\"]");
        String open = "\"openType\":\"%s\"".formatted(openType)
                + (openType.equals("UNCONDITIONAL") ? "" : ",\"openReason\":\"含个人信息\",\"openLegalBasis\":\"《个人信息保护法》第二十八条\"");
        return """
                {"name":"%s","summary":"规则测试资源","category":"DEPARTMENTAL","classCode":"01","itemCode":"001",
                 "providerDepartment":"%s","sourceSystem":"业务管理系统","formats":["JSON"],"form":"STRUCTURED",
                 "dataItems":[{"name":"参保状态","type":"STRING"}],%s,%s,
                 "updateFrequency":"MONTHLY","region":"%s","grade":"GENERAL"}""".formatted(name, department, share, open,
                CatalogFixtures.REGION);
    }

    String submitted(String department, String name, String shareType, String openType) throws Exception {
        String response = mvc.perform(post("/api/catalog/entries").with(officer(department)).contentType(MediaType.APPLICATION_JSON)
                        .content(body(department, name, shareType, openType)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String id = json.readTree(response).get("id").asString();
        mvc.perform(post("/api/catalog/entries/" + id + "/submit").with(officer(department))).andExpect(status().isOk());
        return id;
    }

    String published(String department, String name, String shareType, String openType) throws Exception {
        String id = submitted(department, name, shareType, openType);
        mvc.perform(post("/api/catalog/entries/" + id + "/review").with(BUREAU).contentType(MediaType.APPLICATION_JSON)
                .content("{\"decision\":\"APPROVE\",\"reasons\":[]}")).andExpect(status().isOk());
        return id;
    }

    ResultActions postJson(String path, org.springframework.test.web.servlet.request.RequestPostProcessor caller, String body)
            throws Exception {
        return mvc.perform(post(path).with(caller).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    JsonNode read(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    JsonNode awaitEvent(EventType<?> type, String key) throws Exception {
        var record = KafkaProbe.awaitRecord(brokers, Topics.CATALOG, Duration.ofSeconds(20), r -> key.equals(r.key())
                && KafkaProbe.header(r, CloudEventHeaders.TYPE).orElse("").equals(type.type()));
        SchemaAssertions.assertConforms(type, record.value());
        return json.readTree(record.value());
    }

    Instant now() throws Exception {
        return Instant.parse(read(mvc.perform(get("/api/catalog/time").with(OPERATOR))).get("now").asString());
    }

    void advancePast(Instant instant) throws Exception {
        Duration by = Duration.between(now(), instant).plusHours(1);
        postJson("/api/catalog/time/advance", OPERATOR, "{\"by\":\"%s\"}".formatted(by)).andExpect(status().isOk());
    }
}
