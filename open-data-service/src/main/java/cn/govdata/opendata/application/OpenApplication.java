package cn.govdata.opendata.application;

import java.time.Instant;
import java.util.List;

/**
 * An application for conditional open data (SY 34: purpose, scenario, safety measures) and, once
 * approved and the data-use agreement accepted, the licence it became. Stored as an
 * {@link OpenApplicationDocument}; every state change is a conditional single-document update that
 * also pushes its event.
 */
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
        List<UsageReport> usageReports) {

    enum State { SUBMITTED, APPROVED, REJECTED, LICENSED, SUSPENDED, REVOKED }

    /** What a licensee reports about its use of the data (QZ 6.7). */
    record UsageReport(String period, String summary, List<String> products, String reportedBy, Instant reportedAt) {
    }

    /** @param keyHash SHA-256 of the API key, which is shown once and never stored */
    record Licence(String licenceId, String keyHash, String keyPrefix, String agreementVersion, Instant acceptedAt,
                   Instant issuedAt, String endedBy, Instant endedAt, String endReasons) {
    }
}
