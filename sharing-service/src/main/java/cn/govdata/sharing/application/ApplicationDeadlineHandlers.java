package cn.govdata.sharing.application;

import cn.govdata.platform.deadline.Deadline;
import cn.govdata.platform.deadline.DeadlineHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What happens when an application's step runs over: see {@link DecidingApplications#decisionMissed}. */
@Configuration(proxyBeanMethods = false)
class ApplicationDeadlineHandlers {

    @Bean
    DeadlineHandler providerDecisionMissed(DecidingApplications deciding) {
        return handler(ApplicationDeadlines.DECISION, deadline -> deciding.decisionMissed(deadline.subjectId()));
    }

    @Bean
    DeadlineHandler formalityCheckMissed(DecidingApplications deciding) {
        return handler(ApplicationDeadlines.FORMALITY, deadline -> deciding.formalityMissed(deadline.subjectId()));
    }

    private static DeadlineHandler handler(String step, java.util.function.Consumer<Deadline> onMissed) {
        return new DeadlineHandler() {
            @Override
            public String process() {
                return ApplicationDeadlines.PROCESS;
            }

            @Override
            public String step() {
                return step;
            }

            @Override
            public void onMissed(Deadline deadline) {
                onMissed.accept(deadline);
            }
        };
    }
}
