package cn.govdata.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JurisdictionProfilesTest {

    @Test
    void thereIsOneProfilePerSeedRegulationInSeedOrder() {
        assertThat(JurisdictionProfiles.all()).extracting(JurisdictionProfile::id)
                .containsExactly("nanjing", "nantong", "shenyang", "quanzhou", "qingyuan");
        assertThat(JurisdictionProfiles.get("shenyang").nameZh()).isEqualTo("沈阳市");
        assertThat(JurisdictionProfiles.get("shenyang").nameEn()).isEqualTo("Shenyang");
    }

    @Test
    void anUnknownJurisdictionIsNamedInTheError() {
        assertThatThrownBy(() -> JurisdictionProfiles.get("beijing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beijing").hasMessageContaining("nanjing, nantong");
        assertThat(JurisdictionProfiles.find("beijing")).isEmpty();
    }

    // Every value a regulation sets, checked against the article in shared/seeds.
    @ParameterizedTest(name = "{0} {1} = {2} ({3})")
    @CsvSource(delimiter = '|', textBlock = """
            nanjing  | catalog-update                       | 15wd  | NJ 18
            nanjing  | conditional-share-decision           | 15wd  | NJ 22
            nanjing  | conditional-open-decision            | 15wd  | NJ 27
            nanjing  | conditional-open-applicants          | natural-person,domestic-controlled-enterprise,foreign-controlled-enterprise,university,research-institute,other-legal-person,unincorporated-organization | NJ 27
            nanjing  | research-use-non-commercial          | true  | NJ 27
            nanjing  | objection-mark                       | 1wd   | NJ 35
            nanjing  | objection-transfer                   | 2wd   | NJ 35
            nanjing  | objection-platform-decision          | 5wd   | NJ 35
            nanjing  | objection-source-decision            | 5wd   | NJ 35
            nantong  | catalog-update                       | 15wd  | NT 11
            nantong  | application-formality-check          | 1wd   | NT 21
            nantong  | conditional-share-decision           | 10wd  | NT 22
            nantong  | platform-grant-review                | 2wd   | NT 23
            nantong  | uncatalogued-demand-answer           | 10wd  | NT 25
            nantong  | uncatalogued-demand-publish          | 1m    | NT 25
            nantong  | unused-grant-revocable-after         | 3m    | NT 26
            shenyang | conditional-share-decision           | 5wd   | SY 25
            shenyang | conditional-share-silence-is-consent | true  | SY 25
            shenyang | conditional-open-decision            | 10d   | SY 34
            shenyang | conditional-open-applicants          | natural-person,domestic-controlled-enterprise,foreign-controlled-enterprise,university,research-institute,other-legal-person,unincorporated-organization | SY 34
            quanzhou | conditional-open-applicants          | domestic-controlled-enterprise,university,research-institute | QZ 6.4
            quanzhou | research-use-non-commercial          | true  | QZ 6.4
            quanzhou | objection-source-decision            | 5wd   | QZ 7.2
            quanzhou | objection-fix                        | 10wd  | QZ 7.2
            quanzhou | audit-log-retention                  | 3y    | QZ 8.4
            qingyuan | catalog-update                       | 15wd  | QY 12
            qingyuan | catalog-review                       | 5wd   | QY 12
            qingyuan | conditional-share-decision           | 2wd   | QY 24
            qingyuan | conditional-share-implementation     | 3wd   | QY 24
            qingyuan | uncatalogued-demand-answer           | 5wd   | QY 24
            qingyuan | conditional-open-decision            | 10wd  | QY 38
            qingyuan | conditional-open-applicants          | natural-person,domestic-controlled-enterprise,foreign-controlled-enterprise,university,research-institute,other-legal-person,unincorporated-organization | QY 38
            qingyuan | objection-source-decision            | 5wd   | QY 28
            qingyuan | data-subject-objection-verify        | 5wd   | QY 28
            nanjing  | conditional-share-decider            | provider-confirmed-by-bureau | NJ 22
            nanjing  | non-government-share-requests        | true  | NJ 22
            nanjing  | conditional-open-route               | department | NJ 27
            nanjing  | commercial-use-by-selection          | true  | NJ 27
            nantong  | conditional-share-decider            | provider | NT 22
            nantong  | share-dispute-final-step             | bureau-coordination | NT 27
            nantong  | entry-filing                         | not-shared | NT 8
            nantong  | withdrawal-control                   | bureau-approval | NT 16
            shenyang | conditional-share-decider            | provider | SY 25
            shenyang | share-dispute-final-step             | municipal-government | SY 28
            shenyang | conditional-open-route               | department | SY 34
            shenyang | priority-open-domains                | credit,transport,healthcare,employment,social-security,education,environment,weather,market-supervision | SY 36
            shenyang | entry-filing                         | conditional-and-not-shared | SY 23
            shenyang | withdrawal-control                   | prior-filing | SY 27
            shenyang | restricted-data-reevaluation         | true  | SY 31
            quanzhou | conditional-share-decider            | bureau-after-consulting-provider | QZ 5.4
            quanzhou | interface-request-answer             | 10wd  | QZ 2.3
            quanzhou | interface-request-extension          | 5wd   | QZ 2.3
            quanzhou | conditional-open-route               | bureau-with-technical-assessment | QZ 6.5
            quanzhou | commercial-use-by-selection          | true  | QZ 6.6
            quanzhou | licence-usage-reports                | true  | QZ 6.7
            qingyuan | conditional-share-decider            | provider | QY 24
            qingyuan | cross-region-request-filing          | true  | QY 26
            qingyuan | share-dispute-final-step             | joint-consultation-then-government | QY 48
            qingyuan | conditional-open-route               | department | QY 38
            qingyuan | priority-open-domains                | transport,public-safety,public-health,urban-governance,social-governance,livelihood,natural-resources,ecology,administrative-licensing,enterprise-credit | QY 31
            qingyuan | entry-filing                         | not-shared | QY 14
            """)
    void eachRegulatedValueIsTheOneItsArticleStates(String id, String key, String value, String citation) {
        Rule<?> rule = JurisdictionProfiles.get(id).rule(RuleKey.fromKey(key));

        assertThat(Rule.display(rule.value())).isEqualTo(value);
        assertThat(rule.source()).isEqualTo(Source.REGULATION);
        assertThat(rule.citation()).isEqualTo(citation);
        assertThat(rule.regulatedValue().orElseThrow()).isEqualTo(rule.value());
    }

    // With the table above: a profile regulates exactly the values listed there, nothing more.
    @ParameterizedTest(name = "{0} regulates {1} values")
    @CsvSource({"nanjing, 13", "nantong, 11", "shenyang, 11", "quanzhou, 11", "qingyuan, 15"})
    void everyOtherValueIsAMarkedPlatformDefault(String id, int regulated) {
        Map<RuleKey, Rule<?>> rules = JurisdictionProfiles.get(id).rules();

        assertThat(rules.values().stream().filter(Rule::isRegulated)).hasSize(regulated);
        assertThat(rules.values().stream().filter(r -> !r.isRegulated())).allSatisfy(rule -> {
            assertThat(rule.source()).isEqualTo(Source.PLATFORM_DEFAULT);
            assertThat(rule.citation()).isNull();
            assertThat(rule.regulatedValue()).isEmpty();
            assertThat(rule.note()).isNotBlank();
        });
    }

    @Test
    void everyCitationPointsAtTheProfilesOwnRegulation() {
        Map<String, String> codes = Map.of("nanjing", "NJ", "nantong", "NT", "shenyang", "SY", "quanzhou", "QZ", "qingyuan", "QY");
        for (JurisdictionProfile profile : JurisdictionProfiles.all()) {
            assertThat(profile.rules().values().stream().filter(Rule::isRegulated))
                    .allSatisfy(rule -> assertThat(rule.citation()).matches(codes.get(profile.id()) + " \\d+(\\.\\d+)?"));
        }
    }

    @Test
    void aRegulationThatOnlySaysPromptlyLeavesTheValueUnregulatedButSaysSoInTheNote() {
        Rule<Period> catalogUpdate = JurisdictionProfiles.get("quanzhou").catalogUpdate();

        assertThat(catalogUpdate.regulatedValue()).isEmpty();
        assertThat(catalogUpdate.value()).isEqualTo(Period.workingDays(15));
        assertThat(catalogUpdate.note()).contains("QZ 4.2").contains("及时");
    }

    @Test
    void onlyShenyangTreatsSilenceAsConsent() {
        assertThat(JurisdictionProfiles.all())
                .filteredOn(p -> p.conditionalShareSilenceIsConsent().value())
                .extracting(JurisdictionProfile::id).containsExactly("shenyang");
    }

    @Test
    void onlyQuanzhouNarrowsWhoMayApplyForConditionalOpenData() {
        assertThat(JurisdictionProfiles.get("quanzhou").conditionalOpenApplicants().value())
                .containsExactlyInAnyOrder(ApplicantKind.DOMESTIC_CONTROLLED_ENTERPRISE, ApplicantKind.UNIVERSITY,
                        ApplicantKind.RESEARCH_INSTITUTE);
        assertThat(JurisdictionProfiles.get("nanjing").conditionalOpenApplicants().value())
                .contains(ApplicantKind.NATURAL_PERSON, ApplicantKind.FOREIGN_CONTROLLED_ENTERPRISE);
    }

    @Test
    void shenyangsConditionalOpenPeriodIsInCalendarDaysUnlikeTheOthers() {
        assertThat(JurisdictionProfiles.all())
                .filteredOn(p -> p.conditionalOpenDecision().value().unit() == PeriodUnit.CALENDAR_DAYS)
                .extracting(JurisdictionProfile::id).containsExactly("shenyang");
    }

    @Test
    void quanzhouLetsTheBureauDecideConditionalSharingAfterConsultingTheProvider() {
        // QZ 2.2 / 5.4: 数据管理机构 … 作出是否共享的决定; 会同数据生产单位会商同意后进行共享.
        assertThat(JurisdictionProfiles.all())
                .filteredOn(p -> p.conditionalShareDecider().value() == ShareDecider.BUREAU_AFTER_CONSULTING_PROVIDER)
                .extracting(JurisdictionProfile::id).containsExactly("quanzhou");
        assertThat(JurisdictionProfiles.get("nanjing").conditionalShareDecider().value())
                .isEqualTo(ShareDecider.PROVIDER_CONFIRMED_BY_BUREAU);
    }

    @Test
    void onlyShenyangFilesConditionalEntriesAndFilesRatherThanApprovesWithdrawals() {
        // SY 23 files conditional entries too; SY 27 asks for prior filing (备案), not approval.
        assertThat(JurisdictionProfiles.all())
                .filteredOn(p -> p.entryFiling().value() == EntryFiling.CONDITIONAL_AND_NOT_SHARED)
                .extracting(JurisdictionProfile::id).containsExactly("shenyang");
        assertThat(JurisdictionProfiles.all())
                .filteredOn(p -> p.withdrawalControl().value() == WithdrawalControl.PRIOR_FILING)
                .extracting(JurisdictionProfile::id).containsExactly("shenyang");
    }

    @Test
    void aPeriodTheRegulationLeavesOpenIsAPlatformDefaultThatCitesTheArticleInItsNote() {
        // SY 44 and NJ 34 say 立即/及时; QZ 6.7 says 定期: the platform's value is never passed off as law.
        assertThat(JurisdictionProfiles.get("shenyang").securityIncidentNotification().isRegulated()).isFalse();
        assertThat(JurisdictionProfiles.get("shenyang").securityIncidentNotification().note()).contains("SY 44");
        assertThat(JurisdictionProfiles.get("nanjing").securityIncidentNotification().note()).contains("NJ 34");
        assertThat(JurisdictionProfiles.get("quanzhou").licenceUsageReportInterval().isRegulated()).isFalse();
        assertThat(JurisdictionProfiles.get("quanzhou").licenceUsageReportInterval().note()).contains("QZ 6.7");
    }
}
