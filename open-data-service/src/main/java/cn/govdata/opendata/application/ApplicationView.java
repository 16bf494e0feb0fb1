package cn.govdata.opendata.application;

import java.time.Instant;
import java.util.List;

/** An application on the wire; the licence shows its key prefix only, never the key or its hash. */
record ApplicationView(String id, String entryId, String datasetName, String department, String applicant,
                       String applicantKind, String organisation, String purpose, String scenario, String safetyMeasures,
                       boolean commercialUse, String state, Instant submittedAt, Instant decisionDueAt, String decisionRule,
                       boolean decisionOverdue,
                       String decidedBy, Instant decidedAt, String reasons, LicenceView licence,
                       List<OpenApplication.UsageReport> usageReports, String route, OpenApplication.Assessment assessment,
                       String authorisedBy, Instant authorisedAt, String selectionRound) {

    /** @param reportEvery the reporting interval (QZ 6.7) when reports are required, else null */
    record LicenceView(String licenceId, String keyPrefix, String agreementVersion, Instant acceptedAt, Instant endedAt,
                       String endReasons, String reportEvery, Integer reportPeriod, Instant nextReportDueAt, int missedReports) {
    }

    static ApplicationView of(OpenApplication a) {
        var l = a.licence();
        return new ApplicationView(a.id(), a.entryId(), a.datasetName(), a.department(), a.applicant(), a.applicantKind(),
                a.organisation(), a.purpose(), a.scenario(), a.safetyMeasures(), a.commercialUse(), a.state().name(),
                a.submittedAt(), a.decisionDueAt(), a.decisionRule(), Boolean.TRUE.equals(a.decisionOverdue()), a.decidedBy(), a.decidedAt(), a.reasons(),
                l == null ? null : new LicenceView(l.licenceId(), l.keyPrefix(), l.agreementVersion(), l.acceptedAt(),
                        l.endedAt(), l.endReasons(), l.reportEvery(), l.reportPeriod(), l.nextReportDueAt(), l.misses()),
                a.usageReports() == null ? List.of() : a.usageReports(),
                a.route() == null ? cn.govdata.policy.OpenApplicationRoute.DEPARTMENT.key() : a.route(), a.assessment(),
                a.authorisedBy(), a.authorisedAt(), a.selectionRound());
    }
}
