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

    /**
     * @param entryId        the catalog entry the item will open, when it exists already
     * @param priorityDomain key of {@code cn.govdata.policy.PriorityDomain} (SY 36, QY 31), or null
     */
    public record PlanItem(String name, String openType, String domain, String plannedQuarter, String entryId,
                           String priorityDomain) {
    }

    /** The technical service unit assessed the need's reasonableness and reported to the bureau (QZ 6.5). */
    public record OpenApplicationAssessed(String applicationId, String entryId, String department, String applicant,
                                          boolean reasonable, String report, String assessedBy, Instant assessedAt) {
    }

    /** After the bureau confirmed, the technical service unit authorised the applicant's interface (QZ 6.5). */
    public record OpenApplicationAuthorised(String applicationId, String entryId, String department, String applicant,
                                            String authorisedBy, Instant authorisedAt) {
    }

    /** The bureau opened a competitive selection for commercial development of a conditional dataset (NJ 27, QZ 6.6). */
    public record SelectionRoundOpened(String roundId, String entryId, String department, String criteria, Instant closesAt,
                                       String openedBy, Instant openedAt) {
    }

    /**
     * The bureau's published result of a selection round (NJ 27, QZ 6.6); {@code applicationId} is the
     * commercial application created, approved, for the selected organisation.
     */
    public record SelectionRoundDecided(String roundId, String entryId, String department, int bids,
                                        String selectedOrganisation, String applicationId, String reasons, String decidedBy,
                                        Instant decidedAt) {
    }
}
