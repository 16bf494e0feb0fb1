package cn.govdata.platform.policy;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.policy.JurisdictionProfile;
import cn.govdata.policy.Period;
import cn.govdata.policy.Source;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class PolicyWiringTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PolicyAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean(Clock.class, () -> Clock.fixed(Instant.parse("2026-11-20T02:00:00Z"), ZoneId.of("Asia/Shanghai")));

    @Test
    void withoutSettingsTheServiceRunsUnderTheNanjingRegulation() {
        runner.run(context -> {
            JurisdictionProfile profile = context.getBean(JurisdictionProfile.class);
            assertThat(profile.id()).isEqualTo("nanjing");
            assertThat(profile.objectionMark().value()).isEqualTo(Period.workingDays(1));
            assertThat(profile.objectionMark().citation()).isEqualTo("NJ 35");
            assertThat(profile.objectionMark().source()).isEqualTo(Source.REGULATION);
        });
    }

    @Test
    void theJurisdictionAndSingleOverridesBindFromProperties() {
        runner.withPropertyValues("govdata.jurisdiction=shenyang",
                        "govdata.policy.overrides.conditional-share-decision=7wd",
                        "govdata.policy.overrides.conditional-open-applicants=university,research-institute")
                .run(context -> {
                    JurisdictionProfile profile = context.getBean(JurisdictionProfile.class);
                    assertThat(profile.id()).isEqualTo("shenyang");
                    assertThat(profile.conditionalShareDecision().value()).isEqualTo(Period.workingDays(7));
                    assertThat(profile.conditionalShareDecision().source()).isEqualTo(Source.OVERRIDE);
                    assertThat(profile.conditionalShareDecision().note()).contains("replacing 5wd (SY 25)");
                    assertThat(profile.conditionalOpenApplicants().value()).hasSize(2);
                    assertThat(profile.conditionalShareSilenceIsConsent().value()).isTrue();
                    assertThat(profile.conditionalShareSilenceIsConsent().source()).isEqualTo(Source.REGULATION);
                });
    }

    @Test
    void anUnknownOverrideKeyStopsStartUpNamingTheProperty() {
        runner.withPropertyValues("govdata.policy.overrides.objection-marc=2wd").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("objection-marc");
            assertThat(rootOrSelf(context.getStartupFailure(), EffectivePolicy.InvalidPolicyException.class))
                    .hasMessageStartingWith("Invalid govdata.policy.overrides.objection-marc: ");
        });
    }

    @Test
    void aValueThatDoesNotParseStopsStartUpNamingTheKeyAndTheExpectedFormat() {
        runner.withPropertyValues("govdata.policy.overrides.objection-mark=2 days").run(context -> {
            assertThat(context).hasFailed();
            assertThat(rootOrSelf(context.getStartupFailure(), EffectivePolicy.InvalidPolicyException.class))
                    .hasMessageStartingWith("Invalid govdata.policy.overrides.objection-mark: ")
                    .hasMessageContaining("e.g. 7wd");
        });
    }

    @Test
    void anUnknownJurisdictionStopsStartUpListingTheKnownOnes() {
        runner.withPropertyValues("govdata.jurisdiction=beijing").run(context -> {
            assertThat(context).hasFailed();
            assertThat(rootOrSelf(context.getStartupFailure(), EffectivePolicy.InvalidPolicyException.class))
                    .hasMessageStartingWith("Invalid govdata.jurisdiction: ")
                    .hasMessageContaining("nanjing, nantong, shenyang, quanzhou, qingyuan");
        });
    }

    @Test
    void aYearDroppedIntoTheOverrideDirectoryExtendsTheCalendar(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("cn-2027.properties"), """
                year = 2027
                notice = test notice
                holiday.new-year = 2027-01-01
                """);
        runner.withPropertyValues("govdata.calendar.override-directory=" + directory).run(context -> {
            WorkingDayCalendar calendar = context.getBean(WorkingDayCalendar.class);
            assertThat(calendar.coverage()).contains(2024, 2025, 2026, 2027);
            assertThat(calendar.isWorkingDay(LocalDate.of(2027, 1, 1))).isFalse();
            assertThat(context.getBean(MeterRegistry.class).get("calendar_covered_until_year").gauge().value())
                    .isEqualTo(2027.0);
        });
    }

    @Test
    void aMissingOverrideDirectoryStopsStartUpNamingTheProperty(@TempDir Path directory) {
        runner.withPropertyValues("govdata.calendar.override-directory=" + directory.resolve("absent")).run(context -> {
            assertThat(context).hasFailed();
            assertThat(rootOrSelf(context.getStartupFailure(), EffectivePolicy.InvalidPolicyException.class))
                    .hasMessageStartingWith("Invalid govdata.calendar.override-directory: ");
        });
    }

    @Test
    void anUncoveredYearIsWarnedAboutOnceAndCountedOnEveryLookup(CapturedOutput output) {
        runner.run(context -> {
            WorkingDayCalendar calendar = context.getBean(WorkingDayCalendar.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);

            calendar.isWorkingDay(LocalDate.of(2099, 3, 2));
            calendar.addWorkingDays(LocalDate.of(2099, 3, 2), 3);

            assertThat(meters.get("calendar_uncovered_year_lookups").tag("year", "2099").counter().count()).isEqualTo(2.0);
            assertThat(meters.get("calendar_covered_until_year").gauge().value()).isEqualTo(2026.0);
            assertThat(output.getOut().split("NO OFFICIAL HOLIDAY SCHEDULE FOR 2099", -1)).hasSize(2);
        });
    }

    @Test
    void startUpWarnsWhenNextYearHasNoHolidaySchedule(CapturedOutput output) {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            context.getBean(WorkingDayCalendar.class);
            assertThat(output.getOut()).contains("no holiday schedule for 2027");
            assertThat(output.getOut()).doesNotContain("no holiday schedule for 2026");
        });
    }

    private static Throwable rootOrSelf(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        throw new AssertionError("No " + type.getSimpleName() + " in " + failure);
    }
}
