package cn.govdata.platform.calendar;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.platform.config.GovdataPlatformAutoConfiguration;
import cn.govdata.platform.deadline.DeadlineAutoConfiguration;
import cn.govdata.platform.deadline.DeadlineReplanning;
import cn.govdata.platform.inbox.IdempotentConsumer;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.outbox.OutboxCollection;
import cn.govdata.platform.policy.PolicyAutoConfiguration;
import cn.govdata.platform.security.GovdataSecurityAutoConfiguration;
import cn.govdata.platform.security.Roles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.List;

/**
 * Official holiday notices at run time. Every service follows {@code govdata.calendar.v1}, keeps the
 * notices it adopted in {@code calendar_years}, switches its {@link WorkingDayCalendar} and re-plans
 * its deadlines; {@code GET <api-base>/calendar/years} shows the state. The service with
 * {@code govdata.calendar.notices.accept-uploads=true} also takes uploads and publishes them.
 */
@AutoConfiguration(after = {GovdataPlatformAutoConfiguration.class, PolicyAutoConfiguration.class, DeadlineAutoConfiguration.class})
@EnableConfigurationProperties(CalendarNoticeProperties.class)
public class CalendarAutoConfiguration {

    @Bean
    CalendarYears calendarYears(MongoTemplate mongo, WorkingDayCalendar calendar, DeadlineReplanning replanning, Clock clock,
                                CalendarNoticeProperties properties) {
        return new CalendarYears(mongo, calendar, replanning, clock, properties.refreshInterval());
    }

    @Bean
    CalendarYearFollower calendarYearFollower(CalendarYears calendarYears, IdempotentConsumer consumer, JsonMapper json,
                                              @Value("${spring.application.name}") String applicationName) {
        return new CalendarYearFollower(calendarYears, consumer, json, applicationName);
    }

    @Bean
    CalendarYearsController calendarYearsController(WorkingDayCalendar calendar, CalendarYears calendarYears, Clock clock) {
        return new CalendarYearsController(calendar, calendarYears, clock);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "govdata.calendar.notices.accept-uploads", havingValue = "true")
    static class Uploads {

        @Bean
        OutboxCollection calendarNoticesOutbox() {
            return new OutboxCollection(CalendarNoticeDesk.COLLECTION);
        }

        @Bean
        CalendarNoticeDesk calendarNoticeDesk(MongoTemplate mongo, WorkingDayCalendar calendar, Events events, Clock clock,
                                              CalendarYears calendarYears) {
            return new CalendarNoticeDesk(mongo, calendar, events, clock, calendarYears);
        }

        @Bean
        CalendarNoticeController calendarNoticeController(CalendarNoticeDesk calendarNoticeDesk) {
            return new CalendarNoticeController(calendarNoticeDesk);
        }

        /** Only operators upload, decided before the notice is parsed: others get 403, never a validation answer. */
        @Bean
        GovdataSecurityAutoConfiguration.RoleRestrictedPath calendarUploadsForOperators(@Value("${govdata.api-base}") String apiBase) {
            return new GovdataSecurityAutoConfiguration.RoleRestrictedPath(HttpMethod.PUT, apiBase + "/calendar/years/*",
                    List.of(Roles.PLATFORM_OPERATOR));
        }
    }
}
