package cn.govdata.events.objection;

import java.time.Instant;
import java.util.List;

/**
 * What other services and county platforms learn from the objection desk (topic
 * govdata.objection.v1, key = case id). Never the objector's identity or contact details: only the
 * resource, the keyed pseudonym of the record key ({@code recordPseudonym}, see govdata-privacy's
 * {@code Pseudonyms}: for people data the key is an ID number, which never goes on the bus) and the
 * fields concerned. A consumer holding a key computes its pseudonym and compares.
 */
public final class ObjectionEvents {

    private ObjectionEvents() {
    }

    /**
     * A record is under objection (NJ 35: marked within one working day). Sharing and open-data
     * flag it in every response until {@link DisputeResolved}. {@code reason} is ERROR, OMISSION or
     * INFRINGEMENT (trade secret or privacy).
     */
    public record DataDisputed(String caseId, String resourceId, String providerDepartment, String recordPseudonym,
                               List<String> fields, String reason, Instant markedAt) {
    }

    /** The case closed; {@code outcome} is CORRECTED, REJECTED or WITHDRAWN. The disputed flag goes away. */
    public record DisputeResolved(String caseId, String resourceId, String providerDepartment, String recordPseudonym,
                                  String outcome, Instant resolvedAt) {
    }

    /**
     * The source department corrected the record (QZ 7: within 10 working days) and re-published it;
     * sharing tells every consumer holding an active grant on the resource (NT 29).
     */
    public record DataCorrected(String caseId, String resourceId, String providerDepartment, String recordPseudonym,
                                List<String> correctedFields, Instant correctedAt) {
    }
}
