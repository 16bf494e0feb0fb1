package cn.govdata.policy;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static cn.govdata.policy.Period.calendarDays;
import static cn.govdata.policy.Period.months;
import static cn.govdata.policy.Period.workingDays;
import static cn.govdata.policy.Period.years;

/**
 * The keys of a {@link JurisdictionProfile}, as deployments write them in overrides
 * ({@code conditional-share-decision=7wd}), each with the platform default used where a city's
 * regulation is silent.
 *
 * <p>Unless a description says otherwise a period runs from receipt of the request, objection or
 * change it responds to.
 */
public enum RuleKey {

    CATALOG_UPDATE("catalog-update", ValueType.PERIOD, JurisdictionProfile::catalogUpdate,
            "department updates its catalog after a change in law, function or system",
            Rule.platformDefault(workingDays(15), "NJ 18, NT 11 and QY 12 all allow 15 working days")),
    CATALOG_REVIEW("catalog-review", ValueType.PERIOD, JurisdictionProfile::catalogReview,
            "bureau reviews a submitted catalog update",
            Rule.platformDefault(workingDays(5), "only QY 12 sets a bureau review limit (5 working days)")),
    APPLICATION_FORMALITY_CHECK("application-formality-check", ValueType.PERIOD, JurisdictionProfile::applicationFormalityCheck,
            "bureau checks a share application's formalities",
            Rule.platformDefault(workingDays(1), "only NT 21 sets one (1 working day)")),
    CONDITIONAL_SHARE_DECISION("conditional-share-decision", ValueType.PERIOD, JurisdictionProfile::conditionalShareDecision,
            "provider decides on a conditional share request",
            Rule.platformDefault(workingDays(10), "10 working days as in NT 22 and the national 政务信息资源共享管理暂行办法 (国发〔2016〕51号)")),
    CONDITIONAL_SHARE_SILENCE_IS_CONSENT("conditional-share-silence-is-consent", ValueType.BOOLEAN,
            JurisdictionProfile::conditionalShareSilenceIsConsent,
            "an unanswered conditional share request counts as granted when its deadline passes",
            Rule.platformDefault(false, "only SY 25 makes silence consent; elsewhere silence is a missed deadline to escalate")),
    CONDITIONAL_SHARE_IMPLEMENTATION("conditional-share-implementation", ValueType.PERIOD,
            JurisdictionProfile::conditionalShareImplementation,
            "provider puts a granted share in place, counted from its decision",
            Rule.platformDefault(workingDays(3), "only QY 24 sets one (3 working days after consenting)")),
    PLATFORM_GRANT_REVIEW("platform-grant-review", ValueType.PERIOD, JurisdictionProfile::platformGrantReview,
            "bureau reviews a request for data the platform grants directly",
            Rule.platformDefault(workingDays(2), "only NT 23 sets one (2 working days)")),
    UNCATALOGUED_DEMAND_ANSWER("uncatalogued-demand-answer", ValueType.PERIOD, JurisdictionProfile::uncataloguedDemandAnswer,
            "provider answers a demand for data not in the catalog",
            Rule.platformDefault(workingDays(10), "10 working days as in NT 25")),
    UNCATALOGUED_DEMAND_PUBLISH("uncatalogued-demand-publish", ValueType.PERIOD, JurisdictionProfile::uncataloguedDemandPublish,
            "provider publishes demanded data that is within its remit",
            Rule.platformDefault(months(1), "only NT 25 sets one (1 month)")),
    CONDITIONAL_OPEN_DECISION("conditional-open-decision", ValueType.PERIOD, JurisdictionProfile::conditionalOpenDecision,
            "department answers an application for conditional open data",
            Rule.platformDefault(workingDays(10), "10 working days as in QY 38")),
    CONDITIONAL_OPEN_APPLICANTS("conditional-open-applicants", ValueType.APPLICANT_KINDS,
            JurisdictionProfile::conditionalOpenApplicants,
            "who may apply for conditional open data",
            Rule.platformDefault(allApplicants(), "公民、法人和其他组织 as in NJ 27, SY 34 and QY 38; only QZ 6.4 narrows it")),
    RESEARCH_USE_NON_COMMERCIAL("research-use-non-commercial", ValueType.BOOLEAN, JurisdictionProfile::researchUseNonCommercial,
            "conditional open data for university or research-institute research is limited to non-commercial use",
            Rule.platformDefault(false, "the platform imposes no use restriction the regulation does not")),
    OBJECTION_MARK("objection-mark", ValueType.PERIOD, JurisdictionProfile::objectionMark,
            "platform marks objected data as disputed",
            Rule.platformDefault(workingDays(1), "1 working day as in NJ 35")),
    OBJECTION_TRANSFER("objection-transfer", ValueType.PERIOD, JurisdictionProfile::objectionTransfer,
            "platform transfers an objection outside its remit to the source department",
            Rule.platformDefault(workingDays(2), "2 working days as in NJ 35")),
    OBJECTION_PLATFORM_DECISION("objection-platform-decision", ValueType.PERIOD, JurisdictionProfile::objectionPlatformDecision,
            "platform decides on an objection within its own remit",
            Rule.platformDefault(workingDays(5), "5 working days as in NJ 35")),
    OBJECTION_SOURCE_DECISION("objection-source-decision", ValueType.PERIOD, JurisdictionProfile::objectionSourceDecision,
            "source department verifies reported problem data and decides whether to correct it, counted from receiving it",
            Rule.platformDefault(workingDays(5), "NJ 35, QZ 7.2 and QY 28 all allow 5 working days")),
    OBJECTION_FIX("objection-fix", ValueType.PERIOD, JurisdictionProfile::objectionFix,
            "source department corrects the data at source and republishes it, counted from its decision",
            Rule.platformDefault(workingDays(10), "only QZ 7.2 sets one (10 working days after deciding)")),
    DATA_SUBJECT_OBJECTION_VERIFY("data-subject-objection-verify", ValueType.PERIOD,
            JurisdictionProfile::dataSubjectObjectionVerify,
            "service desk verifies data a data subject disputes while being served",
            Rule.platformDefault(workingDays(5), "only QY 28 sets one (5 working days)")),
    UNUSED_GRANT_REVOCABLE_AFTER("unused-grant-revocable-after", ValueType.PERIOD,
            JurisdictionProfile::unusedGrantRevocableAfter,
            "a grant unused this long may be revoked by its provider",
            Rule.platformDefault(months(3), "only NT 26 sets one (3 months); it only lets a provider revoke, nothing is revoked automatically")),
    AUDIT_LOG_RETENTION("audit-log-retention", ValueType.PERIOD, JurisdictionProfile::auditLogRetention,
            "minimum time audit logs are kept",
            Rule.platformDefault(years(3), "only QZ 8.4 sets one (at least 3 years); above the six-month floor of 网络安全法 第二十一条")),
    CONDITIONAL_SHARE_DECIDER("conditional-share-decider", ValueType.oneOf(ShareDecider.class),
            JurisdictionProfile::conditionalShareDecider,
            "who decides a conditional share application and whose word is final",
            Rule.platformDefault(ShareDecider.PROVIDER, "the providing department decides, as in NT 22, SY 25 and QY 24")),
    NON_GOVERNMENT_SHARE_REQUESTS("non-government-share-requests", ValueType.BOOLEAN,
            JurisdictionProfile::nonGovernmentShareRequests,
            "units other than government departments may file share requests with the bureau",
            Rule.platformDefault(false, "only NJ 22 ¶3 opens sharing requests to other units")),
    CROSS_REGION_REQUEST_FILING("cross-region-request-filing", ValueType.BOOLEAN,
            JurisdictionProfile::crossRegionRequestFiling,
            "a request across levels or regions goes to the source department and is filed with both bureaus",
            Rule.platformDefault(false, "only QY 26 requires filing cross-level and cross-region requests")),
    SHARE_DISPUTE_FINAL_STEP("share-dispute-final-step", ValueType.oneOf(DisputeFinalStep.class),
            JurisdictionProfile::shareDisputeFinalStep,
            "the last step for a dispute over a share decision when the bureau's coordination fails",
            Rule.platformDefault(DisputeFinalStep.BUREAU_COORDINATION, "the bureau's coordination with both sides is final, as in NT 27")),
    INTERFACE_REQUEST_ANSWER("interface-request-answer", ValueType.PERIOD, JurisdictionProfile::interfaceRequestAnswer,
            "producing department provides a service interface the bureau or a consumer asked for",
            Rule.platformDefault(workingDays(10), "only QZ 2.3 sets one (10 working days)")),
    INTERFACE_REQUEST_EXTENSION("interface-request-extension", ValueType.PERIOD, JurisdictionProfile::interfaceRequestExtension,
            "longest extension of an interface request, granted once by the bureau on a written application",
            Rule.platformDefault(workingDays(5), "only QZ 2.3 sets one (at most 5 working days)")),
    CONDITIONAL_OPEN_ROUTE("conditional-open-route", ValueType.oneOf(OpenApplicationRoute.class),
            JurisdictionProfile::conditionalOpenRoute,
            "who receives, assesses and answers an application for conditional open data",
            Rule.platformDefault(OpenApplicationRoute.DEPARTMENT, "the department holding the data answers, as in NJ 27, SY 34 and QY 38")),
    COMMERCIAL_USE_BY_SELECTION("commercial-use-by-selection", ValueType.BOOLEAN, JurisdictionProfile::commercialUseBySelection,
            "commercial development of conditional open data is awarded by a competitive selection round, not first-come licences",
            Rule.platformDefault(false, "only NJ 27 and QZ 6.6 require competitive selection")),
    LICENCE_USAGE_REPORTS("licence-usage-reports", ValueType.BOOLEAN, JurisdictionProfile::licenceUsageReports,
            "licensees of conditional open data report their use on a schedule",
            Rule.platformDefault(false, "only QZ 6.7 requires licensees to report")),
    LICENCE_USAGE_REPORT_INTERVAL("licence-usage-report-interval", ValueType.PERIOD, JurisdictionProfile::licenceUsageReportInterval,
            "how often a licensee reports its use, counted from the licence",
            Rule.platformDefault(months(3), "QZ 6.7 says 定期 (periodically) without a period; the platform asks quarterly")),
    PRIORITY_OPEN_DOMAINS("priority-open-domains", ValueType.setOf(PriorityDomain.class, "priority domains"),
            JurisdictionProfile::priorityOpenDomains,
            "domains whose data is opened first, tagged on catalog entries and counted in open plans",
            Rule.platformDefault(shenyangPriorityDomains(), "SY 36's list; only SY 36 and QY 31 name priority domains")),
    ENTRY_FILING("entry-filing", ValueType.oneOf(EntryFiling.class), JurisdictionProfile::entryFiling,
            "which catalog entries are filed (备案) with the bureau with their legal basis",
            Rule.platformDefault(EntryFiling.NOT_SHARED, "not-shared entries are filed, as in NT 8 and QY 14")),
    WITHDRAWAL_CONTROL("withdrawal-control", ValueType.oneOf(WithdrawalControl.class), JurisdictionProfile::withdrawalControl,
            "what a department needs before it stops providing a published entry",
            Rule.platformDefault(WithdrawalControl.BUREAU_APPROVAL, "the bureau approves, as in NT 16")),
    RESTRICTED_DATA_REEVALUATION("restricted-data-reevaluation", ValueType.BOOLEAN,
            JurisdictionProfile::restrictedDataReevaluation,
            "conditional and not-shared or not-open entries come up for periodic re-evaluation as duties",
            Rule.platformDefault(false, "only SY 31 and SY 37 require periodic re-evaluation")),
    RESTRICTED_DATA_REEVALUATION_INTERVAL("restricted-data-reevaluation-interval", ValueType.PERIOD,
            JurisdictionProfile::restrictedDataReevaluationInterval,
            "how often a restricted entry is re-evaluated, counted from its publication or last evaluation",
            Rule.platformDefault(years(1), "SY 31 and SY 37 say 定期 (periodically) without a period; the platform asks yearly")),
    SECURITY_INCIDENT_NOTIFICATION("security-incident-notification", ValueType.PERIOD,
            JurisdictionProfile::securityIncidentNotification,
            "affected departments, users and the bureau are notified of a data security incident, counted from its report",
            Rule.platformDefault(calendarDays(1), "NJ 34 and SY 44 demand 立即/及时 (at once) without a period; the platform allows one day"));

    private final String key;
    private final ValueType type;
    private final Function<JurisdictionProfile, Rule<?>> accessor;
    private final String description;
    private final Rule<?> platformDefault;

    RuleKey(String key, ValueType type, Function<JurisdictionProfile, Rule<?>> accessor, String description,
            Rule<?> platformDefault) {
        this.key = key;
        this.type = type;
        this.accessor = accessor;
        this.description = description;
        this.platformDefault = platformDefault;
    }

    /** The override key, e.g. {@code conditional-share-decision}. */
    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    /** How to write an override value for this key. */
    public String valueFormat() {
        return type.format();
    }

    public Rule<?> platformDefault() {
        return platformDefault;
    }

    public Rule<?> of(JurisdictionProfile profile) {
        return accessor.apply(profile);
    }

    public static RuleKey fromKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst()
                .orElseThrow(() -> new PolicyOverrideException(key, "unknown jurisdiction policy key '" + key
                        + "'; known keys: " + Arrays.stream(values()).map(RuleKey::key).collect(Collectors.joining(", "))));
    }

    Object parse(String raw) {
        return type.parse(raw);
    }

    boolean accepts(Object value) {
        return type.accepts(value);
    }

    static Set<ApplicantKind> allApplicants() {
        return Collections.unmodifiableSet(EnumSet.allOf(ApplicantKind.class));
    }

    /** SY 36: 信用、交通、医疗、就业、社保、教育、环境、气象、市场监管. */
    static Set<PriorityDomain> shenyangPriorityDomains() {
        return Collections.unmodifiableSet(EnumSet.of(PriorityDomain.CREDIT, PriorityDomain.TRANSPORT, PriorityDomain.HEALTHCARE,
                PriorityDomain.EMPLOYMENT, PriorityDomain.SOCIAL_SECURITY, PriorityDomain.EDUCATION, PriorityDomain.ENVIRONMENT,
                PriorityDomain.WEATHER, PriorityDomain.MARKET_SUPERVISION));
    }

    /**
     * QY 31: 公共安全、公共卫生、城市治理、社会治理、民生保障; 自然资源、生态环境、交通出行; 行政许可、企业公共信用信息.
     */
    static Set<PriorityDomain> qingyuanPriorityDomains() {
        return Collections.unmodifiableSet(EnumSet.of(PriorityDomain.PUBLIC_SAFETY, PriorityDomain.PUBLIC_HEALTH,
                PriorityDomain.URBAN_GOVERNANCE, PriorityDomain.SOCIAL_GOVERNANCE, PriorityDomain.LIVELIHOOD,
                PriorityDomain.NATURAL_RESOURCES, PriorityDomain.ECOLOGY, PriorityDomain.TRANSPORT,
                PriorityDomain.ADMINISTRATIVE_LICENSING, PriorityDomain.ENTERPRISE_CREDIT));
    }

    static Set<ApplicantKind> applicants(ApplicantKind first, ApplicantKind... rest) {
        return Collections.unmodifiableSet(EnumSet.of(first, rest));
    }

    /** How a key's values are written in overrides and checked when a profile is built. */
    private record ValueType(String format, Function<String, Object> parser, Predicate<Object> accepts) {

        static final ValueType PERIOD = new ValueType(
                "<amount><unit>, unit wd (working days), d (calendar days), m (months) or y (years), e.g. 7wd",
                Period::parse, Period.class::isInstance);

        static final ValueType BOOLEAN = new ValueType("true or false", raw -> switch (raw.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("'" + raw + "' is not true or false");
        }, Boolean.class::isInstance);

        static final ValueType APPLICANT_KINDS = setOf(ApplicantKind.class, "applicant kinds");

        /** One of an enum's choices, written by its key. */
        static <E extends Enum<E> & PolicyChoice> ValueType oneOf(Class<E> type) {
            return new ValueType("one of: " + keys(type), raw -> choice(type, raw.strip()), type::isInstance);
        }

        /** A non-empty set of an enum's choices, comma-separated. */
        static <E extends Enum<E> & PolicyChoice> ValueType setOf(Class<E> type, String what) {
            return new ValueType("comma-separated " + what + ": " + keys(type), raw -> {
                Set<E> chosen = EnumSet.noneOf(type);
                for (String item : raw.split(",")) {
                    if (!item.isBlank()) {
                        chosen.add(choice(type, item.strip()));
                    }
                }
                if (chosen.isEmpty()) {
                    throw new IllegalArgumentException("name at least one of " + keys(type));
                }
                return Collections.unmodifiableSet(chosen);
            }, value -> value instanceof Set<?> set && !set.isEmpty() && set.stream().allMatch(type::isInstance));
        }

        private static <E extends Enum<E> & PolicyChoice> E choice(Class<E> type, String key) {
            return PolicyChoice.fromKey(type, key, "choice");
        }

        private static String keys(Class<? extends PolicyChoice> type) {
            return PolicyChoice.keys(type);
        }

        Object parse(String raw) {
            return parser.apply(raw);
        }

        boolean accepts(Object value) {
            return accepts.test(value);
        }
    }
}
