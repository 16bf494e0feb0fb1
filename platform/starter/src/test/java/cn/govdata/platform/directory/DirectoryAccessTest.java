package cn.govdata.platform.directory;

import cn.govdata.events.catalog.DepartmentRegistered;
import cn.govdata.platform.deadline.StarterTestApplication;
import cn.govdata.platform.test.InMemoryWireStore;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The directory every service publishes: county callers see their region, contacts go to whom they concern. */
@PlatformIntegrationTest
@ContextConfiguration(classes = StarterTestApplication.class, initializers = InMemoryWireStore.class)
@TestPropertySource(properties = {StarterTestApplication.ADJUSTABLE_TIME, "govdata.directory.replica.enabled=true"})
class DirectoryAccessTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    DepartmentDirectory directory;

    @BeforeEach
    void departments() {
        directory.save(new DirectoryEntry("DIR-PSB", "市公安局", "CITY", "320100", null,
                new DepartmentRegistered.DataOfficer("张伟", "025-84420000", "zw@psb.example.gov.cn"), Instant.now(), "e1"));
        directory.save(new DirectoryEntry("DIR-JN", "江宁区公安分局", "COUNTY", "320115", "DIR-PSB",
                new DepartmentRegistered.DataOfficer("王芳", "025-52100000", "wf@jn.example.gov.cn"), Instant.now(), "e2"));
    }

    @Test
    void aCountySeesOnlyItsOwnRegionAndATokenWithoutARegionSeesNothing() throws Exception {
        var jiangning = TestTokens.system("county-jiangning", "JN-BDB", "320115", "county-subplatform");

        mvc.perform(get("/api/test/directory?size=200").with(jiangning))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].region", everyItem(org.hamcrest.Matchers.is("320115"))))
                .andExpect(jsonPath("$.items[?(@.code == 'DIR-JN')]").isNotEmpty());
        mvc.perform(get("/api/test/directory?region=320100").with(jiangning)).andExpect(status().isForbidden());
        mvc.perform(get("/api/test/directory").with(TestTokens.system("county-x", "X-BDB", null, "county-subplatform")))
                .andExpect(status().isForbidden());
    }

    @Test
    void phoneAndEmailGoToTheBureauOperatorsAndTheOwnDepartmentOthersSeeTheName() throws Exception {
        mvc.perform(get("/api/test/directory?region=320100&size=200").with(TestTokens.user("citizen", null, "320100", "public-applicant")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.code == 'DIR-PSB')].dataOfficer.realName", contains("张伟")))
                .andExpect(jsonPath("$.items[*].dataOfficer.phone", everyItem(nullValue())))
                .andExpect(jsonPath("$.items[*].dataOfficer.email", everyItem(nullValue())));
        mvc.perform(get("/api/test/directory?region=320100&size=200").with(TestTokens.user("hrss", "HRSS", "320100", "dept-consumer")))
                .andExpect(jsonPath("$.items[*].dataOfficer.phone", everyItem(nullValue())));
        for (var entitled : new org.springframework.test.web.servlet.request.RequestPostProcessor[] {
                TestTokens.user("bureau", "BDB", "320100", "bureau-reviewer"),
                TestTokens.user("operator", "BDB", "320100", "platform-operator"),
                TestTokens.user("psb-officer", "DIR-PSB", "320100", "dept-data-officer")}) {
            mvc.perform(get("/api/test/directory?region=320100&size=200").with(entitled))
                    .andExpect(jsonPath("$.items[?(@.code == 'DIR-PSB')].dataOfficer.phone", contains("025-84420000")));
        }
    }
}
