package cn.govdata.policy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static cn.govdata.policy.ApplicantKind.DOMESTIC_CONTROLLED_ENTERPRISE;
import static cn.govdata.policy.ApplicantKind.RESEARCH_INSTITUTE;
import static cn.govdata.policy.ApplicantKind.UNIVERSITY;
import static cn.govdata.policy.Period.calendarDays;
import static cn.govdata.policy.Period.months;
import static cn.govdata.policy.Period.workingDays;
import static cn.govdata.policy.Period.years;
import static cn.govdata.policy.Rule.platformDefault;
import static cn.govdata.policy.Rule.regulated;
import static cn.govdata.policy.RuleKey.*;

/**
 * The five built-in city profiles, read from the regulations in {@code shared/seeds}. Citations are
 * {@code <city> <article>}; QZ's regulation numbers its items by chapter, hence {@code QZ 6.4}.
 *
 * <p>QY article numbers 23–28 and 30–38 are counted from the text: the published page prints most
 * of them as a truncated "第二十條"/"第三十條". The count is anchored by the articles printed in
 * full (第二十九、三十九、四十九条) and by QY 27 and QY 35 referring to 第二十四至二十六条 and
 * 第三十三、三十四条.
 */
public final class JurisdictionProfiles {

    private static final List<JurisdictionProfile> ALL = List.of(nanjing(), nantong(), shenyang(), quanzhou(), qingyuan());

    private JurisdictionProfiles() {
    }

    public static List<JurisdictionProfile> all() {
        return ALL;
    }

    public static Optional<JurisdictionProfile> find(String id) {
        return ALL.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public static JurisdictionProfile get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("Unknown jurisdiction '" + id + "'; known: "
                + ALL.stream().map(JurisdictionProfile::id).collect(Collectors.joining(", "))));
    }

    /**
     * {@code profile} with single values replaced by a deployment, keyed as in {@link RuleKey}, e.g.
     * {@code conditional-share-decision=7wd}, {@code conditional-share-silence-is-consent=true},
     * {@code conditional-open-applicants=university,research-institute}. Replaced values record
     * {@link Source#OVERRIDE}.
     *
     * @throws PolicyOverrideException for an unknown key or a value that does not parse, naming the key
     */
    public static JurisdictionProfile withOverrides(JurisdictionProfile profile, Map<String, String> overrides) {
        Map<RuleKey, Rule<?>> rules = new EnumMap<>(profile.rules());
        for (Map.Entry<String, String> override : new TreeMap<>(overrides).entrySet()) {
            RuleKey key = RuleKey.fromKey(override.getKey());
            if (override.getValue() == null) {
                throw new PolicyOverrideException(key.key(), "policy key '" + key.key() + "' has no value; expected " + key.valueFormat());
            }
            Object value;
            try {
                value = key.parse(override.getValue());
            } catch (IllegalArgumentException e) {
                throw new PolicyOverrideException(key.key(), "policy key '" + key.key() + "': " + e.getMessage()
                        + "; expected " + key.valueFormat(), e);
            }
            rules.put(key, replace(rules.get(key), value, key.key()));
        }
        return JurisdictionProfile.of(profile.id(), profile.nameZh(), profile.nameEn(), profile.regulation(), rules);
    }

    // Safe: the value was parsed by the key's own type.
    @SuppressWarnings("unchecked")
    private static <T> Rule<T> replace(Rule<T> rule, Object value, String key) {
        return rule.overriddenBy((T) value, key);
    }

    private static JurisdictionProfile nanjing() {
        Map<RuleKey, Rule<?>> rules = new EnumMap<>(RuleKey.class);
        rules.put(CATALOG_UPDATE, regulated(workingDays(15), "NJ 18", "counted from the day the change occurs; the update is reported to the bureau"));
        rules.put(CATALOG_REVIEW, platformDefault(workingDays(5), "NJ 16: the bureau reviews catalogs but no limit is set; " + CATALOG_REVIEW.platformDefault().note()));
        rules.put(CONDITIONAL_SHARE_DECISION, regulated(workingDays(15), "NJ 22",
                "the Big Data Center and the providing unit give an opinion within 15 working days, confirmed by the bureau; "
                        + "the same 15 days apply to non-government applicants, confirmed by the city government"));
        rules.put(CONDITIONAL_SHARE_IMPLEMENTATION, platformDefault(workingDays(3), "NJ 22 says only 及时 (promptly); " + CONDITIONAL_SHARE_IMPLEMENTATION.platformDefault().note()));
        rules.put(CONDITIONAL_OPEN_DECISION, regulated(workingDays(15), "NJ 27"));
        rules.put(CONDITIONAL_OPEN_APPLICANTS, regulated(RuleKey.allApplicants(), "NJ 27", "公民、法人和其他组织"));
        rules.put(RESEARCH_USE_NON_COMMERCIAL, regulated(true, "NJ 27",
                "research by universities or research institutes only for 科研教育等公益性活动; commercial development is awarded by competitive selection"));
        rules.put(OBJECTION_MARK, regulated(workingDays(1), "NJ 35"));
        rules.put(OBJECTION_TRANSFER, regulated(workingDays(2), "NJ 35", "counted from receipt of the objection"));
        rules.put(OBJECTION_PLATFORM_DECISION, regulated(workingDays(5), "NJ 35", "counted from receipt of the objection"));
        rules.put(OBJECTION_SOURCE_DECISION, regulated(workingDays(5), "NJ 35", "counted from the department's receipt of the transferred objection"));
        rules.put(CONDITIONAL_SHARE_DECIDER, regulated(ShareDecider.PROVIDER_CONFIRMED_BY_BUREAU, "NJ 22",
                "市大数据中心会同提供数据的单位提出意见并报市政务数据行政主管部门确定后反馈"));
        rules.put(NON_GOVERNMENT_SHARE_REQUESTS, regulated(true, "NJ 22",
                "¶3: other units apply to the bureau with scenario and safeguards; the opinion is confirmed by the city government"));
        rules.put(COMMERCIAL_USE_BY_SELECTION, regulated(true, "NJ 27", "通过公开招标等竞争性方式确定授权开发利用对象"));
        rules.put(LICENCE_USAGE_REPORTS, platformDefault(false,
                "NJ 27 has the bureau follow use (定期跟踪了解开发利用情况) rather than licensees report; " + LICENCE_USAGE_REPORTS.platformDefault().note()));
        rules.put(CONDITIONAL_OPEN_ROUTE, regulated(OpenApplicationRoute.DEPARTMENT, "NJ 27"));
        rules.put(ENTRY_FILING, platformDefault(EntryFiling.NOT_SHARED,
                "NJ 21 requires a legal basis but no filing; " + ENTRY_FILING.platformDefault().note()));
        rules.put(SECURITY_INCIDENT_NOTIFICATION, platformDefault(calendarDays(1),
                "NJ 34: 立即采取补救措施，按照规定及时告知用户并向有关主管部门报告, no period set; the platform allows one day"));
        return JurisdictionProfile.of("nanjing", "南京市", "Nanjing",
                "南京市政务数据管理暂行办法（南京市人民政府令第329号）", rules);
    }

    private static JurisdictionProfile nantong() {
        Map<RuleKey, Rule<?>> rules = new EnumMap<>(RuleKey.class);
        rules.put(CATALOG_UPDATE, regulated(workingDays(15), "NT 11", "counted from the day the changed law or function is published"));
        rules.put(CATALOG_REVIEW, platformDefault(workingDays(5), "NT 10: the bureau reviews catalogs but no limit is set; " + CATALOG_REVIEW.platformDefault().note()));
        rules.put(APPLICATION_FORMALITY_CHECK, regulated(workingDays(1), "NT 21"));
        rules.put(CONDITIONAL_SHARE_DECISION, regulated(workingDays(10), "NT 22"));
        rules.put(PLATFORM_GRANT_REVIEW, regulated(workingDays(2), "NT 23"));
        rules.put(UNCATALOGUED_DEMAND_ANSWER, regulated(workingDays(10), "NT 25",
                "feedback when the data cannot be published for objective reasons, also filed with the bureau; "
                        + "demands outside the provider's remit are answered 及时 (promptly)"));
        rules.put(UNCATALOGUED_DEMAND_PUBLISH, regulated(months(1), "NT 25"));
        rules.put(OBJECTION_SOURCE_DECISION, platformDefault(workingDays(5), "NT 29 says only 及时 (promptly); " + OBJECTION_SOURCE_DECISION.platformDefault().note()));
        rules.put(UNUSED_GRANT_REVOCABLE_AFTER, regulated(months(3), "NT 26", "more than three months unused, except seasonal use; the provider may revoke"));
        String sharingOnly = "NT regulates sharing between departments only, not open data; ";
        rules.put(CONDITIONAL_OPEN_DECISION, platformDefault(workingDays(10), sharingOnly + CONDITIONAL_OPEN_DECISION.platformDefault().note()));
        rules.put(CONDITIONAL_OPEN_APPLICANTS, platformDefault(RuleKey.allApplicants(), sharingOnly + CONDITIONAL_OPEN_APPLICANTS.platformDefault().note()));
        rules.put(CONDITIONAL_SHARE_DECIDER, regulated(ShareDecider.PROVIDER, "NT 22"));
        rules.put(SHARE_DISPUTE_FINAL_STEP, regulated(DisputeFinalStep.BUREAU_COORDINATION, "NT 27",
                "提供部门、使用部门、市大数据管理局协商解决"));
        rules.put(ENTRY_FILING, regulated(EntryFiling.NOT_SHARED, "NT 8"));
        rules.put(WITHDRAWAL_CONTROL, regulated(WithdrawalControl.BUREAU_APPROVAL, "NT 16",
                "提前告知数据订阅使用部门和市大数据管理局，经审核同意后方可撤销发布"));
        return JurisdictionProfile.of("nantong", "南通市", "Nantong",
                "南通市政务信息资源共享实施细则（通政办发〔2020〕12号）", rules);
    }

    private static JurisdictionProfile shenyang() {
        Map<RuleKey, Rule<?>> rules = new EnumMap<>(RuleKey.class);
        rules.put(CATALOG_UPDATE, platformDefault(workingDays(15), "SY 19 asks for an update mechanism but sets no limit; " + CATALOG_UPDATE.platformDefault().note()));
        rules.put(CONDITIONAL_SHARE_DECISION, regulated(workingDays(5), "SY 25"));
        rules.put(CONDITIONAL_SHARE_SILENCE_IS_CONSENT, regulated(true, "SY 25", "逾期未答复的，视为同意共享"));
        rules.put(CONDITIONAL_OPEN_DECISION, regulated(calendarDays(10), "SY 34",
                "收到申请之日起10日内: plain days, holidays included, unlike the 工作日 elsewhere"));
        rules.put(CONDITIONAL_OPEN_APPLICANTS, regulated(RuleKey.allApplicants(), "SY 34", "公民、法人和其他组织"));
        rules.put(CONDITIONAL_SHARE_DECIDER, regulated(ShareDecider.PROVIDER, "SY 25"));
        rules.put(SHARE_DISPUTE_FINAL_STEP, regulated(DisputeFinalStep.MUNICIPAL_GOVERNMENT, "SY 28",
                "市大数据行政主管部门协调处理；协调处理不成的报市政府决定"));
        rules.put(CONDITIONAL_OPEN_ROUTE, regulated(OpenApplicationRoute.DEPARTMENT, "SY 34"));
        rules.put(PRIORITY_OPEN_DOMAINS, regulated(RuleKey.shenyangPriorityDomains(), "SY 36"));
        rules.put(ENTRY_FILING, regulated(EntryFiling.CONDITIONAL_AND_NOT_SHARED, "SY 23",
                "有条件共享和不予共享的，提供法律、法规、规章依据并向大数据管理行政主管部门备案"));
        rules.put(WITHDRAWAL_CONTROL, regulated(WithdrawalControl.PRIOR_FILING, "SY 27",
                "停止提供已发布的共享数据资源时，说明正当理由并提前报大数据行政主管部门备案"));
        rules.put(RESTRICTED_DATA_REEVALUATION, regulated(true, "SY 31",
                "SY 31 for not-shared and conditional sharing, SY 37 for restricted open data: 定期进行评估"));
        rules.put(SECURITY_INCIDENT_NOTIFICATION, platformDefault(calendarDays(1),
                "SY 44: 立即启动应急预案，及时告知可能受到影响的用户并按照规定报告, no period set; the platform allows one day"));
        return JurisdictionProfile.of("shenyang", "沈阳市", "Shenyang",
                "沈阳市政务数据资源共享开放条例（征求意见稿，沈阳市大数据管理局2019年7月11日公布）", rules);
    }

    private static JurisdictionProfile quanzhou() {
        Map<RuleKey, Rule<?>> rules = new EnumMap<>(RuleKey.class);
        rules.put(CATALOG_UPDATE, platformDefault(workingDays(15), "QZ 4.2 says only 及时 (promptly); " + CATALOG_UPDATE.platformDefault().note()));
        rules.put(CONDITIONAL_SHARE_DECISION, platformDefault(workingDays(10),
                "QZ 5.4: the bureau decides after consulting (会商) the producing unit, no limit set; " + CONDITIONAL_SHARE_DECISION.platformDefault().note()));
        rules.put(CONDITIONAL_OPEN_DECISION, platformDefault(workingDays(10),
                "QZ 6.5: the technical service unit assesses and the bureau confirms, no limit set; " + CONDITIONAL_OPEN_DECISION.platformDefault().note()));
        rules.put(CONDITIONAL_OPEN_APPLICANTS, regulated(RuleKey.applicants(DOMESTIC_CONTROLLED_ENTERPRISE, UNIVERSITY, RESEARCH_INSTITUTE),
                "QZ 6.4", "授权开放类 only to 内资控股法人企业、高校或者科研院所"));
        rules.put(RESEARCH_USE_NON_COMMERCIAL, regulated(true, "QZ 6.4", "高校或者科研院所 only for 科研教育等公益性活动, never commercial"));
        rules.put(OBJECTION_SOURCE_DECISION, regulated(workingDays(5), "QZ 7.2", "problem data reported by consumer departments, dispatched to the producing unit"));
        rules.put(OBJECTION_FIX, regulated(workingDays(10), "QZ 7.2", "counted from the decision to correct; corrected at source and re-aggregated"));
        rules.put(AUDIT_LOG_RETENTION, regulated(years(3), "QZ 8.4", "不少于3年: a minimum"));
        rules.put(CONDITIONAL_SHARE_DECIDER, regulated(ShareDecider.BUREAU_AFTER_CONSULTING_PROVIDER, "QZ 5.4",
                "QZ 2.2: 数据管理机构审查共享申请，作出是否共享的决定; QZ 5.4: 经数据管理机构会同数据生产单位会商同意后进行共享"));
        rules.put(INTERFACE_REQUEST_ANSWER, regulated(workingDays(10), "QZ 2.3", "more interfaces the bureau asks the producing unit for"));
        rules.put(INTERFACE_REQUEST_EXTENSION, regulated(workingDays(5), "QZ 2.3", "once, on a written application the bureau approves"));
        rules.put(CONDITIONAL_OPEN_ROUTE, regulated(OpenApplicationRoute.BUREAU_WITH_TECHNICAL_ASSESSMENT, "QZ 6.5",
                "QZ 6.4: 向数据管理机构申请; QZ 6.5: 技术服务单位评估，数据管理机构确认后授权"));
        rules.put(COMMERCIAL_USE_BY_SELECTION, regulated(true, "QZ 6.6", "授权企业应当通过公开招标等竞争性方式确定合作开发对象"));
        rules.put(LICENCE_USAGE_REPORTS, regulated(true, "QZ 6.7", "定期向授权数据管理机构报告开发利用情况"));
        return JurisdictionProfile.of("quanzhou", "泉州市", "Quanzhou",
                "泉州市政务数据管理规定（泉州市数字泉州建设办公室，2021年7月2日）", rules);
    }

    private static JurisdictionProfile qingyuan() {
        Map<RuleKey, Rule<?>> rules = new EnumMap<>(RuleKey.class);
        rules.put(CATALOG_UPDATE, regulated(workingDays(15), "QY 12"));
        rules.put(CATALOG_REVIEW, regulated(workingDays(5), "QY 12"));
        rules.put(CONDITIONAL_SHARE_DECISION, regulated(workingDays(2), "QY 24", "refusal needs a legal basis"));
        rules.put(CONDITIONAL_SHARE_IMPLEMENTATION, regulated(workingDays(3), "QY 24", "counted from the day of consenting"));
        rules.put(UNCATALOGUED_DEMAND_ANSWER, regulated(workingDays(5), "QY 24", "source confirms, then catalogs and shares data that meets the conditions"));
        rules.put(CONDITIONAL_OPEN_DECISION, regulated(workingDays(10), "QY 38", "with a signed data-use agreement"));
        rules.put(CONDITIONAL_OPEN_APPLICANTS, regulated(RuleKey.allApplicants(), "QY 38", "自然人、法人和非法人组织"));
        rules.put(RESEARCH_USE_NON_COMMERCIAL, platformDefault(false,
                "QY 27 limits universities and research institutes to 公益性 use only for data obtained through sharing, not open data; "
                        + RESEARCH_USE_NON_COMMERCIAL.platformDefault().note()));
        rules.put(OBJECTION_SOURCE_DECISION, regulated(workingDays(5), "QY 28", "problem data reported by a consumer"));
        rules.put(DATA_SUBJECT_OBJECTION_VERIFY, regulated(workingDays(5), "QY 28", "the service proceeds meanwhile on valid proof"));
        rules.put(CONDITIONAL_SHARE_DECIDER, regulated(ShareDecider.PROVIDER, "QY 24"));
        rules.put(CROSS_REGION_REQUEST_FILING, regulated(true, "QY 26",
                "直接向数源部门提出共享请求，并同时向上一级和同级公共数据主管部门备案"));
        rules.put(SHARE_DISPUTE_FINAL_STEP, regulated(DisputeFinalStep.JOINT_CONSULTATION_THEN_GOVERNMENT, "QY 48",
                "自行协商；主管部门协调；会同机构编制管理部门联合会商；仍不能解决的报请本级党委或者人民政府决定"));
        rules.put(CONDITIONAL_OPEN_ROUTE, regulated(OpenApplicationRoute.DEPARTMENT, "QY 38"));
        rules.put(PRIORITY_OPEN_DOMAINS, regulated(RuleKey.qingyuanPriorityDomains(), "QY 31"));
        rules.put(ENTRY_FILING, regulated(EntryFiling.NOT_SHARED, "QY 14"));
        return JurisdictionProfile.of("qingyuan", "清远市", "Qingyuan",
                "清远市公共数据管理办法（清府函〔2024〕381号，2024年11月1日起施行，有效期3年）", rules);
    }
}
