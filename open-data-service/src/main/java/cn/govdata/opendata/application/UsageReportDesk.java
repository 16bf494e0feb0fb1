package cn.govdata.opendata.application;

import java.time.Instant;
import java.util.List;

/**
 * The bureau's view of licensees' usage reports (QZ 6.7): each licence that must report, its due time,
 * whether it is overdue and how many periods it missed; {@code suspendable} once the misses reach the
 * configured count.
 */
record UsageReportDesk(String rule, int missesBeforeSuspension, long overdue, long missedReports, List<Row> licences) {

    record Row(String licenceId, String applicationId, String entryId, String datasetName, String department,
               String organisation, String state, String reportEvery, Integer reportPeriod, Instant nextReportDueAt,
               boolean overdue, int missedReports, int reportsReceived, boolean suspendable) {
    }
}
