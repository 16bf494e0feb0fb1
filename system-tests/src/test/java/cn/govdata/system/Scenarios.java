package cn.govdata.system;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The set-up steps the system tests share, each done through the gateway exactly as a department
 * would: register a department, publish a catalog entry, put the simulated provider behind it,
 * get a grant. Each step asserts its own answer, so a failing set-up names the step.
 */
final class Scenarios {

    /** One of the simulated provider's residents (deploy/provider-sim/mappings/person-01.json). */
    static final String PERSON = "320115200206235413";
    /** The items of the simulated PSB people API, as its catalog entry lists them. */
    static final List<String> PEOPLE_ITEMS = List.of("公民身份号码", "姓名", "性别", "出生日期", "手机号码", "住址", "民族");
    /** The exchange wants every call's purpose, percent-encoded. */
    static final Map<String, String> PURPOSE = Map.of("X-Purpose",
            java.net.URLEncoder.encode("养老保险待遇资格认证", java.nio.charset.StandardCharsets.UTF_8));

    /** Items the simulated PSB people API (deploy/provider-sim) serves that identify a person. */
    private static final Set<String> PERSONAL = Set.of("公民身份号码", "姓名", "手机号码", "住址", "出生日期");

    private Scenarios() {
    }

    /** A suffix that keeps one run's names and codes apart from every earlier run on the same stack. */
    static String run() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** Registers the department, or accepts that an earlier run already did. */
    static void department(String bureauToken, String code, String name) {
        var registered = Stack.call("POST", "/api/catalog/departments", bureauToken, """
                {"code":"%s","name":"%s","level":"CITY","region":"320100",
                 "dataOfficer":{"realName":"张伟","phone":"025-84420000"}}""".formatted(code, name));
        assertThat(registered.status()).as(registered.toString()).isIn(201, 409);
    }

    /**
     * A valid catalog entry body with the reasons each share/open type requires filled in; callers
     * change what their scenario is about. Share methods are API and FILE.
     *
     * @param shareType UNCONDITIONAL, CONDITIONAL or NOT_SHARED
     * @param openType  UNCONDITIONAL, CONDITIONAL or NOT_OPEN
     */
    static Map<String, Object> entry(String name, String providerDepartment, String shareType, String openType, List<String> items) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("summary", name + "，由" + providerDepartment + "业务系统采集，覆盖全市");
        entry.put("category", "DEPARTMENTAL");
        entry.put("classCode", "03");
        entry.put("itemCode", "002");
        entry.put("providerDepartment", providerDepartment);
        entry.put("sourceSystem", "人口信息管理系统");
        entry.put("formats", List.of("JSON", "CSV"));
        entry.put("form", "STRUCTURED");
        List<Map<String, Object>> dataItems = new ArrayList<>();
        for (String item : items) {
            dataItems.add(Map.of("name", item, "type", "STRING", "length", 100, "personal", PERSONAL.contains(item),
                    "sensitive", item.equals("公民身份号码")));
        }
        entry.put("dataItems", dataItems);
        entry.put("dictionary", Map.of("name", name + "数据字典", "standard", "GB/T 21063.4"));
        entry.put("shareType", shareType);
        switch (shareType) {
            case "CONDITIONAL" -> {
                entry.put("shareConditions", "仅限履行法定职责使用，需说明应用场景");
                entry.put("shareScope", "市级政务部门");
                entry.put("shareReason", "含个人信息，按需共享");
                entry.put("shareLegalBasis", "《南京市政务数据管理暂行办法》第二十一条");
            }
            case "NOT_SHARED" -> {
                entry.put("shareReason", "涉及个人隐私");
                entry.put("shareLegalBasis", "《个人信息保护法》第二十八条");
            }
            default -> {
            }
        }
        entry.put("shareMethods", List.of("API", "FILE"));
        entry.put("openType", openType);
        switch (openType) {
            case "CONDITIONAL" -> {
                entry.put("openConditions", "仅向签署数据利用协议的申请人开放");
                entry.put("openLegalBasis", "《南京市公共数据开放管理办法》第二十七条");
            }
            case "NOT_OPEN" -> {
                entry.put("openReason", "含个人信息");
                entry.put("openLegalBasis", "《个人信息保护法》第二十八条");
            }
            default -> {
            }
        }
        entry.put("updateFrequency", "DAILY");
        entry.put("topic", "人口");
        entry.put("industry", "公共管理");
        entry.put("region", "320100");
        entry.put("grade", "GENERAL");
        return entry;
    }

    /** Creates, submits and approves the entry; returns its id, which is also the sharing resource's id. */
    static String publish(String officerToken, String bureauToken, Map<String, Object> entry) {
        var created = Stack.call("POST", "/api/catalog/entries", officerToken, Stack.JSON.writeValueAsString(entry));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        var submitted = Stack.call("POST", "/api/catalog/entries/" + id + "/submit", officerToken, null);
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);
        var approved = Stack.call("POST", "/api/catalog/entries/" + id + "/review", bureauToken, "{\"decision\":\"APPROVE\"}");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().get("status").asString()).isEqualTo("PUBLISHED");
        return id;
    }

    /**
     * Puts the simulated PSB people API (./govdata's provider-sim) behind the resource, masking
     * identity numbers, phones, names and addresses. Waits for sharing-service to have learnt of
     * the published entry from the catalog's events.
     */
    static void registerPeopleProvider(String psbToken, String resourceId) {
        String simulator = Stack.get("PROVIDER_SIM_URL");
        assertThat(simulator).as("PROVIDER_SIM_URL (./govdata runs provider-sim unless GOVDATA_PROVIDER_SIM=off)").isNotBlank();
        String body = """
                {"mode":"API","endpoint":"%1$s/api/people/{key}","listEndpoint":"%1$s/api/people","timeout":"2s",
                 "recordKeyField":"公民身份号码",
                 "masking":{"公民身份号码":"ID_NUMBER","手机号码":"PHONE","姓名":"NAME","住址":"ADDRESS","出生日期":"FREE_TEXT"}}""".formatted(simulator);
        Stack.Response[] last = new Stack.Response[1];
        WalkingSkeletonSystemTest.eventually("sharing-service accepts a provider for resource " + resourceId, () -> {
            last[0] = Stack.call("PUT", "/api/sharing/providers/" + resourceId, psbToken, body);
            return last[0].status() == 200 || last[0].status() == 201;
        });
    }

    /** A share application body for the next year, as a consumer department's system writes it. */
    static String application(String resourceId, List<String> items) {
        return Stack.JSON.writeValueAsString(Map.of(
                "resourceId", resourceId,
                "scenario", "养老保险待遇资格认证",
                "purpose", "核验参保人身份信息",
                "legalDuty", "《社会保险法》第七条",
                "items", items,
                "method", "API",
                "validTo", Instant.now().plus(365, ChronoUnit.DAYS).toString()));
    }

    /** A share application body that also asks for {@code unmaskedItems} in clear. */
    static String application(String resourceId, List<String> items, List<String> unmaskedItems) {
        Map<String, Object> body = new LinkedHashMap<>(Stack.JSON.readValue(application(resourceId, items), Map.class));
        body.put("unmaskedItems", unmaskedItems);
        return Stack.JSON.writeValueAsString(body);
    }

    /** Applies for an unconditionally shared resource, which is granted at once; returns the grant id. */
    static String grant(String consumerToken, String resourceId, List<String> items) {
        var applied = Stack.call("POST", "/api/sharing/applications", consumerToken, application(resourceId, items));
        assertThat(applied.status()).as(applied.toString()).isEqualTo(201);
        assertThat(applied.json().get("grantIssued").asBoolean()).as(applied.toString()).isTrue();
        return applied.json().get("grantId").asString();
    }

    /** A published PSB resource of the given share type served by the simulated people API; returns its id. */
    static String peopleResource(String psbToken, String bureauToken, String shareType) {
        String name = "系统测试" + run() + "人口基本信息";
        String id = publish(psbToken, bureauToken, entry(name, "PSB", shareType, "NOT_OPEN", PEOPLE_ITEMS));
        registerPeopleProvider(psbToken, id);
        return id;
    }

    /**
     * Applies for a conditionally shared resource and, when the profile routes it through the
     * bureau's formality check, passes that; returns the application id, awaiting the provider's decision.
     */
    static String applyConditional(String consumerToken, String bureauToken, String resourceId, List<String> items) {
        var applied = Stack.call("POST", "/api/sharing/applications", consumerToken, application(resourceId, items));
        assertThat(applied.status()).as(applied.toString()).isEqualTo(201);
        String id = applied.json().get("id").asString();
        if (applied.json().get("state").asString().equals("FORMALITY_CHECK")) {
            var checked = Stack.call("POST", "/api/sharing/applications/" + id + "/formality-check", bureauToken,
                    "{\"passed\":true}");
            assertThat(checked.status()).as(checked.toString()).isEqualTo(200);
            assertThat(checked.json().get("state").asString()).isEqualTo("AWAITING_DECISION");
        } else {
            assertThat(applied.json().get("state").asString()).isEqualTo("AWAITING_DECISION");
        }
        return id;
    }
}
