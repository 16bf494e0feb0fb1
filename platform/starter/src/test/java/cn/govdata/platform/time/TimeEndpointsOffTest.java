package cn.govdata.platform.time;

import cn.govdata.platform.deadline.StarterTestApplication;
import cn.govdata.platform.test.InMemoryWireStore;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
@ContextConfiguration(classes = StarterTestApplication.class, initializers = InMemoryWireStore.class)
@TestPropertySource(properties = StarterTestApplication.FIXED_TIME_WITH_OVERRIDE)
class TimeEndpointsOffTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Clock clock;

    @Test
    void withoutAdjustableTimeTheEndpointsDoNotExistAndTheClockIsTheSystemClock() throws Exception {
        var operator = TestTokens.user("operator", "BDC", "320100", "platform-operator");

        mvc.perform(post("/api/test/time/advance").with(operator).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"by\":\"P3D\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/test/time").with(operator)).andExpect(status().isNotFound());
        assertThat(clock).isNotInstanceOf(OffsetClock.class);
    }

    @Test
    void withoutAdjustableTimeAnOperatorCannotRegisterArbitraryDeadlinesButStillReadsThem() throws Exception {
        var operator = TestTokens.user("operator", "BDC", "320100", "platform-operator");

        mvc.perform(post("/api/test/deadlines").with(operator).contentType(MediaType.APPLICATION_JSON).content("""
                        {"process":"objection","step":"mark-disputed","subjectId":"OBJ-demo","responsibleDepartment":"PSB",
                         "rule":"objection-mark","action":"ESCALATE_TO_BUREAU"}"""))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/test/deadlines").with(operator)).andExpect(status().isOk());
    }
}
