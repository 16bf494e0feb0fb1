package cn.govdata.policy;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every deadline and switch one city's regulation sets for the platform. Each value is a
 * {@link Rule} that says whether it is the regulation's (with the article), a platform default (the
 * regulation is silent) or a deployment override. Keys and defaults are listed in {@link RuleKey}.
 *
 * @param regulation the regulation the citations refer to, with its document number
 */
public record JurisdictionProfile(
        String id,
        String nameZh,
        String nameEn,
        String regulation,
        Rule<Period> catalogUpdate,
        Rule<Period> catalogReview,
        Rule<Period> applicationFormalityCheck,
        Rule<Period> conditionalShareDecision,
        Rule<Boolean> conditionalShareSilenceIsConsent,
        Rule<Period> conditionalShareImplementation,
        Rule<Period> platformGrantReview,
        Rule<Period> uncataloguedDemandAnswer,
        Rule<Period> uncataloguedDemandPublish,
        Rule<Period> conditionalOpenDecision,
        Rule<Set<ApplicantKind>> conditionalOpenApplicants,
        Rule<Boolean> researchUseNonCommercial,
        Rule<Period> objectionMark,
        Rule<Period> objectionTransfer,
        Rule<Period> objectionPlatformDecision,
        Rule<Period> objectionSourceDecision,
        Rule<Period> objectionFix,
        Rule<Period> dataSubjectObjectionVerify,
        Rule<Period> unusedGrantRevocableAfter,
        Rule<Period> auditLogRetention,
        Rule<ShareDecider> conditionalShareDecider,
        Rule<Boolean> nonGovernmentShareRequests,
        Rule<Boolean> crossRegionRequestFiling,
        Rule<DisputeFinalStep> shareDisputeFinalStep,
        Rule<Period> interfaceRequestAnswer,
        Rule<Period> interfaceRequestExtension,
        Rule<OpenApplicationRoute> conditionalOpenRoute,
        Rule<Boolean> commercialUseBySelection,
        Rule<Boolean> licenceUsageReports,
        Rule<Period> licenceUsageReportInterval,
        Rule<Set<PriorityDomain>> priorityOpenDomains,
        Rule<EntryFiling> entryFiling,
        Rule<WithdrawalControl> withdrawalControl,
        Rule<Boolean> restrictedDataReevaluation,
        Rule<Period> restrictedDataReevaluationInterval,
        Rule<Period> securityIncidentNotification) {

    public JurisdictionProfile {
        if (id == null || !id.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("Profile id must be lower-case kebab, e.g. nanjing, but was " + id);
        }
        if (nameZh == null || nameEn == null || regulation == null) {
            throw new IllegalArgumentException("Profile " + id + " needs Chinese and English names and its regulation");
        }
        for (Object rule : new Object[] {catalogUpdate, catalogReview, applicationFormalityCheck, conditionalShareDecision,
                conditionalShareSilenceIsConsent, conditionalShareImplementation, platformGrantReview,
                uncataloguedDemandAnswer, uncataloguedDemandPublish, conditionalOpenDecision, conditionalOpenApplicants,
                researchUseNonCommercial, objectionMark, objectionTransfer, objectionPlatformDecision,
                objectionSourceDecision, objectionFix, dataSubjectObjectionVerify, unusedGrantRevocableAfter,
                auditLogRetention, conditionalShareDecider, nonGovernmentShareRequests, crossRegionRequestFiling,
                shareDisputeFinalStep, interfaceRequestAnswer, interfaceRequestExtension, conditionalOpenRoute,
                commercialUseBySelection, licenceUsageReports, licenceUsageReportInterval, priorityOpenDomains, entryFiling,
                withdrawalControl, restrictedDataReevaluation, restrictedDataReevaluationInterval, securityIncidentNotification}) {
            if (rule == null) {
                throw new IllegalArgumentException("Profile " + id + " is missing a rule");
            }
        }
    }

    public Rule<?> rule(RuleKey key) {
        return key.of(this);
    }

    /** All rules by key, in {@link RuleKey} order. */
    public Map<RuleKey, Rule<?>> rules() {
        Map<RuleKey, Rule<?>> rules = new LinkedHashMap<>();
        for (RuleKey key : RuleKey.values()) {
            rules.put(key, key.of(this));
        }
        return Collections.unmodifiableMap(rules);
    }

    /** Builds a profile from the rules a regulation sets; every other key gets its platform default. */
    static JurisdictionProfile of(String id, String nameZh, String nameEn, String regulation, Map<RuleKey, Rule<?>> rules) {
        Map<RuleKey, Rule<?>> all = new EnumMap<>(RuleKey.class);
        for (RuleKey key : RuleKey.values()) {
            Rule<?> rule = rules.getOrDefault(key, key.platformDefault());
            if (!key.accepts(rule.value())) {
                throw new IllegalArgumentException("Profile " + id + ": " + key.key() + " cannot be " + rule.value());
            }
            all.put(key, rule);
        }
        return new JurisdictionProfile(id, nameZh, nameEn, regulation,
                cast(all.get(RuleKey.CATALOG_UPDATE)),
                cast(all.get(RuleKey.CATALOG_REVIEW)),
                cast(all.get(RuleKey.APPLICATION_FORMALITY_CHECK)),
                cast(all.get(RuleKey.CONDITIONAL_SHARE_DECISION)),
                cast(all.get(RuleKey.CONDITIONAL_SHARE_SILENCE_IS_CONSENT)),
                cast(all.get(RuleKey.CONDITIONAL_SHARE_IMPLEMENTATION)),
                cast(all.get(RuleKey.PLATFORM_GRANT_REVIEW)),
                cast(all.get(RuleKey.UNCATALOGUED_DEMAND_ANSWER)),
                cast(all.get(RuleKey.UNCATALOGUED_DEMAND_PUBLISH)),
                cast(all.get(RuleKey.CONDITIONAL_OPEN_DECISION)),
                cast(all.get(RuleKey.CONDITIONAL_OPEN_APPLICANTS)),
                cast(all.get(RuleKey.RESEARCH_USE_NON_COMMERCIAL)),
                cast(all.get(RuleKey.OBJECTION_MARK)),
                cast(all.get(RuleKey.OBJECTION_TRANSFER)),
                cast(all.get(RuleKey.OBJECTION_PLATFORM_DECISION)),
                cast(all.get(RuleKey.OBJECTION_SOURCE_DECISION)),
                cast(all.get(RuleKey.OBJECTION_FIX)),
                cast(all.get(RuleKey.DATA_SUBJECT_OBJECTION_VERIFY)),
                cast(all.get(RuleKey.UNUSED_GRANT_REVOCABLE_AFTER)),
                cast(all.get(RuleKey.AUDIT_LOG_RETENTION)),
                cast(all.get(RuleKey.CONDITIONAL_SHARE_DECIDER)),
                cast(all.get(RuleKey.NON_GOVERNMENT_SHARE_REQUESTS)),
                cast(all.get(RuleKey.CROSS_REGION_REQUEST_FILING)),
                cast(all.get(RuleKey.SHARE_DISPUTE_FINAL_STEP)),
                cast(all.get(RuleKey.INTERFACE_REQUEST_ANSWER)),
                cast(all.get(RuleKey.INTERFACE_REQUEST_EXTENSION)),
                cast(all.get(RuleKey.CONDITIONAL_OPEN_ROUTE)),
                cast(all.get(RuleKey.COMMERCIAL_USE_BY_SELECTION)),
                cast(all.get(RuleKey.LICENCE_USAGE_REPORTS)),
                cast(all.get(RuleKey.LICENCE_USAGE_REPORT_INTERVAL)),
                cast(all.get(RuleKey.PRIORITY_OPEN_DOMAINS)),
                cast(all.get(RuleKey.ENTRY_FILING)),
                cast(all.get(RuleKey.WITHDRAWAL_CONTROL)),
                cast(all.get(RuleKey.RESTRICTED_DATA_REEVALUATION)),
                cast(all.get(RuleKey.RESTRICTED_DATA_REEVALUATION_INTERVAL)),
                cast(all.get(RuleKey.SECURITY_INCIDENT_NOTIFICATION)));
    }

    // Safe: of() checked each value against its key's type before the cast.
    @SuppressWarnings("unchecked")
    private static <T> Rule<T> cast(Rule<?> rule) {
        return (Rule<T>) rule;
    }
}
