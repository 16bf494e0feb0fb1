package cn.govdata.catalog.sourcing;

import cn.govdata.platform.test.TestTokens;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.stream.Collectors;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Departments and catalog entries through the public API, for the sourcing and duty tests. */
public final class CatalogFixtures {

    public static final String REGION = "320100";
    public static final JwtRequestPostProcessor BUREAU = TestTokens.user("bureau", "BDB", REGION, "bureau-reviewer");
    public static final JwtRequestPostProcessor OPERATOR = TestTokens.user("operator", "BDC", REGION, "platform-operator");
    public static final JwtRequestPostProcessor AUDITOR = TestTokens.user("auditor", null, REGION, "auditor");

    /** One data item of an entry. */
    public record Item(String name, String type) {
    }

    private final MockMvc mvc;
    private final JsonMapper json;

    public CatalogFixtures(MockMvc mvc, JsonMapper json) {
        this.mvc = mvc;
        this.json = json;
    }

    public static JwtRequestPostProcessor officer(String department) {
        return TestTokens.user(department.toLowerCase() + "-officer", department, REGION, "dept-data-officer");
    }

    public static Item item(String name, String type) {
        return new Item(name, type);
    }

    public void department(String code) throws Exception {
        int status = mvc.perform(post("/api/catalog/departments").with(BUREAU).contentType(MediaType.APPLICATION_JSON).content("""
                        {"code":"%s","name":"测试部门%s","level":"CITY","region":"%s",
                         "dataOfficer":{"realName":"李明","phone":"025-83330000"}}""".formatted(code, code, REGION)))
                .andReturn().getResponse().getStatus();
        if (status != 201 && status != 409) {
            throw new AssertionError("registering department " + code + " answered " + status);
        }
    }

    /** A draft the department never submitted. */
    public String draft(String department, String name, List<Item> items) throws Exception {
        String response = mvc.perform(post("/api/catalog/entries").with(officer(department)).contentType(MediaType.APPLICATION_JSON)
                        .content(body(department, name, "目录测试资源", items)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(response).get("id").asString();
    }

    /** A first version waiting for the bureau. */
    public String submitted(String department, String name, List<Item> items) throws Exception {
        String id = draft(department, name, items);
        submit(department, id);
        return id;
    }

    public String published(String department, String name, List<Item> items) throws Exception {
        String id = submitted(department, name, items);
        mvc.perform(post("/api/catalog/entries/" + id + "/review").with(BUREAU).contentType(MediaType.APPLICATION_JSON)
                .content("{\"decision\":\"APPROVE\",\"reasons\":[]}")).andExpect(status().isOk());
        return id;
    }

    /** Starts a change of a published entry (a new summary) and submits it. */
    public void changeAndSubmit(String department, String id, String name, List<Item> items, String newSummary) throws Exception {
        mvc.perform(put("/api/catalog/entries/" + id).with(officer(department)).contentType(MediaType.APPLICATION_JSON)
                .content(body(department, name, newSummary, items))).andExpect(status().isOk());
        submit(department, id);
    }

    public void submit(String department, String id) throws Exception {
        mvc.perform(post("/api/catalog/entries/" + id + "/submit").with(officer(department))).andExpect(status().isOk());
    }

    public void requestWithdrawal(String department, String id) throws Exception {
        mvc.perform(post("/api/catalog/entries/" + id + "/withdrawal").with(officer(department)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reasons\":\"职能调整后不再采集该数据\"}")).andExpect(status().isOk());
    }

    static String body(String department, String name, String summary, List<Item> items) {
        String dataItems = items.stream().map(i -> "{\"name\":\"%s\",\"type\":\"%s\"}".formatted(i.name(), i.type()))
                .collect(Collectors.joining(","));
        return """
                {"name":"%s","summary":"%s","category":"DEPARTMENTAL","classCode":"01","itemCode":"001",
                 "providerDepartment":"%s","sourceSystem":"业务管理系统","formats":["JSON"],"form":"STRUCTURED",
                 "dataItems":[%s],"shareType":"UNCONDITIONAL","shareMethods":["API"],
                 "openType":"NOT_OPEN","openReason":"含个人信息","openLegalBasis":"《个人信息保护法》第二十八条",
                 "updateFrequency":"MONTHLY","region":"%s","grade":"GENERAL"}""".formatted(name, summary, department, dataItems, REGION);
    }
}
