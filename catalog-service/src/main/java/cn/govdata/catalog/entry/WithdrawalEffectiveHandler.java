package cn.govdata.catalog.entry;

import cn.govdata.platform.deadline.Deadline;
import cn.govdata.platform.deadline.DeadlineHandler;
import org.springframework.stereotype.Component;

/** A filed withdrawal (SY 27) takes effect when its effective time passes, without a bureau decision. */
@Component
class WithdrawalEffectiveHandler implements DeadlineHandler {

    private final WithdrawingEntries withdrawing;

    WithdrawalEffectiveHandler(WithdrawingEntries withdrawing) {
        this.withdrawing = withdrawing;
    }

    @Override
    public String process() {
        return WithdrawingEntries.PROCESS;
    }

    @Override
    public String step() {
        return WithdrawingEntries.EFFECTIVE_STEP;
    }

    @Override
    public void onMissed(Deadline deadline) {
        withdrawing.takeEffect(deadline.subjectId());
    }
}
