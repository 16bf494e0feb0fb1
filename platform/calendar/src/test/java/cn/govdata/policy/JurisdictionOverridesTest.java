package cn.govdata.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JurisdictionOverridesTest {

    private final JurisdictionProfile shenyang = JurisdictionProfiles.get("shenyang");

    @Test
    void anOverriddenValueRecordsItsSourceAndWhatItReplaced() {
        JurisdictionProfile p = JurisdictionProfiles.withOverrides(shenyang, Map.of("conditional-share-decision", "7wd"));

        assertThat(p.conditionalShareDecision().value()).isEqualTo(Period.workingDays(7));
        assertThat(p.conditionalShareDecision().source()).isEqualTo(Source.OVERRIDE);
        assertThat(p.conditionalShareDecision().regulatedValue()).isEmpty();
        assertThat(p.conditionalShareDecision().note()).contains("5wd").contains("SY 25");
        assertThat(p.conditionalShareSilenceIsConsent()).as("untouched").isEqualTo(shenyang.conditionalShareSilenceIsConsent());
        assertThat(p.id()).isEqualTo("shenyang");
    }

    @Test
    void anOverrideMayChangeTheUnitBooleansAndApplicantKinds() {
        JurisdictionProfile p = JurisdictionProfiles.withOverrides(shenyang, Map.of(
                "conditional-open-decision", "10wd",
                "conditional-share-silence-is-consent", "false",
                "conditional-open-applicants", "university, research-institute",
                "catalog-update", "20wd"));

        assertThat(p.conditionalOpenDecision().value()).isEqualTo(Period.workingDays(10));
        assertThat(p.conditionalShareSilenceIsConsent().value()).isFalse();
        assertThat(p.conditionalOpenApplicants().value())
                .containsExactlyInAnyOrder(ApplicantKind.UNIVERSITY, ApplicantKind.RESEARCH_INSTITUTE);
        assertThat(p.catalogUpdate().note()).as("replaced a platform default").contains("15wd (platform default)");
    }

    @Test
    void noOverridesLeaveTheProfileAsItWas() {
        assertThat(JurisdictionProfiles.withOverrides(shenyang, Map.of())).isEqualTo(shenyang);
    }

    @Test
    void anUnknownKeyIsNamedInTheError() {
        assertThatThrownBy(() -> JurisdictionProfiles.withOverrides(shenyang, Map.of("conditional-share-deadline", "7wd")))
                .isInstanceOfSatisfying(PolicyOverrideException.class,
                        e -> assertThat(e.key()).isEqualTo("conditional-share-deadline"))
                .hasMessageContaining("unknown jurisdiction policy key 'conditional-share-deadline'")
                .hasMessageContaining("conditional-share-decision");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            conditional-share-decision           | 7 days
            conditional-share-decision           | 7
            objection-mark                       | 0wd
            objection-mark                       | wd
            objection-mark                       | 1h
            conditional-share-silence-is-consent | yes
            conditional-open-applicants          | aliens
            conditional-open-applicants          | ""
            """)
    void aValueInTheWrongFormatIsRejectedNamingTheKey(String key, String value) {
        assertThatThrownBy(() -> JurisdictionProfiles.withOverrides(shenyang, Map.of(key, value)))
                .isInstanceOfSatisfying(PolicyOverrideException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageContaining("policy key '" + key + "'");
    }

    @Test
    void aMissingValueIsRejectedNamingTheKey() {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("objection-mark", null);

        assertThatThrownBy(() -> JurisdictionProfiles.withOverrides(shenyang, overrides))
                .isInstanceOf(PolicyOverrideException.class).hasMessageContaining("objection-mark");
    }

    @ParameterizedTest
    @CsvSource({"15wd, 15, WORKING_DAYS", "10d, 10, CALENDAR_DAYS", "1m, 1, MONTHS", "3y, 3, YEARS"})
    void aPeriodReadsAndWritesAsAmountAndUnitSymbol(String text, int amount, PeriodUnit unit) {
        Period period = Period.parse(text);

        assertThat(period).isEqualTo(new Period(amount, unit));
        assertThat(period).hasToString(text);
    }
}
