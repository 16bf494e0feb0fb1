package cn.govdata.system;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization matrix, in two layers.
 *
 * <p>Role level: every operation of every service, read from the OpenAPI documents through the
 * gateway, against every kind of caller, compared with {@link #EXPECTED}. A caller the table does
 * not allow must get 401 or 403 (zero unexpected allows); on reads, a caller it allows must not.
 * An operation missing from the table fails the test, so a new endpoint has to be classified before
 * it ships. Path parameters are placeholders ({@code X1}); writes carry a body that would be valid
 * from an allowed caller where one is known ({@link #BODIES}), else {@code {}}, and are sent only
 * to callers expected to be refused, so the run changes nothing. A 400/404/409/422 to a caller who
 * should be refused means validation or a lookup ran before the role check: nothing happened, the
 * refusal is just not proven, and such answers are printed rather than failed. The few rows still
 * marked {@link #ANY_TOKEN} (an objection case's pages, evidence and withdrawal, a resource's objections, pseudonym
 * resolution, an open-data application's page) are classified only as "needs a token" at this
 * level; every other row is exact, and the resource rows pin those down on real resources.
 *
 * <p>Resource level ({@link #probes}): real resources of one run (a department's draft, an entry of
 * one county's region, a provider registration, a grant and an application between two
 * departments, the exchange, a citizen's objection transferred to a department, a company's
 * open-data application, a department's scorecard), so the department, region and ownership rules
 * run: the owning department's role is allowed and another department's same role refused, a
 * county of another region refused, one citizen or company refused another's case or application.
 */
class AuthorizationMatrixSystemTest {

    enum Kind { ANONYMOUS, CITIZEN, COMPANY, OFFICER_PSB, OFFICER_AMR, CONSUMER_HRSS, SYSTEM_PSB, COUNTY_JIANGNING, COUNTY_PUKOU,
        AUDITOR, OPERATOR, BUREAU }

    static final Set<Kind> PUBLIC = EnumSet.allOf(Kind.class);
    static final Set<Kind> ANY_TOKEN = EnumSet.complementOf(EnumSet.of(Kind.ANONYMOUS));
    static final Set<Kind> AUDIT_OVERSIGHT = EnumSet.of(Kind.AUDITOR, Kind.BUREAU);
    static final Set<Kind> OVERSIGHT_OR_DEPARTMENT = EnumSet.of(Kind.AUDITOR, Kind.BUREAU, Kind.OFFICER_PSB, Kind.OFFICER_AMR,
            Kind.CONSUMER_HRSS, Kind.SYSTEM_PSB);
    static final Set<Kind> BUREAU_ONLY = EnumSet.of(Kind.BUREAU);
    /** NJ 22 ¶3 requests of other units: the bureau, operators, auditors and the departments (their own as providers). */
    static final Set<Kind> OVERSIGHT_OR_DEPARTMENT_AND_OPERATOR = EnumSet.of(Kind.AUDITOR, Kind.BUREAU, Kind.OPERATOR,
            Kind.OFFICER_PSB, Kind.OFFICER_AMR, Kind.CONSUMER_HRSS, Kind.SYSTEM_PSB);
    static final Set<Kind> OPERATOR_ONLY = EnumSet.of(Kind.OPERATOR);
    /** Another department's card (the placeholder is nobody's department): oversight only. */
    static final Set<Kind> OVERSIGHT_OR_OWN_DEPARTMENT = AUDIT_OVERSIGHT;
    /** Licensed downloads take a licence's API key, not a bearer token: every caller here is refused. */
    static final Set<Kind> LICENCE_KEY_ONLY = EnumSet.noneOf(Kind.class);
    /** Deadlines that fired on a provisional day a later notice changed: the bureau reviews, operators and auditors see them. */
    static final Set<Kind> OVERSIGHT_AND_OPERATOR = EnumSet.of(Kind.AUDITOR, Kind.BUREAU, Kind.OPERATOR);
    static final Set<Kind> DATA_OFFICERS = EnumSet.of(Kind.OFFICER_PSB, Kind.OFFICER_AMR, Kind.SYSTEM_PSB);
    /** Exactly every signed-in caller (unlike {@link #ANY_TOKEN}, a refusal to any of them fails the test). */
    static final Set<Kind> SIGNED_IN = EnumSet.copyOf(ANY_TOKEN);
    /** Government users: everyone signed in but citizens and companies. */
    static final Set<Kind> GOVERNMENT = EnumSet.complementOf(EnumSet.of(Kind.ANONYMOUS, Kind.CITIZEN, Kind.COMPANY));
    /** Department users (consumer, data officer or approver of a department). */
    static final Set<Kind> DEPARTMENT_USERS = EnumSet.of(Kind.OFFICER_PSB, Kind.OFFICER_AMR, Kind.CONSUMER_HRSS, Kind.SYSTEM_PSB);
    /** A department's dept-approver decides on applications for, and suspends grants of, its own resources. */
    static final Set<Kind> APPROVERS = EnumSet.of(Kind.OFFICER_PSB, Kind.OFFICER_AMR);
    static final Set<Kind> APPROVERS_OR_BUREAU = EnumSet.of(Kind.OFFICER_PSB, Kind.OFFICER_AMR, Kind.BUREAU);
    /** The exchange serves a department's dept-consumer (person or system) holding a grant. */
    static final Set<Kind> EXCHANGE_CONSUMERS = EnumSet.of(Kind.CONSUMER_HRSS, Kind.SYSTEM_PSB);
    static final Set<Kind> DATA_OFFICERS_OR_BUREAU = EnumSet.of(Kind.OFFICER_PSB, Kind.OFFICER_AMR, Kind.SYSTEM_PSB, Kind.BUREAU);
    /** Data officers and the platform's oversight (bureau, auditor, operator). */
    static final Set<Kind> OFFICERS_AND_OVERSIGHT = EnumSet.of(Kind.OFFICER_PSB, Kind.OFFICER_AMR, Kind.SYSTEM_PSB,
            Kind.AUDITOR, Kind.OPERATOR, Kind.BUREAU);
    /** How a resource is served: its department's data officers, the bureau and operators. */
    static final Set<Kind> PROVIDER_READERS = EnumSet.of(Kind.OFFICER_PSB, Kind.OFFICER_AMR, Kind.SYSTEM_PSB, Kind.BUREAU,
            Kind.OPERATOR);
    /** Open-data applicants: citizens and companies. */
    static final Set<Kind> PUBLIC_APPLICANTS = EnumSet.of(Kind.CITIZEN, Kind.COMPANY);
    /** Objections (objection-service CaseController): who files, reads the desk, decides and handles. */
    static final Set<Kind> OBJECTION_FILERS = EnumSet.of(Kind.CITIZEN, Kind.COMPANY, Kind.CONSUMER_HRSS, Kind.SYSTEM_PSB);
    static final Set<Kind> OBJECTION_READERS = EnumSet.of(Kind.OPERATOR, Kind.BUREAU, Kind.AUDITOR, Kind.OFFICER_PSB,
            Kind.OFFICER_AMR, Kind.SYSTEM_PSB);
    static final Set<Kind> OBJECTION_DECIDERS = EnumSet.of(Kind.OPERATOR, Kind.OFFICER_PSB, Kind.OFFICER_AMR, Kind.SYSTEM_PSB);
    static final Set<Kind> OBJECTION_HANDLERS = EnumSet.of(Kind.OPERATOR, Kind.BUREAU, Kind.OFFICER_PSB, Kind.OFFICER_AMR,
            Kind.SYSTEM_PSB);

    /** The security incident register (audit-service incident): government readers; data officers, the bureau and operators write. */
    static final Set<Kind> INCIDENT_READERS = EnumSet.of(Kind.OFFICER_PSB, Kind.OFFICER_AMR, Kind.CONSUMER_HRSS, Kind.SYSTEM_PSB,
            Kind.AUDITOR, Kind.OPERATOR, Kind.BUREAU);
    static final Set<Kind> INCIDENT_WRITERS = EnumSet.of(Kind.OFFICER_PSB, Kind.OFFICER_AMR, Kind.SYSTEM_PSB, Kind.OPERATOR,
            Kind.BUREAU);
    static final Set<Kind> BUREAU_AND_OPERATOR = EnumSet.of(Kind.BUREAU, Kind.OPERATOR);

    /** Who may call each operation at all (role level). */
    static final Map<String, Set<Kind>> EXPECTED = Map.ofEntries(
            Map.entry("GET /api/audit/calendar/years", SIGNED_IN),
            Map.entry("GET /api/audit/deadlines/provisional-review", OVERSIGHT_AND_OPERATOR),
            Map.entry("GET /api/catalog/calendar/years", SIGNED_IN),
            Map.entry("GET /api/catalog/deadlines/provisional-review", OVERSIGHT_AND_OPERATOR),
            Map.entry("GET /api/objections/calendar/years", SIGNED_IN),
            Map.entry("GET /api/objections/deadlines/provisional-review", OVERSIGHT_AND_OPERATOR),
            Map.entry("GET /api/open-data/calendar/years", SIGNED_IN),
            Map.entry("GET /api/open-data/deadlines/provisional-review", OVERSIGHT_AND_OPERATOR),
            Map.entry("GET /api/sharing/calendar/years", SIGNED_IN),
            Map.entry("GET /api/sharing/deadlines/provisional-review", OVERSIGHT_AND_OPERATOR),
            Map.entry("PUT /api/catalog/calendar/years/{year}", OPERATOR_ONLY),
            Map.entry("POST /api/objections/pseudonyms/resolve", ANY_TOKEN),
            Map.entry("GET /api/audit/alerts", AUDIT_OVERSIGHT),
            Map.entry("GET /api/audit/archive", OPERATOR_ONLY),
            Map.entry("POST /api/audit/archive", OPERATOR_ONLY),
            Map.entry("GET /api/audit/chain/head", AUDIT_OVERSIGHT),
            Map.entry("GET /api/audit/checkpoints", AUDIT_OVERSIGHT),
            Map.entry("GET /api/audit/deadlines", GOVERNMENT),
            Map.entry("POST /api/audit/deadlines", OPERATOR_ONLY),
            Map.entry("GET /api/audit/directory", SIGNED_IN),
            Map.entry("GET /api/audit/events", AUDIT_OVERSIGHT),
            Map.entry("GET /api/audit/events.csv", AUDIT_OVERSIGHT),
            Map.entry("GET /api/audit/events/{eventId}", AUDIT_OVERSIGHT),
            Map.entry("GET /api/audit/incidents", INCIDENT_READERS),
            Map.entry("POST /api/audit/incidents", INCIDENT_WRITERS),
            Map.entry("POST /api/audit/incidents/from-warning", BUREAU_AND_OPERATOR),
            Map.entry("GET /api/audit/incidents/{id}", INCIDENT_READERS),
            Map.entry("POST /api/audit/incidents/{id}/closure", INCIDENT_WRITERS),
            Map.entry("POST /api/audit/incidents/{id}/containment", INCIDENT_WRITERS),
            Map.entry("POST /api/audit/incidents/{id}/notifications", INCIDENT_WRITERS),
            Map.entry("GET /api/audit/keys", PUBLIC),
            Map.entry("GET /api/audit/policy", SIGNED_IN),
            Map.entry("GET /api/audit/scorecards", OVERSIGHT_OR_DEPARTMENT),
            Map.entry("GET /api/audit/scorecards/snapshots", OVERSIGHT_OR_DEPARTMENT),
            Map.entry("POST /api/audit/scorecards/snapshots", BUREAU_ONLY),
            Map.entry("GET /api/audit/scorecards/snapshots/{month}", OVERSIGHT_OR_DEPARTMENT),
            Map.entry("GET /api/audit/scorecards/{department}", OVERSIGHT_OR_OWN_DEPARTMENT),
            Map.entry("GET /api/audit/time", SIGNED_IN),
            Map.entry("POST /api/audit/time/advance", OPERATOR_ONLY),
            Map.entry("GET /api/audit/trail/export", AUDIT_OVERSIGHT),
            Map.entry("GET /api/audit/usage", OVERSIGHT_OR_DEPARTMENT),
            Map.entry("GET /api/audit/usage.csv", OVERSIGHT_OR_DEPARTMENT),
            Map.entry("GET /api/audit/verification", AUDIT_OVERSIGHT),
            Map.entry("POST /api/catalog/census/{year}", BUREAU_ONLY),
            Map.entry("GET /api/catalog/dcat", SIGNED_IN),
            Map.entry("GET /api/catalog/deadlines", GOVERNMENT),
            Map.entry("POST /api/catalog/deadlines", OPERATOR_ONLY),
            Map.entry("GET /api/catalog/departments", SIGNED_IN),
            Map.entry("POST /api/catalog/departments", BUREAU_ONLY),
            Map.entry("GET /api/catalog/departments/{code}", SIGNED_IN),
            Map.entry("GET /api/catalog/duties", OFFICERS_AND_OVERSIGHT),
            Map.entry("POST /api/catalog/duties", DATA_OFFICERS_OR_BUREAU),
            Map.entry("GET /api/catalog/duties/{id}", OFFICERS_AND_OVERSIGHT),
            Map.entry("POST /api/catalog/duties/{id}/fulfil", DATA_OFFICERS),
            Map.entry("GET /api/catalog/filings", OVERSIGHT_AND_OPERATOR),
            Map.entry("GET /api/catalog/entries", SIGNED_IN),
            Map.entry("POST /api/catalog/entries", DATA_OFFICERS),
            Map.entry("GET /api/catalog/entries/export", DATA_OFFICERS_OR_BUREAU),
            Map.entry("POST /api/catalog/entries/import", DATA_OFFICERS),
            Map.entry("GET /api/catalog/entries/imports/{importId}", DATA_OFFICERS),
            Map.entry("GET /api/catalog/entries/template", SIGNED_IN),
            Map.entry("DELETE /api/catalog/entries/{id}", DATA_OFFICERS),
            Map.entry("GET /api/catalog/entries/{id}", SIGNED_IN),
            Map.entry("PUT /api/catalog/entries/{id}", DATA_OFFICERS),
            Map.entry("GET /api/catalog/entries/{id}/dcat", SIGNED_IN),
            Map.entry("GET /api/catalog/entries/{id}/history", SIGNED_IN),
            Map.entry("POST /api/catalog/entries/{id}/review", BUREAU_ONLY),
            Map.entry("POST /api/catalog/entries/{id}/review/start", BUREAU_ONLY),
            Map.entry("POST /api/catalog/entries/{id}/submit", DATA_OFFICERS),
            Map.entry("GET /api/catalog/entries/{id}/versions/{version}", SIGNED_IN),
            Map.entry("POST /api/catalog/entries/{id}/withdrawal", DATA_OFFICERS),
            Map.entry("POST /api/catalog/entries/{id}/withdrawal/decision", BUREAU_ONLY),
            Map.entry("GET /api/catalog/policy", SIGNED_IN),
            Map.entry("GET /api/catalog/sources/designations", GOVERNMENT),
            Map.entry("POST /api/catalog/sources/designations", BUREAU_ONLY),
            Map.entry("GET /api/catalog/sources/designations/{id}", GOVERNMENT),
            Map.entry("PUT /api/catalog/sources/designations/{id}", BUREAU_ONLY),
            Map.entry("GET /api/catalog/sources/my-references", OFFICERS_AND_OVERSIGHT),
            Map.entry("GET /api/catalog/sources/overlaps", OVERSIGHT_AND_OPERATOR),
            Map.entry("GET /api/catalog/sources/similar-resources", OVERSIGHT_AND_OPERATOR),
            Map.entry("GET /api/catalog/time", SIGNED_IN),
            Map.entry("POST /api/catalog/time/advance", OPERATOR_ONLY),
            Map.entry("GET /api/exchange/{resourceId}/files", EXCHANGE_CONSUMERS),
            Map.entry("GET /api/exchange/{resourceId}/files/{fileId}", EXCHANGE_CONSUMERS),
            Map.entry("GET /api/exchange/{resourceId}/records", EXCHANGE_CONSUMERS),
            Map.entry("GET /api/exchange/{resourceId}/records/{key}", EXCHANGE_CONSUMERS),
            Map.entry("POST /api/exchange/{resourceId}/verify", EXCHANGE_CONSUMERS),
            Map.entry("GET /api/objections/cases", OBJECTION_READERS),
            Map.entry("POST /api/objections/cases", OBJECTION_FILERS),
            Map.entry("GET /api/objections/cases/{id}", ANY_TOKEN),
            Map.entry("POST /api/objections/cases/{id}/close", OPERATOR_ONLY),
            Map.entry("POST /api/objections/cases/{id}/correction", OBJECTION_DECIDERS),
            Map.entry("POST /api/objections/cases/{id}/decision", OBJECTION_DECIDERS),
            Map.entry("GET /api/objections/cases/{id}/evidence/{evidenceId}", ANY_TOKEN),
            Map.entry("POST /api/objections/cases/{id}/mark-disputed", OPERATOR_ONLY),
            Map.entry("POST /api/objections/cases/{id}/notes", OBJECTION_HANDLERS),
            Map.entry("POST /api/objections/cases/{id}/route", OPERATOR_ONLY),
            Map.entry("GET /api/objections/deadlines", GOVERNMENT),
            Map.entry("POST /api/objections/deadlines", OPERATOR_ONLY),
            Map.entry("GET /api/objections/directory", SIGNED_IN),
            Map.entry("GET /api/objections/policy", SIGNED_IN),
            Map.entry("GET /api/objections/resources/{id}", ANY_TOKEN),
            Map.entry("GET /api/objections/stats", OBJECTION_READERS),
            Map.entry("GET /api/objections/time", SIGNED_IN),
            Map.entry("POST /api/objections/time/advance", OPERATOR_ONLY),
            Map.entry("GET /api/objections/track/{trackingNumber}", ANY_TOKEN),
            Map.entry("POST /api/objections/track/{trackingNumber}/withdraw", ANY_TOKEN),
            Map.entry("GET /api/open-data/applications", SIGNED_IN),
            Map.entry("POST /api/open-data/applications", PUBLIC_APPLICANTS),
            Map.entry("GET /api/open-data/applications/{id}", ANY_TOKEN),
            Map.entry("POST /api/open-data/applications/{id}/decision", APPROVERS),
            // Quanzhou's route (QZ 6.5): the technical service unit assesses and authorises, the bureau confirms.
            Map.entry("POST /api/open-data/applications/{id}/assessment", OPERATOR_ONLY),
            Map.entry("POST /api/open-data/applications/{id}/confirmation", BUREAU_ONLY),
            Map.entry("POST /api/open-data/applications/{id}/authorisation", OPERATOR_ONLY),
            Map.entry("POST /api/open-data/applications/{id}/licence", PUBLIC_APPLICANTS),
            Map.entry("POST /api/open-data/applications/{id}/licence/revoke", APPROVERS),
            // The bureau may suspend after repeated missed usage reports (QZ 6.7).
            Map.entry("POST /api/open-data/applications/{id}/licence/suspend", APPROVERS_OR_BUREAU),
            Map.entry("GET /api/open-data/licences/usage-reports", BUREAU_ONLY),
            // Competitive selection for commercial development (NJ 27, QZ 6.6).
            Map.entry("POST /api/open-data/selection-rounds", BUREAU_ONLY),
            Map.entry("GET /api/open-data/selection-rounds/{id}", BUREAU_ONLY),
            Map.entry("POST /api/open-data/selection-rounds/{id}/bids", PUBLIC_APPLICANTS),
            Map.entry("POST /api/open-data/selection-rounds/{id}/result", BUREAU_ONLY),
            Map.entry("GET /api/open-data/public/selection-rounds", PUBLIC),
            Map.entry("GET /api/open-data/public/priority-domains", PUBLIC),
            Map.entry("POST /api/open-data/applications/{id}/usage-reports", PUBLIC_APPLICANTS),
            Map.entry("PUT /api/open-data/datasets/{entryId}/masking", DATA_OFFICERS),
            Map.entry("POST /api/open-data/datasets/{entryId}/versions", DATA_OFFICERS),
            Map.entry("GET /api/open-data/deadlines", GOVERNMENT),
            Map.entry("POST /api/open-data/deadlines", OPERATOR_ONLY),
            Map.entry("GET /api/open-data/directory", SIGNED_IN),
            Map.entry("POST /api/open-data/plans", DATA_OFFICERS),
            Map.entry("GET /api/open-data/policy", SIGNED_IN),
            Map.entry("GET /api/open-data/public/agreement", PUBLIC),
            Map.entry("GET /api/open-data/public/datasets", PUBLIC),
            Map.entry("GET /api/open-data/public/datasets/{entryId}", PUBLIC),
            Map.entry("GET /api/open-data/public/datasets/{entryId}/download", PUBLIC),
            Map.entry("GET /api/open-data/public/datasets/{entryId}/records", PUBLIC),
            Map.entry("GET /api/open-data/public/licensed/datasets/{entryId}/download", LICENCE_KEY_ONLY),
            Map.entry("GET /api/open-data/public/not-open", PUBLIC),
            Map.entry("GET /api/open-data/public/plans", PUBLIC),
            Map.entry("GET /api/open-data/public/portal", PUBLIC),
            Map.entry("GET /api/open-data/public/portal/datasets/{entryId}", PUBLIC),
            Map.entry("GET /api/open-data/public/portal/not-open", PUBLIC),
            Map.entry("GET /api/open-data/time", SIGNED_IN),
            Map.entry("POST /api/open-data/time/advance", OPERATOR_ONLY),
            Map.entry("GET /api/sharing/applications", GOVERNMENT),
            Map.entry("POST /api/sharing/applications", DEPARTMENT_USERS),
            Map.entry("GET /api/sharing/applications/{id}", GOVERNMENT),
            Map.entry("POST /api/sharing/applications/{id}/attachments", DEPARTMENT_USERS),
            Map.entry("GET /api/sharing/applications/{id}/attachments/{attachmentId}", GOVERNMENT),
            Map.entry("POST /api/sharing/applications/{id}/bureau-confirmation", BUREAU_ONLY),
            Map.entry("POST /api/sharing/applications/{id}/bureau-decision", BUREAU_ONLY),
            Map.entry("POST /api/sharing/applications/{id}/coordination", BUREAU_ONLY),
            Map.entry("POST /api/sharing/applications/{id}/decision", APPROVERS),
            Map.entry("POST /api/sharing/applications/{id}/escalation", DEPARTMENT_USERS),
            Map.entry("POST /api/sharing/applications/{id}/final-decision", BUREAU_ONLY),
            Map.entry("POST /api/sharing/applications/{id}/formality-check", BUREAU_ONLY),
            Map.entry("POST /api/sharing/applications/{id}/implementation", DATA_OFFICERS),
            Map.entry("POST /api/sharing/applications/{id}/provider-opinion", APPROVERS),
            Map.entry("POST /api/sharing/applications/{id}/referral", BUREAU_ONLY),
            Map.entry("GET /api/sharing/deadlines", GOVERNMENT),
            Map.entry("GET /api/sharing/non-government-requests", OVERSIGHT_OR_DEPARTMENT_AND_OPERATOR),
            Map.entry("POST /api/sharing/non-government-requests", BUREAU_ONLY),
            Map.entry("GET /api/sharing/non-government-requests/{id}", OVERSIGHT_OR_DEPARTMENT_AND_OPERATOR),
            Map.entry("POST /api/sharing/non-government-requests/{id}/bureau-opinion", BUREAU_ONLY),
            Map.entry("POST /api/sharing/non-government-requests/{id}/city-government-decision", BUREAU_ONLY),
            Map.entry("POST /api/sharing/non-government-requests/{id}/provider-opinion", APPROVERS),
            Map.entry("POST /api/sharing/deadlines", OPERATOR_ONLY),
            Map.entry("GET /api/sharing/demands", GOVERNMENT),
            Map.entry("POST /api/sharing/demands", DEPARTMENT_USERS),
            Map.entry("GET /api/sharing/demands/{id}", GOVERNMENT),
            Map.entry("POST /api/sharing/demands/{id}/answer", DEPARTMENT_USERS),
            Map.entry("POST /api/sharing/demands/{id}/fulfilment", DEPARTMENT_USERS),
            // Interface requests (QZ 2.3): the bureau requests, departments propose; the provider's officers answer.
            Map.entry("GET /api/sharing/interface-requests", GOVERNMENT),
            Map.entry("POST /api/sharing/interface-requests", EnumSet.of(Kind.BUREAU, Kind.OFFICER_PSB, Kind.OFFICER_AMR,
                    Kind.CONSUMER_HRSS, Kind.SYSTEM_PSB)),
            Map.entry("GET /api/sharing/interface-requests/{id}", GOVERNMENT),
            Map.entry("POST /api/sharing/interface-requests/{id}/forwarding", BUREAU_ONLY),
            Map.entry("POST /api/sharing/interface-requests/{id}/extension", DATA_OFFICERS),
            Map.entry("POST /api/sharing/interface-requests/{id}/extension/decision", BUREAU_ONLY),
            Map.entry("POST /api/sharing/interface-requests/{id}/delivery", DATA_OFFICERS),
            Map.entry("POST /api/sharing/interface-requests/{id}/publication", OPERATOR_ONLY),
            Map.entry("GET /api/sharing/directory", SIGNED_IN),
            Map.entry("GET /api/sharing/grants", GOVERNMENT),
            Map.entry("POST /api/sharing/grants/{grantId}/renewal", DEPARTMENT_USERS),
            Map.entry("GET /api/sharing/grants/{id}", GOVERNMENT),
            Map.entry("POST /api/sharing/grants/{id}/platform-review", BUREAU_ONLY),
            Map.entry("POST /api/sharing/grants/{id}/revocation", APPROVERS_OR_BUREAU),
            Map.entry("DELETE /api/sharing/grants/{id}/suspension", BUREAU_ONLY),
            Map.entry("POST /api/sharing/grants/{id}/suspension", BUREAU_ONLY),
            Map.entry("GET /api/sharing/policy", SIGNED_IN),
            Map.entry("GET /api/sharing/providers/{resourceId}", PROVIDER_READERS),
            Map.entry("PUT /api/sharing/providers/{resourceId}", DATA_OFFICERS),
            Map.entry("GET /api/sharing/providers/{resourceId}/files", PROVIDER_READERS),
            Map.entry("POST /api/sharing/providers/{resourceId}/files", DATA_OFFICERS),
            Map.entry("DELETE /api/sharing/providers/{resourceId}/files/{fileId}", DATA_OFFICERS),
            Map.entry("GET /api/sharing/time", SIGNED_IN),
            Map.entry("POST /api/sharing/time/advance", OPERATOR_ONLY));

    /**
     * Bodies that would be valid from an allowed caller, for writes whose {@code {}} is refused as
     * invalid before the role check could be seen (the run sends them only to callers that must be
     * refused). Where the allowed caller's body is not known, {@code {}} is sent.
     */
    static final Map<String, String> BODIES = Map.ofEntries(
            Map.entry("time/advance", "{\"by\":\"PT1S\"}"),
            Map.entry("deadlines", """
                    {"process":"matrix","step":"probe","subjectId":"X1","responsibleDepartment":"PSB","region":"320100",
                     "dueAt":"2030-01-01T00:00:00Z","action":"MARK_OVERDUE"}"""),
            Map.entry("POST /api/objections/cases/{id}/route", "{\"route\":\"DEPARTMENT\",\"department\":\"PSB\"}"),
            Map.entry("POST /api/objections/cases/{id}/close", "{\"reason\":\"权限矩阵\"}"),
            Map.entry("POST /api/objections/cases/{id}/decision", "{\"decision\":\"REJECT\",\"reasons\":\"权限矩阵\"}"),
            Map.entry("POST /api/objections/cases/{id}/correction", "{\"correctedFields\":[\"住址\"]}"),
            Map.entry("POST /api/objections/cases/{id}/notes", "{\"text\":\"权限矩阵\"}"),
            Map.entry("POST /api/objections/cases", """
                    {"reason":"ERROR","resourceId":"X1","recordKey":"X1","fields":["住址"],"claim":"权限矩阵",
                     "objector":{"name":"王芳","phone":"13912345678"}}"""),
            Map.entry("POST /api/catalog/entries/{id}/review", "{\"decision\":\"APPROVE\"}"),
            Map.entry("POST /api/sharing/applications/{id}/formality-check", "{\"passed\":true}"),
            Map.entry("POST /api/sharing/applications/{id}/decision", "{\"approve\":true,\"items\":[\"姓名\"]}"),
            Map.entry("POST /api/sharing/grants/{id}/platform-review", "{\"confirm\":true,\"reasons\":\"权限矩阵\"}"),
            Map.entry("POST /api/sharing/grants/{id}/suspension", "{\"reasons\":\"权限矩阵\"}"),
            Map.entry("POST /api/open-data/applications/{id}/licence", "{\"agreementVersion\":\"v1\",\"accepted\":true}"),
            Map.entry("PUT /api/open-data/datasets/{entryId}/masking", "{\"rules\":{\"姓名\":\"NAME\"}}"),
            Map.entry("POST /api/open-data/applications/{id}/licence/revoke", "{\"reasons\":\"权限矩阵\"}"),
            Map.entry("POST /api/open-data/applications/{id}/licence/suspend", "{\"reasons\":\"权限矩阵\"}"),
            Map.entry("POST /api/open-data/applications/{id}/assessment", "{\"reasonable\":true,\"report\":\"权限矩阵\"}"),
            Map.entry("POST /api/open-data/applications/{id}/confirmation", "{\"approve\":true}"),
            Map.entry("POST /api/open-data/selection-rounds",
                    "{\"entryId\":\"X1\",\"criteria\":\"权限矩阵\",\"closesAt\":\"2099-01-01T00:00:00Z\"}"),
            Map.entry("POST /api/open-data/selection-rounds/{id}/bids", """
                    {"applicantKind":"domestic-controlled-enterprise","organisation":"权限矩阵","proposal":"权限矩阵",
                     "safetyMeasures":"权限矩阵"}"""),
            Map.entry("POST /api/open-data/selection-rounds/{id}/result",
                    "{\"evaluations\":[{\"bidId\":\"X1\",\"score\":1,\"reasons\":\"权限矩阵\"}],\"selectedBidId\":\"X1\",\"reasons\":\"权限矩阵\"}"),
            Map.entry("POST /api/open-data/applications", OpenDataSystemTest.application("X1", "domestic-controlled-enterprise", false)),
            Map.entry("POST /api/sharing/applications/{id}/coordination", "{\"outcome\":\"UPHOLD_REFUSAL\",\"reasons\":[\"权限矩阵\"]}"),
            Map.entry("POST /api/sharing/applications/{id}/escalation", "{\"reasons\":\"权限矩阵\"}"),
            Map.entry("POST /api/sharing/applications/{id}/provider-opinion", "{\"approve\":true,\"items\":[\"姓名\"]}"),
            Map.entry("POST /api/sharing/applications/{id}/bureau-decision", "{\"approve\":true,\"items\":[\"姓名\"]}"),
            Map.entry("POST /api/sharing/applications/{id}/bureau-confirmation", "{\"confirm\":true,\"reasons\":\"权限矩阵\"}"),
            Map.entry("POST /api/sharing/applications/{id}/referral", "{\"reasons\":\"权限矩阵\"}"),
            Map.entry("POST /api/sharing/applications/{id}/final-decision", "{\"decidingBody\":\"市人民政府\",\"outcome\":"
                    + "\"UPHOLD_REFUSAL\",\"decidedOn\":\"2026-12-01\",\"reasons\":[\"权限矩阵\"]}"),
            Map.entry("POST /api/sharing/grants/{grantId}/renewal", "{\"validTo\":\"2030-06-30T16:00:00Z\"}"),
            Map.entry("POST /api/sharing/grants/{id}/revocation", "{\"ground\":\"OTHER\",\"reasons\":\"权限矩阵\"}"),
            Map.entry("POST /api/sharing/demands", "{\"addressedTo\":\"PSB\",\"description\":\"权限矩阵\",\"items\":[\"姓名\"],"
                    + "\"purpose\":\"权限矩阵\"}"),
            Map.entry("POST /api/sharing/demands/{id}/answer", "{\"answer\":\"CANNOT\",\"reasons\":\"权限矩阵\"}"),
            Map.entry("POST /api/sharing/demands/{id}/fulfilment", "{\"resourceId\":\"X1\"}"),
            Map.entry("POST /api/sharing/interface-requests", "{\"provider\":\"PSB\",\"dataWanted\":\"权限矩阵\","
                    + "\"scenario\":\"权限矩阵\",\"interfaceSpec\":\"权限矩阵\"}"),
            Map.entry("POST /api/sharing/interface-requests/{id}/forwarding", "{\"forward\":true}"),
            Map.entry("POST /api/sharing/interface-requests/{id}/extension", "{\"workingDays\":1,\"reasons\":\"权限矩阵\"}"),
            Map.entry("POST /api/sharing/interface-requests/{id}/extension/decision", "{\"approve\":true}"),
            Map.entry("POST /api/sharing/interface-requests/{id}/delivery", "{\"interfaceSpec\":\"x\",\"usageNotes\":\"y\"}"),
            Map.entry("POST /api/sharing/interface-requests/{id}/publication", "{\"serviceName\":\"x\"}"));

    static String bodyFor(OpenApiOperations.Operation op) {
        String key = op.key();
        if (BODIES.containsKey(key)) {
            return BODIES.get(key);
        }
        if (key.endsWith("/time/advance")) {
            return BODIES.get("time/advance");
        }
        if (key.startsWith("POST ") && key.endsWith("/deadlines")) {
            return BODIES.get("deadlines");
        }
        if (key.equals("POST /api/catalog/entries") || key.equals("PUT /api/catalog/entries/{id}")) {
            return Stack.JSON.writeValueAsString(Scenarios.entry("权限矩阵", "PSB", "UNCONDITIONAL", "NOT_OPEN", Scenarios.PEOPLE_ITEMS));
        }
        if (key.equals("POST /api/sharing/applications")) {
            return Scenarios.application("X1", List.of("姓名"));
        }
        return "{}";
    }

    static OpenApiOperations operations;
    static final Map<Kind, String> TOKENS = new EnumMap<>(Kind.class);

    @BeforeAll
    static void tokens() {
        operations = OpenApiOperations.load();
        TOKENS.put(Kind.CITIZEN, Stack.passwordToken("citizen"));
        TOKENS.put(Kind.COMPANY, Stack.passwordToken("company"));
        TOKENS.put(Kind.OFFICER_PSB, Stack.passwordToken("psb-officer"));
        TOKENS.put(Kind.OFFICER_AMR, Stack.passwordToken("amr-officer"));
        TOKENS.put(Kind.CONSUMER_HRSS, Stack.passwordToken("hrss-consumer"));
        TOKENS.put(Kind.SYSTEM_PSB, Stack.clientToken(Stack.get("PSB_SYSTEM_CLIENT_ID"), Stack.get("PSB_SYSTEM_CLIENT_SECRET")));
        TOKENS.put(Kind.COUNTY_JIANGNING, Stack.clientToken("county-jiangning", "demo-secret-county-jiangning"));
        TOKENS.put(Kind.COUNTY_PUKOU, Stack.clientToken("county-pukou", "demo-secret-county-pukou"));
        TOKENS.put(Kind.AUDITOR, Stack.passwordToken("auditor"));
        TOKENS.put(Kind.OPERATOR, Stack.passwordToken("operator"));
        TOKENS.put(Kind.BUREAU, Stack.passwordToken("bureau"));
    }

    /**
     * Real resources of one run, each owned by one department or person, so the resource rows below
     * can ask "own or another's": a PSB draft entry, a PSB entry of Jiangning's region (320115), an
     * unconditionally shared PSB people resource behind the simulator with a grant to HRSS, a
     * conditionally shared PSB resource with an HRSS application awaiting PSB's decision, a
     * citizen's objection case against the shared resource, and a company's application for an AMR
     * dataset open on conditions.
     */
    record Fixtures(String draft, String countyEntry, String shared, String grant, String conditional, String application,
                    String objection, String openEntry, String openApplication) {
    }

    /** One request against a real resource, and who may make it. */
    record Probe(String operation, String method, String path, String body, Set<Kind> allowed, Map<String, String> headers) {
        Probe(String operation, String path, Set<Kind> allowed) {
            this(operation, operation.substring(0, operation.indexOf(' ')), path, null, allowed, Map.of());
        }

        Probe(String operation, String path, String body, Set<Kind> allowed) {
            this(operation, operation.substring(0, operation.indexOf(' ')), path, body, allowed, Map.of());
        }
    }

    static Fixtures fixtures() {
        String bureau = TOKENS.get(Kind.BUREAU);
        String psb = TOKENS.get(Kind.OFFICER_PSB);
        String amr = TOKENS.get(Kind.OFFICER_AMR);
        String hrss = TOKENS.get(Kind.CONSUMER_HRSS);
        Scenarios.department(bureau, "PSB", "市公安局");
        Scenarios.department(bureau, "AMR", "市场监督管理局");
        Scenarios.department(bureau, "HRSS", "市人力资源和社会保障局");
        String run = Scenarios.run();

        var draft = Stack.call("POST", "/api/catalog/entries", psb, Stack.JSON.writeValueAsString(
                Scenarios.entry("权限矩阵草稿" + run, "PSB", "UNCONDITIONAL", "NOT_OPEN", Scenarios.PEOPLE_ITEMS)));
        assertThat(draft.status()).as(draft.toString()).isEqualTo(201);

        var county = Scenarios.entry("江宁区权限矩阵" + run, "PSB", "UNCONDITIONAL", "NOT_OPEN", Scenarios.PEOPLE_ITEMS);
        county.put("region", "320115");
        String countyEntry = Scenarios.publish(psb, bureau, county);

        String shared = Scenarios.peopleResource(psb, bureau, "UNCONDITIONAL");
        String grant = Scenarios.grant(hrss, shared, List.of("公民身份号码", "姓名"));
        String conditional = Scenarios.peopleResource(psb, bureau, "CONDITIONAL");
        String application = Scenarios.applyConditional(hrss, bureau, conditional, List.of("公民身份号码", "姓名"));

        String objectionBody = """
                {"reason":"ERROR","resourceId":"%s","recordKey":"%s","fields":["住址"],"claim":"住址登记错误（权限矩阵）",
                 "objector":{"name":"王芳","phone":"13912345678"}}""".formatted(shared, Scenarios.PERSON);
        Stack.Response[] filed = new Stack.Response[1];
        WalkingSkeletonSystemTest.eventually("objection-service accepts an objection on " + shared, () -> {
            filed[0] = Stack.call("POST", "/api/objections/cases", TOKENS.get(Kind.CITIZEN), objectionBody);
            return filed[0].status() == 201;
        });
        String objection = filed[0].json().get("trackingNumber").asString();
        var routed = Stack.call("POST", "/api/objections/cases/" + objection + "/route", TOKENS.get(Kind.OPERATOR),
                "{\"route\":\"DEPARTMENT\",\"department\":\"PSB\"}");
        assertThat(routed.status()).as(routed.toString()).isEqualTo(200);

        var open = Scenarios.entry("企业信用权限矩阵" + run, "AMR", "UNCONDITIONAL", "CONDITIONAL",
                List.of("统一社会信用代码", "企业名称", "许可事项"));
        String openEntry = Scenarios.publish(amr, bureau, open);
        OpenDataSystemTest.awaitListed(openEntry);
        // Non-commercial: Nanjing awards commercial use by selection only (NJ 27), refusing a direct commercial application.
        var applied = Stack.call("POST", "/api/open-data/applications", TOKENS.get(Kind.COMPANY),
                OpenDataSystemTest.application(openEntry, "domestic-controlled-enterprise", false));
        assertThat(applied.status()).as(applied.toString()).isEqualTo(201);
        return new Fixtures(draft.json().get("id").asString(), countyEntry, shared, grant, conditional, application, objection,
                openEntry, applied.json().get("id").asString());
    }

    /** The providing department's data officers (person and system) and the platform's oversight (bureau, auditor, operator). */
    static final Set<Kind> PSB_AND_OVERSIGHT = EnumSet.of(Kind.OFFICER_PSB, Kind.SYSTEM_PSB, Kind.BUREAU, Kind.AUDITOR,
            Kind.OPERATOR);

    /**
     * The resource rows: real ids, so the department, region and ownership rules run, not only the
     * role check. Reads go to every caller kind; writes only to the kinds that must be refused, with
     * bodies that would be valid from the owner, so a refusal is proven by 401/403/404 (404: the
     * resource is not visible to that caller).
     */
    static List<Probe> probes(Fixtures f) {
        Set<Kind> hrssParties = EnumSet.of(Kind.CONSUMER_HRSS, Kind.OFFICER_PSB, Kind.SYSTEM_PSB, Kind.BUREAU, Kind.AUDITOR,
                Kind.OPERATOR);
        // How a resource is served (endpoint, credentials' existence, files): its department, the bureau and operators; not auditors.
        Set<Kind> psbServing = EnumSet.of(Kind.OFFICER_PSB, Kind.SYSTEM_PSB, Kind.BUREAU, Kind.OPERATOR);
        String entryBody = Stack.JSON.writeValueAsString(
                Scenarios.entry("权限矩阵改名", "PSB", "UNCONDITIONAL", "NOT_OPEN", Scenarios.PEOPLE_ITEMS));
        String provider = """
                {"mode":"API","endpoint":"%1$s/api/people/{key}","listEndpoint":"%1$s/api/people","timeout":"2s",
                 "recordKeyField":"公民身份号码","masking":{"公民身份号码":"ID_NUMBER"}}""".formatted(Stack.get("PROVIDER_SIM_URL"));
        return List.of(
                // A department's draft: the department and oversight only.
                new Probe("GET /api/catalog/entries/{id}", "/api/catalog/entries/" + f.draft(), PSB_AND_OVERSIGHT),
                new Probe("GET /api/catalog/entries/{id}/history", "/api/catalog/entries/" + f.draft() + "/history", PSB_AND_OVERSIGHT),
                new Probe("PUT /api/catalog/entries/{id}", "/api/catalog/entries/" + f.draft(), entryBody,
                        EnumSet.of(Kind.OFFICER_PSB, Kind.SYSTEM_PSB)),
                new Probe("POST /api/catalog/entries/{id}/submit", "/api/catalog/entries/" + f.draft() + "/submit", null,
                        EnumSet.of(Kind.OFFICER_PSB, Kind.SYSTEM_PSB)),
                new Probe("DELETE /api/catalog/entries/{id}", "/api/catalog/entries/" + f.draft(),
                        EnumSet.of(Kind.OFFICER_PSB, Kind.SYSTEM_PSB)),
                // A published entry of Jiangning's region: every caller but another county.
                new Probe("GET /api/catalog/entries/{id}", "/api/catalog/entries/" + f.countyEntry(),
                        EnumSet.complementOf(EnumSet.of(Kind.ANONYMOUS, Kind.COUNTY_PUKOU))),
                // The provider registration of a PSB resource.
                new Probe("GET /api/sharing/providers/{resourceId}", "/api/sharing/providers/" + f.shared(), psbServing),
                new Probe("PUT /api/sharing/providers/{resourceId}", "/api/sharing/providers/" + f.shared(), provider,
                        EnumSet.of(Kind.OFFICER_PSB, Kind.SYSTEM_PSB)),
                new Probe("GET /api/sharing/providers/{resourceId}/files", "/api/sharing/providers/" + f.shared() + "/files",
                        psbServing),
                // HRSS's grant on a PSB resource: the two departments and oversight.
                new Probe("GET /api/sharing/grants/{id}", "/api/sharing/grants/" + f.grant(), hrssParties),
                new Probe("POST /api/sharing/grants/{id}/suspension", "/api/sharing/grants/" + f.grant() + "/suspension",
                        "{\"reasons\":\"权限矩阵：不应生效\"}", EnumSet.of(Kind.BUREAU)),
                new Probe("POST /api/sharing/grants/{id}/revocation", "/api/sharing/grants/" + f.grant() + "/revocation",
                        "{\"ground\":\"MISUSE\",\"reasons\":\"权限矩阵：不应生效\"}", EnumSet.of(Kind.BUREAU)),
                // HRSS's application for a conditional PSB resource.
                new Probe("GET /api/sharing/applications/{id}", "/api/sharing/applications/" + f.application(), hrssParties),
                new Probe("POST /api/sharing/applications/{id}/decision", "/api/sharing/applications/" + f.application() + "/decision",
                        "{\"approve\":true,\"items\":[\"公民身份号码\"]}", EnumSet.of(Kind.OFFICER_PSB)),
                // The exchange: only the grant holder's department reads.
                new Probe("GET /api/exchange/{resourceId}/records/{key}", "GET",
                        "/api/exchange/" + f.shared() + "/records/" + Scenarios.PERSON, null,
                        EnumSet.of(Kind.CONSUMER_HRSS), Scenarios.PURPOSE),
                // A citizen's objection, transferred to PSB: the objector reads it by tracking number, another
                // person (the company) does not; PSB decides, AMR (same roles, another department) does not.
                new Probe("GET /api/objections/track/{trackingNumber}", "/api/objections/track/" + f.objection(),
                        EnumSet.of(Kind.CITIZEN)),
                new Probe("POST /api/objections/track/{trackingNumber}/withdraw", "/api/objections/track/" + f.objection() + "/withdraw",
                        "{\"reason\":\"权限矩阵：不应生效\"}", EnumSet.of(Kind.CITIZEN)),
                new Probe("POST /api/objections/cases/{id}/decision", "/api/objections/cases/" + f.objection() + "/decision",
                        "{\"decision\":\"REJECT\",\"reasons\":\"权限矩阵：不应生效\"}",
                        EnumSet.of(Kind.OFFICER_PSB, Kind.SYSTEM_PSB, Kind.OPERATOR)),
                new Probe("GET /api/objections/cases/{id}", "/api/objections/cases/" + f.objection(),
                        EnumSet.of(Kind.CITIZEN, Kind.OPERATOR, Kind.BUREAU, Kind.AUDITOR, Kind.OFFICER_PSB, Kind.SYSTEM_PSB)),
                // A company's open-data application for an AMR dataset: the company, AMR and the bureau.
                new Probe("GET /api/open-data/applications/{id}", "/api/open-data/applications/" + f.openApplication(),
                        EnumSet.of(Kind.COMPANY, Kind.OFFICER_AMR, Kind.BUREAU)),
                new Probe("POST /api/open-data/applications/{id}/decision", "/api/open-data/applications/" + f.openApplication()
                        + "/decision", "{\"approve\":false,\"reasons\":\"权限矩阵：不应生效\"}", EnumSet.of(Kind.OFFICER_AMR)),
                new Probe("PUT /api/open-data/datasets/{entryId}/masking", "/api/open-data/datasets/" + f.openEntry() + "/masking",
                        "{\"rules\":{\"企业名称\":\"NAME\"}}", EnumSet.of(Kind.OFFICER_AMR)),
                // More of the same resources: the rest of their operations, from the callers who must be refused.
                new Probe("GET /api/catalog/entries/{id}/versions/{version}", "/api/catalog/entries/" + f.countyEntry() + "/versions/1",
                        EnumSet.complementOf(EnumSet.of(Kind.ANONYMOUS, Kind.COUNTY_PUKOU))),
                new Probe("GET /api/catalog/entries/{id}/history", "/api/catalog/entries/" + f.countyEntry() + "/history",
                        EnumSet.complementOf(EnumSet.of(Kind.ANONYMOUS, Kind.COUNTY_PUKOU))),
                new Probe("POST /api/catalog/entries/{id}/review", "/api/catalog/entries/" + f.draft() + "/review",
                        "{\"decision\":\"APPROVE\"}", EnumSet.of(Kind.BUREAU)),
                new Probe("POST /api/catalog/entries/{id}/review/start", "/api/catalog/entries/" + f.draft() + "/review/start",
                        null, EnumSet.of(Kind.BUREAU)),
                new Probe("GET /api/exchange/{resourceId}/records", "GET", "/api/exchange/" + f.shared() + "/records?size=1", null,
                        EnumSet.of(Kind.CONSUMER_HRSS), Scenarios.PURPOSE),
                new Probe("POST /api/sharing/applications/{id}/formality-check", "/api/sharing/applications/" + f.application()
                        + "/formality-check", "{\"passed\":true}", EnumSet.of(Kind.BUREAU)),
                new Probe("DELETE /api/sharing/grants/{id}/suspension", "/api/sharing/grants/" + f.grant() + "/suspension",
                        EnumSet.of(Kind.BUREAU)),
                new Probe("POST /api/sharing/grants/{id}/platform-review", "/api/sharing/grants/" + f.grant() + "/platform-review",
                        "{\"confirm\":true,\"reasons\":\"权限矩阵：不应生效\"}", EnumSet.of(Kind.BUREAU)),
                new Probe("POST /api/objections/cases/{id}/notes", "/api/objections/cases/" + f.objection() + "/notes",
                        "{\"text\":\"权限矩阵：不应生效\"}", EnumSet.of(Kind.OFFICER_PSB, Kind.SYSTEM_PSB, Kind.OPERATOR, Kind.BUREAU)),
                new Probe("POST /api/objections/cases/{id}/correction", "/api/objections/cases/" + f.objection() + "/correction",
                        "{\"correctedFields\":[\"住址\"]}", EnumSet.of(Kind.OFFICER_PSB, Kind.SYSTEM_PSB, Kind.OPERATOR)),
                new Probe("POST /api/open-data/applications/{id}/licence", "/api/open-data/applications/" + f.openApplication()
                        + "/licence", "{\"agreementVersion\":\"v1\",\"accepted\":true}", EnumSet.of(Kind.COMPANY)),
                // A department's scorecard: the department itself, the bureau and auditors.
                new Probe("GET /api/audit/scorecards/{department}", "/api/audit/scorecards/PSB",
                        EnumSet.of(Kind.OFFICER_PSB, Kind.SYSTEM_PSB, Kind.BUREAU, Kind.AUDITOR)));
    }

    @Test
    void realResourcesAreOpenToTheirOwnersAndOversightAndClosedToOtherDepartmentsCountiesAndThePublic() {
        Fixtures f = fixtures();
        List<Probe> probes = probes(f);
        List<String> unexpectedAllows = new ArrayList<>();
        List<String> unexpectedDenies = new ArrayList<>();
        List<String> notProven = new ArrayList<>();
        Map<String, String> observed = new LinkedHashMap<>();
        int requests = 0;
        for (Probe probe : probes) {
            assertThat(EXPECTED).as("resource rows name operations of the matrix").containsKey(probe.operation());
            boolean read = probe.method().equals("GET");
            StringBuilder line = new StringBuilder();
            for (Kind kind : Kind.values()) {
                boolean expectAllow = probe.allowed().contains(kind);
                if (expectAllow && !read) {
                    continue; // writes only from callers who must be refused: the run changes nothing
                }
                var response = Stack.call(probe.method(), probe.path(), TOKENS.get(kind), probe.body(), probe.headers());
                requests++;
                int status = response.status();
                line.append(' ').append(kind).append('=').append(status);
                boolean refused = status == 401 || status == 403 || status == 404;
                String what = kind + " " + probe.method() + " " + probe.path() + " -> " + status;
                if (expectAllow && !(status >= 200 && status < 300)) {
                    unexpectedDenies.add(what + " " + response.body());
                } else if (!expectAllow && !refused) {
                    if (status >= 400 && status < 500) {
                        notProven.add(what + " " + response.body());
                    } else {
                        unexpectedAllows.add(what);
                    }
                }
            }
            observed.put(probe.operation() + " " + probe.path(), line.toString());
        }
        System.out.println("Resource matrix: " + probes.size() + " rows on real resources, " + requests
                + " requests; unexpected allows " + unexpectedAllows.size() + ", unexpected denies " + unexpectedDenies.size()
                + ", refusals not proven " + notProven.size());
        observed.forEach((k, v) -> System.out.println("  " + k + ":" + v));
        notProven.forEach(n -> System.out.println("  not proven       " + n));
        unexpectedAllows.forEach(a -> System.out.println("  UNEXPECTED ALLOW " + a));
        unexpectedDenies.forEach(d -> System.out.println("  unexpected deny  " + d));
        assertThat(unexpectedAllows).as("callers let into another's resource").isEmpty();
        assertThat(unexpectedDenies).as("owners or oversight refused their own resource").isEmpty();
    }

    @Test
    void everyOperationIsClassifiedInTheTable() {
        Set<String> unclassified = new TreeSet<>();
        operations.all().forEach(op -> {
            if (!EXPECTED.containsKey(op.key())) {
                unclassified.add(op.key());
            }
        });
        Set<String> stale = new TreeSet<>(EXPECTED.keySet());
        operations.all().forEach(op -> stale.remove(op.key()));

        assertThat(unclassified).as("operations in the OpenAPI documents but not in the matrix: classify them").isEmpty();
        assertThat(stale).as("rows of the matrix no service offers any more").isEmpty();
    }

    @Test
    void noCallerGetsInWhereTheTableSaysNo() {
        List<String> unexpectedAllows = new ArrayList<>();
        List<String> unexpectedDenies = new ArrayList<>();
        List<String> notProven = new ArrayList<>();
        int requests = 0;
        for (var op : operations.all()) {
            Set<Kind> allowed = EXPECTED.get(op.key());
            if (allowed == null) {
                continue;
            }
            // A year is a number: X1 would be refused as a bad path before any role check.
            String path = op.path("X1").replace("/census/X1", "/census/2026") + op.requiredQuery();
            boolean read = op.method().equals("GET");
            for (Kind kind : Kind.values()) {
                boolean expectAllow = allowed.contains(kind);
                if (expectAllow && !read) {
                    continue; // writes only from callers who must be refused: the run changes nothing
                }
                String body = op.hasBody() && !op.multipart() ? bodyFor(op) : null;
                // The exchange wants every call's purpose; without it the answer is a 400 before the grant check.
                Map<String, String> headers = path.startsWith("/api/exchange/") ? Scenarios.PURPOSE : Map.of();
                var response = op.multipart()
                        ? Stack.multipart(path, TOKENS.get(kind), "file", "a.csv", "text/csv", "a,b\n".getBytes())
                        : Stack.call(op.method(), path, TOKENS.get(kind), body, headers);
                requests++;
                int status = response.status();
                boolean denied = status == 401 || status == 403;
                if (!expectAllow && !denied) {
                    if (status < 400 || status >= 500) {
                        unexpectedAllows.add(kind + " " + op.key() + " -> " + status);
                    } else {
                        // 400/404/409/422 before the role check: nothing was done, but the refusal is not proven
                        // (validation or lookup ran first); listed, not failed.
                        notProven.add(kind + " " + op.key() + " -> " + status);
                    }
                } else if (expectAllow && denied && (allowed != ANY_TOKEN || kind == Kind.ANONYMOUS)) {
                    unexpectedDenies.add(kind + " " + op.key() + " -> " + status);
                }
            }
        }
        System.out.println("Authorization matrix: " + operations.all().size() + " operations x " + Kind.values().length
                + " caller kinds, " + requests + " requests; unexpected allows " + unexpectedAllows.size()
                + ", unexpected denies " + unexpectedDenies.size() + ", refusals not proven (4xx before the role check) "
                + notProven.size());
        notProven.forEach(n -> System.out.println("  not proven       " + n));
        unexpectedAllows.forEach(a -> System.out.println("  UNEXPECTED ALLOW " + a));
        unexpectedDenies.forEach(d -> System.out.println("  unexpected deny  " + d));
        assertThat(unexpectedAllows).as("callers let in where the table says no").isEmpty();
        assertThat(unexpectedDenies).as("callers refused a read the table allows").isEmpty();
    }
}
