package cn.govdata.opendata.application;

import cn.govdata.domain.DomainModel;
import java.time.Instant;
import java.util.List;

/**
 * An application for conditional open data (SY 34: purpose, scenario, safety measures) and, once
 * approved and the data-use agreement accepted, the licence it became. Stored as an
 * {@link OpenApplicationDocument}; every state change is a conditional single-document update that
 * also pushes its event.
 */
@DomainModel
record OpenApplication(
        String id,
        String entryId,
        String datasetName,
        String department,
        String region,
        String applicant,
        String applicantSubject,
        String applicantKind,
        String organisation,
        String purpose,
        String scenario,
        String safetyMeasures,
        boolean commercialUse,
        State state,
        Instant submittedAt,
        Instant decisionDueAt,
        String decisionRule,
        Boolean decisionOverdue,
        String decidedBy,
        Instant decidedAt,
        String reasons,
        Licence licence,
        List<UsageReport> usageReports,
        String route,
        Assessment assessment,
        String authorisedBy,
        Instant authorisedAt,
        String selectionRound) {

    /**
     * ASSESSED, RETURNED and AUTHORISED occur only on Quanzhou's route (QZ 6.5): the technical service
     * unit's assessment, a need it found unreasonable going back to the applicant, and the unit's
     * authorisation after the bureau confirmed (APPROVED).
     */
    enum State { SUBMITTED, ASSESSED, RETURNED, APPROVED, AUTHORISED, REJECTED, LICENSED, SUSPENDED, REVOKED }

    boolean bureauRoute() {
        return cn.govdata.policy.OpenApplicationRoute.BUREAU_WITH_TECHNICAL_ASSESSMENT.key().equals(route);
    }

    /**
     * What a licensee reports about its use of the data (QZ 6.7): what it developed and the products citing the source.
     *
     * @param products     the products' names (all that reports stored before issue 16 carry)
     * @param dataProducts the products with the source and acquisition date each cites
     * @param reportPeriod the licence's reporting period this report answers, where reports are scheduled
     */
    record UsageReport(String period, String summary, List<String> products, List<Product> dataProducts, String reportedBy,
                       Instant reportedAt, Integer reportPeriod) {
    }

    /** A data product, which must name the data's source and the date it was acquired (QZ 6.7, NJ 27). */
    record Product(String name, String source, java.time.LocalDate acquiredOn) {
    }

    /** The technical service unit's report on whether the need is reasonable (QZ 6.5). */
    record Assessment(boolean reasonable, String report, String assessedBy, Instant assessedAt) {
    }

    /**
     * @param keyHash         SHA-256 of the API key, which is shown once and never stored
     * @param reportPeriod    the reporting period now running (1 = the first after issue), when reports are required (QZ 6.7)
     * @param nextReportDueAt when the running period's report is due
     * @param missedReports   periods that passed without a report
     */
    record Licence(String licenceId, String keyHash, String keyPrefix, String agreementVersion, Instant acceptedAt,
                   Instant issuedAt, String endedBy, Instant endedAt, String endReasons, String reportEvery,
                   Integer reportPeriod, Instant nextReportDueAt, Integer missedReports) {

        int misses() {
            return missedReports == null ? 0 : missedReports;
        }
    }
}
