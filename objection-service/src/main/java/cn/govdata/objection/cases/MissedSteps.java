package cn.govdata.objection.cases;

import cn.govdata.platform.deadline.Deadline;
import cn.govdata.platform.deadline.DeadlineHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One deadline handler per statutory step of a case; each records the miss on the case (and for
 * Nanjing's mark, marks) before the engine sends DeadlineMissed. See {@link HandlingObjections#stepMissed}.
 */
@Configuration(proxyBeanMethods = false)
class MissedSteps {

    @Bean
    DeadlineHandler objectionMarkMissed(HandlingObjections handling) {
        return handler(Step.MARK, handling);
    }

    @Bean
    DeadlineHandler objectionTransferMissed(HandlingObjections handling) {
        return handler(Step.TRANSFER, handling);
    }

    @Bean
    DeadlineHandler objectionPlatformDecisionMissed(HandlingObjections handling) {
        return handler(Step.PLATFORM_DECISION, handling);
    }

    @Bean
    DeadlineHandler objectionSourceDecisionMissed(HandlingObjections handling) {
        return handler(Step.SOURCE_DECISION, handling);
    }

    @Bean
    DeadlineHandler objectionVerifyMissed(HandlingObjections handling) {
        return handler(Step.VERIFY, handling);
    }

    @Bean
    DeadlineHandler objectionFixMissed(HandlingObjections handling) {
        return handler(Step.FIX, handling);
    }

    private static DeadlineHandler handler(Step step, HandlingObjections handling) {
        return new DeadlineHandler() {
            @Override
            public String process() {
                return Step.PROCESS;
            }

            @Override
            public String step() {
                return step.wireName();
            }

            @Override
            public void onMissed(Deadline deadline) {
                handling.stepMissed(deadline);
            }
        };
    }
}
