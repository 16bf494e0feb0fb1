package cn.govdata.audit.incident;

import cn.govdata.platform.deadline.Deadline;
import cn.govdata.platform.deadline.DeadlineHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The notification period of an incident ran out: {@link ReportingIncidents#notificationMissed}. */
@Configuration(proxyBeanMethods = false)
class IncidentDeadlines {

    @Bean
    DeadlineHandler incidentNotificationMissed(ReportingIncidents reporting) {
        return new DeadlineHandler() {
            @Override
            public String process() {
                return ReportingIncidents.PROCESS;
            }

            @Override
            public String step() {
                return ReportingIncidents.STEP;
            }

            @Override
            public void onMissed(Deadline deadline) {
                reporting.notificationMissed(deadline.subjectId());
            }
        };
    }
}
