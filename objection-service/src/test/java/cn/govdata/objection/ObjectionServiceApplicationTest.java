package cn.govdata.objection;

import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
class ObjectionServiceApplicationTest {

    @Autowired
    MockMvc mvc;

    @Test
    void theServiceStartsServesHealthAndItsDirectoryCopyToAuthenticatedCallersOnly() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andExpect(jsonPath("$.openapi").exists());
        mvc.perform(get("/api/objections/directory")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/objections/directory").with(TestTokens.user("citizen", null, "320100", "public-applicant")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items").isArray());
    }
}
