package cn.govdata.catalog.duty;

import cn.govdata.platform.deadline.Deadline;
import cn.govdata.platform.deadline.DeadlineHandler;
import org.springframework.stereotype.Component;

/** When a duty's deadline fires, records it fulfilled (if it was, meanwhile) or overdue. */
@Component
class DutyDeadlineHandler implements DeadlineHandler {

    private final FulfillingDuties fulfilling;

    DutyDeadlineHandler(FulfillingDuties fulfilling) {
        this.fulfilling = fulfilling;
    }

    @Override
    public String process() {
        return OpeningDuties.PROCESS;
    }

    @Override
    public String step() {
        return OpeningDuties.STEP;
    }

    @Override
    public void onMissed(Deadline deadline) {
        fulfilling.onDeadlineMissed(deadline);
    }
}
