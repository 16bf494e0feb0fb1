package cn.govdata.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quanzhou's rule for conditional sharing (QZ 2.2, 5.4: 经数据管理机构会同数据生产单位会商同意后进行共享)
 * through the gateway with real tokens: sharing-service is restarted under GOVDATA_JURISDICTION=quanzhou
 * (as {@link ExchangeSystemTest} does for Shenyang) and restarted with the stack's own profile at the end.
 */
class QuanzhouSharingSystemTest {

    static String bureau;
    static String psb;
    static String hrss;

    @BeforeAll
    static void quanzhou() {
        bureau = Stack.passwordToken("bureau");
        psb = Stack.passwordToken("psb-officer");
        hrss = Stack.clientToken(Stack.get("HRSS_SYSTEM_CLIENT_ID"), Stack.get("HRSS_SYSTEM_CLIENT_SECRET"));
        Scenarios.department(bureau, "PSB", "市公安局");
        Scenarios.department(bureau, "HRSS", "市人力资源和社会保障局");
        Stack.govdata(Map.of("GOVDATA_JURISDICTION", "quanzhou"), "restart", "sharing-service");
    }

    @AfterAll
    static void backToTheStacksProfile() {
        Stack.govdata("restart", "sharing-service");
    }

    @Test
    @DisplayName("QZ 5.4: the provider gives its opinion, the bureau decides and narrows the items, and the grant it issues serves data")
    void theBureauDecidesAfterConsultingTheProviderAndItsGrantServesData() {
        assertThat(Stack.call("GET", "/api/sharing/policy", hrss, null).body()).contains("quanzhou");
        String resource = Scenarios.peopleResource(psb, bureau, "CONDITIONAL");
        String id = Scenarios.applyConditional(hrss, bureau, resource, List.of("公民身份号码", "姓名", "手机号码"));

        var alone = Stack.call("POST", "/api/sharing/applications/" + id + "/decision", psb, "{\"approve\":true}");
        assertThat(alone.status()).as(alone.toString()).isEqualTo(409);
        assertThat(alone.header("content-type")).startsWith("application/problem+json");
        assertThat(alone.body()).contains("QZ 5.4");

        var opinion = Stack.call("POST", "/api/sharing/applications/" + id + "/provider-opinion", psb,
                "{\"approve\":true,\"items\":[\"公民身份号码\",\"姓名\"],\"reasons\":[\"履职需要，最少够用\"]}");
        assertThat(opinion.status()).as(opinion.toString()).isEqualTo(200);
        assertThat(opinion.json().get("state").asString()).isEqualTo("AWAITING_BUREAU");
        assertThat(opinion.json().get("grantIssued").asBoolean()).isFalse();

        var decided = Stack.call("POST", "/api/sharing/applications/" + id + "/bureau-decision", bureau,
                "{\"approve\":true,\"items\":[\"公民身份号码\"],\"reasons\":[\"会商同意，限于核验所需\"]}");
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        JsonNode application = decided.json();
        assertThat(application.get("state").asString()).isEqualTo("APPROVED");
        assertThat(application.get("decision").get("decidedBy").asString()).contains("QZ 5.4");
        assertThat(application.get("providerOpinion").get("items").toString()).contains("姓名");
        List<String> actions = new ArrayList<>();
        application.get("history").forEach(h -> actions.add(h.get("action").asString()));
        assertThat(actions).contains("provider opinion: approve", "approved");
        String grant = application.get("grantId").asString();

        WalkingSkeletonSystemTest.eventually("the bureau's grant is issued and usable", () -> {
            var g = Stack.call("GET", "/api/sharing/grants/" + grant, hrss, null);
            return g.status() == 200 && g.json().get("usable").asBoolean();
        });
        var served = Stack.call("GET", "/api/exchange/" + resource + "/records/" + Scenarios.PERSON, hrss, null,
                Scenarios.PURPOSE);
        assertThat(served.status()).as(served.toString()).isEqualTo(200);
        assertThat(served.json().get("grantId").asString()).isEqualTo(grant);
        JsonNode data = served.json().get("records").get(0).get("data");
        List<String> fields = new ArrayList<>();
        data.propertyNames().forEach(fields::add);
        assertThat(fields).as("only what the bureau granted").containsExactly("公民身份号码");
    }
}
