package cn.govdata.events.opendata;

import java.time.Instant;
import java.util.List;

/**
 * Events of the open-data portal (open-data-service; topic govdata.open-data.v1). Datasets are keyed by
 * the catalog entry id, applications and licences by their own ids.
 */
public final class OpenDataEvents {

    private OpenDataEvents() {
    }

    /** A new version of an open dataset went public; {@code maskedFields} were masked before it was stored. */
    public record DatasetVersionPublished(String entryId, int version, String department, String name, String openType,
                                          long recordCount, List<String> maskedFields, String publishedBy,
                                          Instant publishedAt) {
    }

    /** A citizen or organisation applied for conditional open data (SY 34, QY 38); {@code decisionDueAt} per the profile. */
    public record OpenApplicationSubmitted(String applicationId, String entryId, String department, String applicant,
                                           String applicantKind, String purpose, boolean commercialUse,
                                           Instant submittedAt, Instant decisionDueAt) {
    }

    /** The department's answer; a refusal always carries its reasons (NJ 27, SY 34). */
    public record OpenApplicationDecided(String applicationId, String entryId, String department, String applicant,
                                         String outcome, String reasons, String decidedBy, Instant decidedAt) {
    }

    /** The applicant accepted the data-use agreement of the given version and holds a licence (QY 38). */
    public record LicenceIssued(String licenceId, String applicationId, String entryId, String department, String licensee,
                                String agreementVersion, boolean commercialUse, Instant issuedAt) {
    }

    /** A licence was suspended (it may be reinstated) or revoked (final); the API key stops working either way. */
    public record LicenceEnded(String licenceId, String entryId, String department, String licensee, String reasons,
                               String endedBy, Instant endedAt) {
    }

    /** A department filed its annual open plan, which is published (QY 37). */
    public record OpenPlanFiled(String planId, String department, int year, List<PlanItem> items, String filedBy,
                                Instant filedAt) {
    }

    public record PlanItem(String name, String openType, String domain, String plannedQuarter) {
    }
}
