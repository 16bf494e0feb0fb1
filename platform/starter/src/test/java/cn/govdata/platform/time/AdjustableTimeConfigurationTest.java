package cn.govdata.platform.time;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdjustableTimeConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AdjustableTimeAutoConfiguration.class));

    @Test
    void whenAdjustableTheServiceClockIsAnOffsetClockWithItsEndpoints() {
        runner.withPropertyValues("govdata.time.adjustable=true").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Clock.class)).isInstanceOf(OffsetClock.class);
            assertThat(context).hasSingleBean(TimeController.class);
        });
    }

    @Test
    void byDefaultNothingIsAdjustableAndTheEndpointsDoNotExist() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(Clock.class);
            assertThat(context).doesNotHaveBean(TimeController.class);
        });
    }

    @Test
    void anAdjustableClockUnderTheProdProfileStopsStartUp() {
        runner.withPropertyValues("govdata.time.adjustable=true", "spring.profiles.active=dev,prod").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("govdata.time.adjustable=true is not allowed when a production profile is active")
                    .hasMessageContaining("GOVDATA_TIME_ADJUSTABLE");
        });
    }

    @Test
    void anAdjustableClockUnderTheProductionProfileStopsStartUp() {
        runner.withPropertyValues("govdata.time.adjustable=true")
                .withInitializer(context -> context.getEnvironment().setActiveProfiles("production"))
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void aRealApplicationStartedWithTheProdProfileAndAnAdjustableClockRefusesToStart() {
        var application = new SpringApplicationBuilder(OnlyTime.class).web(WebApplicationType.NONE)
                .profiles("prod").properties("spring.main.banner-mode=off");

        // A command-line argument, as an operator would pass it: it outranks the starter's defaults.
        assertThatThrownBy(() -> application.run("--govdata.time.adjustable=true")).rootCause()
                .hasMessageContaining("govdata.time.adjustable=true is not allowed when a production profile is active");
    }

    @Test
    void theProdProfileWithoutTheAdjustableClockStartsNormally() {
        var application = new SpringApplicationBuilder(OnlyTime.class).web(WebApplicationType.NONE)
                .profiles("prod").properties("spring.main.banner-mode=off");

        try (var context = application.run()) {
            assertThat(context.getBeansOfType(OffsetClock.class)).isEmpty();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(AdjustableTimeAutoConfiguration.class)
    static class OnlyTime {
    }
}
