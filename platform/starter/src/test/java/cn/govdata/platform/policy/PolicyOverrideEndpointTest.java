package cn.govdata.platform.policy;

import cn.govdata.platform.deadline.StarterTestApplication;
import cn.govdata.platform.test.InMemoryWireStore;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
@ContextConfiguration(classes = StarterTestApplication.class, initializers = InMemoryWireStore.class)
@TestPropertySource(properties = StarterTestApplication.FIXED_TIME_WITH_OVERRIDE)
class PolicyOverrideEndpointTest {

    @Autowired
    MockMvc mvc;

    @Test
    void aDeploymentOverrideShowsAsOverrideAndKeepsWhatItReplaced() throws Exception {
        mvc.perform(get("/api/test/policy").with(TestTokens.user("auditor", null, "320100", "auditor")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("nanjing"))
                .andExpect(jsonPath("$.rules['objection-mark'].value").value("2wd"))
                .andExpect(jsonPath("$.rules['objection-mark'].source").value("OVERRIDE"))
                .andExpect(jsonPath("$.rules['objection-mark'].citation").value(nullValue()))
                .andExpect(jsonPath("$.rules['objection-mark'].note", containsString("replacing 1wd (NJ 35)")))
                .andExpect(jsonPath("$.rules['objection-transfer'].source").value("REGULATION"));
    }
}
