package cn.govdata.policy;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

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
            Rule.platformDefault(years(3), "only QZ 8.4 sets one (at least 3 years); above the six-month floor of 网络安全法 第二十一条"));

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
        return type.format;
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

    static Set<ApplicantKind> applicants(ApplicantKind first, ApplicantKind... rest) {
        return Collections.unmodifiableSet(EnumSet.of(first, rest));
    }

    private enum ValueType {
        PERIOD("<amount><unit>, unit wd (working days), d (calendar days), m (months) or y (years), e.g. 7wd") {
            @Override
            Object parse(String raw) {
                return Period.parse(raw);
            }

            @Override
            boolean accepts(Object value) {
                return value instanceof Period;
            }
        },
        BOOLEAN("true or false") {
            @Override
            Object parse(String raw) {
                return switch (raw.strip()) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new IllegalArgumentException("'" + raw + "' is not true or false");
                };
            }

            @Override
            boolean accepts(Object value) {
                return value instanceof Boolean;
            }
        },
        APPLICANT_KINDS("comma-separated applicant kinds: " + Arrays.stream(ApplicantKind.values())
                .map(ApplicantKind::key).collect(Collectors.joining(", "))) {
            @Override
            Object parse(String raw) {
                Set<ApplicantKind> kinds = EnumSet.noneOf(ApplicantKind.class);
                for (String item : raw.split(",")) {
                    if (!item.isBlank()) {
                        kinds.add(ApplicantKind.fromKey(item.strip()));
                    }
                }
                if (kinds.isEmpty()) {
                    throw new IllegalArgumentException("name at least one applicant kind");
                }
                return Collections.unmodifiableSet(kinds);
            }

            @Override
            boolean accepts(Object value) {
                return value instanceof Set<?> set && !set.isEmpty() && set.stream().allMatch(ApplicantKind.class::isInstance);
            }
        };

        private final String format;

        ValueType(String format) {
            this.format = format;
        }

        abstract Object parse(String raw);

        abstract boolean accepts(Object value);
    }
}
