package cn.govdata.sharing.application;

import cn.govdata.platform.deadline.DeadlineHandler;
import cn.govdata.platform.deadline.DeadlineHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What happens when an application's step runs over: see {@link DecidingApplications#decisionMissed}. */
@Configuration(proxyBeanMethods = false)
class ApplicationDeadlineHandlers {

    @Bean
    DeadlineHandler providerDecisionMissed(DecidingApplications deciding) {
        return DeadlineHandlers.onMissed(ApplicationDeadlines.PROCESS, ApplicationDeadlines.DECISION, deadline -> deciding.decisionMissed(deadline.subjectId()));
    }

    @Bean
    DeadlineHandler formalityCheckMissed(DecidingApplications deciding) {
        return DeadlineHandlers.onMissed(ApplicationDeadlines.PROCESS, ApplicationDeadlines.FORMALITY, deadline -> deciding.formalityMissed(deadline.subjectId()));
    }
}
