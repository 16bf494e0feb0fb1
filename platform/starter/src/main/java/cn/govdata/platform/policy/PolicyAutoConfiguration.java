package cn.govdata.platform.policy;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.platform.config.GovdataPlatformAutoConfiguration;
import cn.govdata.policy.JurisdictionProfile;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * The jurisdiction profile ({@code govdata.jurisdiction} plus {@code govdata.policy.overrides.*})
 * and the working-day calendar (shipped years plus {@code govdata.calendar.override-directory}) as
 * beans, so every deadline in a service is computed from the same rules. A wrong key or value stops
 * start-up with a message naming the property: a deployment must never run on a rule it did not mean.
 */
@AutoConfiguration(after = GovdataPlatformAutoConfiguration.class)
@EnableConfigurationProperties(PolicyProperties.class)
public class PolicyAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PolicyAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    JurisdictionProfile jurisdictionProfile(PolicyProperties properties) {
        JurisdictionProfile profile = EffectivePolicy.profile(properties);
        log.info("Jurisdiction {} ({}){}", profile.id(), profile.regulation(), properties.policy().overrides().isEmpty()
                ? "" : " with overrides " + properties.policy().overrides());
        return profile;
    }

    @Bean
    @ConditionalOnMissingBean
    WorkingDayCalendar workingDayCalendar(PolicyProperties properties, MeterRegistry meters, Clock clock) {
        CalendarCoverage coverage = new CalendarCoverage(meters);
        WorkingDayCalendar calendar = EffectivePolicy.calendar(properties, coverage);
        coverage.watch(calendar, clock);
        return calendar;
    }

    @Bean
    PolicyController policyController(JurisdictionProfile jurisdictionProfile, WorkingDayCalendar workingDayCalendar, Clock clock) {
        return new PolicyController(jurisdictionProfile, workingDayCalendar, clock);
    }
}
