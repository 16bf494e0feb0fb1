package cn.govdata.platform.policy;

import cn.govdata.platform.deadline.StarterTestApplication;
import cn.govdata.platform.test.InMemoryWireStore;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.test.TestTokens;
import cn.govdata.policy.RuleKey;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.util.Arrays;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
@ContextConfiguration(classes = StarterTestApplication.class, initializers = InMemoryWireStore.class)
@TestPropertySource(properties = StarterTestApplication.ADJUSTABLE_TIME)
class PolicyEndpointTest {

    @Autowired
    MockMvc mvc;

    @Test
    void anyAuthenticatedCallerReadsTheNanjingProfileWithItsCitations() throws Exception {
        mvc.perform(get("/api/test/policy").with(TestTokens.user("hrss", "HRSS", "320100", "dept-consumer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("nanjing"))
                .andExpect(jsonPath("$.nameZh").value("南京市"))
                .andExpect(jsonPath("$.nameEn").value("Nanjing"))
                .andExpect(jsonPath("$.regulation").value("南京市政务数据管理暂行办法（南京市人民政府令第329号）"))
                .andExpect(jsonPath("$.rules['objection-mark'].value").value("1wd"))
                .andExpect(jsonPath("$.rules['objection-mark'].unit").value("WORKING_DAYS"))
                .andExpect(jsonPath("$.rules['objection-mark'].source").value("REGULATION"))
                .andExpect(jsonPath("$.rules['objection-mark'].citation").value("NJ 35"))
                .andExpect(jsonPath("$.rules['objection-mark'].note").value(nullValue()))
                .andExpect(jsonPath("$.rules['objection-mark'].description").value("platform marks objected data as disputed"))
                .andExpect(jsonPath("$.rules['conditional-share-decision'].value").value("15wd"))
                .andExpect(jsonPath("$.rules['conditional-share-decision'].citation").value("NJ 22"))
                .andExpect(jsonPath("$.rules['catalog-review'].source").value("PLATFORM_DEFAULT"))
                .andExpect(jsonPath("$.rules['catalog-review'].citation").value(nullValue()))
                .andExpect(jsonPath("$.rules['research-use-non-commercial'].value").value("true"))
                .andExpect(jsonPath("$.rules['research-use-non-commercial'].unit").value(nullValue()))
                .andExpect(jsonPath("$.rules.length()").value(RuleKey.values().length))
                .andExpect(jsonPath("$.calendar.zone").value("Asia/Shanghai"))
                .andExpect(jsonPath("$.calendar.coveredYears", hasItems(2024, 2025, 2026)))
                .andExpect(jsonPath("$.calendar.coveredUntil").value(2026));
    }

    @Test
    void theRulesAreListedInRuleKeyOrder() throws Exception {
        String[] keys = Arrays.stream(RuleKey.values()).map(RuleKey::key).toArray(String[]::new);
        mvc.perform(get("/api/test/policy").with(TestTokens.user("hrss", "HRSS", "320100", "dept-consumer")))
                .andExpect(jsonPath("$.rules.keys()", contains(keys)));
    }

    @Test
    void withoutATokenThePolicyIsNotShown() throws Exception {
        mvc.perform(get("/api/test/policy")).andExpect(status().isUnauthorized());
    }
}
