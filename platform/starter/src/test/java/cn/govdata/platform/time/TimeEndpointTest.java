package cn.govdata.platform.time;

import cn.govdata.platform.deadline.StarterTestApplication;
import cn.govdata.platform.test.InMemoryWireStore;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.test.TestTokens;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
@ContextConfiguration(classes = StarterTestApplication.class, initializers = InMemoryWireStore.class)
@TestPropertySource(properties = StarterTestApplication.ADJUSTABLE_TIME)
class TimeEndpointTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Clock clock;

    @Test
    void theServiceClockIsTheAdjustableOneEvenThoughThePlatformOffersASystemClock() {
        assertThat(clock).isInstanceOf(OffsetClock.class);
    }

    @Test
    void theOperatorMovesTheServiceClockForwardAndEveryoneCanReadIt() throws Exception {
        Duration before = ((OffsetClock) clock).offset();

        mvc.perform(post("/api/test/time/advance").with(TestTokens.user("operator", "BDC", "320100", "platform-operator"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"by\":\"P3D\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.offset").value(before.plusDays(3).toString()))
                .andExpect(jsonPath("$.zone").value("Asia/Shanghai"))
                .andExpect(jsonPath("$.adjustable").value(true));

        Instant expected = Instant.now().plus(before).plusSeconds(3 * 86400);
        String now = JsonPath.read(mvc.perform(get("/api/test/time")
                        .with(TestTokens.user("hrss", "HRSS", "320100", "dept-consumer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.localTime", endsWith("+08:00")))
                .andReturn().getResponse().getContentAsString(), "$.now");
        assertThat(Duration.between(expected, Instant.parse(now)).abs()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void onlyThePlatformOperatorMayMoveTheClock() throws Exception {
        Duration before = ((OffsetClock) clock).offset();

        mvc.perform(post("/api/test/time/advance").with(TestTokens.user("bureau", "BDB", "320100", "bureau-reviewer"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"by\":\"P3D\"}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

        assertThat(((OffsetClock) clock).offset()).isEqualTo(before);
    }

    @Test
    void theClockCannotBeMovedBackOrByANonDuration() throws Exception {
        var operator = TestTokens.user("operator", "BDC", "320100", "platform-operator");
        mvc.perform(post("/api/test/time/advance").with(operator).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"by\":\"-PT1H\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("by"))
                .andExpect(jsonPath("$.errors[0].message", startsWith("must be a positive ISO-8601 duration")));
        mvc.perform(post("/api/test/time/advance").with(operator).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"by\":\"three days\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("by"));
        mvc.perform(post("/api/test/time/advance").with(operator).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("by"));
    }
}
