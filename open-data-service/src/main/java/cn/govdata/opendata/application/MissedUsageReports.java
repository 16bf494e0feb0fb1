package cn.govdata.opendata.application;

import cn.govdata.platform.deadline.Deadline;
import cn.govdata.platform.deadline.DeadlineHandler;
import org.springframework.stereotype.Component;

/** A licensee let a reporting period pass (QZ 6.7): the miss is counted and the next period starts. */
@Component
class MissedUsageReports implements DeadlineHandler {

    private final ReportingUsage usage;

    MissedUsageReports(ReportingUsage usage) {
        this.usage = usage;
    }

    @Override
    public String process() {
        return ConditionalOpening.PROCESS;
    }

    @Override
    public String step() {
        return ReportingUsage.USAGE_REPORT_STEP;
    }

    @Override
    public void onMissed(Deadline deadline) {
        usage.reportMissed(deadline.subjectId(), deadline.dueAt());
    }
}
