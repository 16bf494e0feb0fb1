package cn.govdata.opendata.application;

import cn.govdata.domain.DomainModel;
import cn.govdata.domain.Refusal;
import cn.govdata.policy.ApplicantKind;
import cn.govdata.policy.JurisdictionProfile;
import cn.govdata.policy.Rule;

import java.util.Map;
import java.util.Set;

/**
 * Who may apply for conditional open data and for what use, from the effective profile: QZ 6.4
 * admits only domestic-controlled enterprises, universities and research institutes; research and
 * education use is non-commercial only (NJ 27, QZ 6.4). Broken rules are refused at once, with reasons.
 */
@DomainModel
final class ApplicantRules {

    private ApplicantRules() {
    }

    static void check(JurisdictionProfile profile, ApplicantKind kind, boolean commercialUse) {
        Rule<Set<ApplicantKind>> admitted = profile.conditionalOpenApplicants();
        if (!admitted.value().contains(kind)) {
            throw new Refusal(Refusal.Kind.UNPROCESSABLE, "applicant-not-admitted", "Applicant kind not admitted",
                    "%s applicants may not apply for conditional open data in %s; admitted: %s (%s)".formatted(kind.key(),
                            profile.nameZh(), admitted.value().stream().map(ApplicantKind::key).sorted().toList(),
                            provenance(admitted)),
                    Map.of("applicantKind", kind.key(), "rule", provenance(admitted)));
        }
        Rule<Boolean> nonCommercial = profile.researchUseNonCommercial();
        boolean research = kind == ApplicantKind.UNIVERSITY || kind == ApplicantKind.RESEARCH_INSTITUTE;
        if (research && commercialUse && nonCommercial.value()) {
            throw new Refusal(Refusal.Kind.UNPROCESSABLE, "commercial-use-not-allowed", "Commercial use not allowed",
                    "Conditional open data for university or research-institute research and education is for non-commercial "
                            + "use only; commercial use is refused (%s)".formatted(provenance(nonCommercial)),
                    Map.of("applicantKind", kind.key(), "commercialUse", true, "rule", provenance(nonCommercial)));
        }
    }

    private static String provenance(Rule<?> rule) {
        return rule.isRegulated() ? rule.citation() : rule.source().name().toLowerCase();
    }
}
