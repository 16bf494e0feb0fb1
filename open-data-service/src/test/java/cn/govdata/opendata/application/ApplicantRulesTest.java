package cn.govdata.opendata.application;

import cn.govdata.domain.Refusal;
import cn.govdata.platform.problem.ProblemHandler;
import cn.govdata.policy.ApplicantKind;
import cn.govdata.policy.JurisdictionProfiles;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApplicantRulesTest {

    @Test
    void quanzhouAdmitsOnlyDomesticControlledEnterprisesUniversitiesAndResearchInstitutes() {
        var quanzhou = JurisdictionProfiles.get("quanzhou");

        assertThatCode(() -> ApplicantRules.check(quanzhou, ApplicantKind.DOMESTIC_CONTROLLED_ENTERPRISE, true)).doesNotThrowAnyException();
        assertThatCode(() -> ApplicantRules.check(quanzhou, ApplicantKind.UNIVERSITY, false)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ApplicantRules.check(quanzhou, ApplicantKind.FOREIGN_CONTROLLED_ENTERPRISE, false))
                .isInstanceOf(Refusal.class).hasMessageContaining("QZ 6.4")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(ProblemHandler.statusOf(((Refusal) e).kind()).value()).isEqualTo(422));
        assertThatThrownBy(() -> ApplicantRules.check(quanzhou, ApplicantKind.NATURAL_PERSON, false))
                .isInstanceOf(Refusal.class).hasMessageContaining("natural-person");
    }

    @Test
    void aResearchInstituteApplyingForCommercialUseIsRefusedWhereTheRegulationSaysResearchIsNonCommercial() {
        assertThatThrownBy(() -> ApplicantRules.check(JurisdictionProfiles.get("quanzhou"), ApplicantKind.RESEARCH_INSTITUTE, true))
                .isInstanceOf(Refusal.class).hasMessageContaining("commercial").hasMessageContaining("QZ 6.4");
        assertThatThrownBy(() -> ApplicantRules.check(JurisdictionProfiles.get("nanjing"), ApplicantKind.UNIVERSITY, true))
                .isInstanceOf(Refusal.class).hasMessageContaining("NJ 27");
        // Qingyuan's regulation sets no such restriction, so the platform imposes none.
        assertThatCode(() -> ApplicantRules.check(JurisdictionProfiles.get("qingyuan"), ApplicantKind.RESEARCH_INSTITUTE, true))
                .doesNotThrowAnyException();
        assertThatCode(() -> ApplicantRules.check(JurisdictionProfiles.get("nanjing"), ApplicantKind.NATURAL_PERSON, true))
                .doesNotThrowAnyException();
    }
}
