package cn.govdata.opendata.application;

import cn.govdata.policy.JurisdictionProfiles;
import cn.govdata.policy.Period;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The open-data rules of issue 16 as the domain sees them, per profile. */
class OpenDataRulesTest {

    private static final Instant AT = Instant.parse("2026-12-07T02:00:00Z");

    private static OpenApplication filedUnder(String profile) {
        String route = JurisdictionProfiles.get(profile).conditionalOpenRoute().value().key();
        return new OpenApplication("ODA-1", "E-1", "数据", "AMR", "320100", "a", "s", "university", "大学", "p", "s", "m", false,
                OpenApplication.State.SUBMITTED, AT, AT, "x", false, null, null, null, null, List.of(), route, null, null, null, null);
    }

    @Test
    @DisplayName("QZ 6.5: an application filed under Quanzhou goes the bureau's route; under Nanjing, Shenyang and Qingyuan the department's")
    void qz65OnlyQuanzhouRoutesApplicationsThroughTheBureau() {
        assertThat(filedUnder("quanzhou").bureauRoute()).isTrue();
        assertThat(JurisdictionProfiles.get("quanzhou").conditionalOpenRoute().citation()).isEqualTo("QZ 6.5");
        for (String other : List.of("nanjing", "shenyang", "qingyuan")) {
            assertThat(filedUnder(other).bureauRoute()).as(other).isFalse();
        }
    }

    @Test
    @DisplayName("NJ 27, QZ 6.6: a selection round takes bids only before its closing time and while undecided")
    void nj27Qz66ARoundTakesBidsOnlyBeforeItCloses() {
        var open = new SelectionRound("ODS-1", "E-1", "数据", "AMR", "320100", "评分", AT, SelectionRound.State.OPEN, "E-1", "b", AT,
                List.of(), null, List.of());
        assertThat(open.accepting(AT.minusSeconds(1))).isTrue();
        assertThat(open.accepting(AT)).isFalse();
        var decided = new SelectionRound("ODS-1", "E-1", "数据", "AMR", "320100", "评分", AT, SelectionRound.State.DECIDED, null, "b",
                AT, List.of(), null, List.of());
        assertThat(decided.accepting(AT.minusSeconds(60))).isFalse();
    }

    @Test
    @DisplayName("QZ 6.7: Quanzhou's licensees report every three months; Nanjing's profile asks no schedule")
    void qz67QuanzhouLicenseesReportQuarterly() {
        var quanzhou = JurisdictionProfiles.get("quanzhou");
        assertThat(quanzhou.licenceUsageReports().value()).isTrue();
        assertThat(quanzhou.licenceUsageReports().citation()).isEqualTo("QZ 6.7");
        assertThat(quanzhou.licenceUsageReportInterval().value()).isEqualTo(Period.months(3));
        assertThat(JurisdictionProfiles.get("nanjing").licenceUsageReports().value()).isFalse();
        // One deadline per period and application, so a repeated registration finds the same one.
        assertThat(ReportingUsage.reportSubject("ODA-1", 3)).isEqualTo("ODA-1#3");
    }

    @Test
    @DisplayName("QZ 6.7: the bureau may suspend after two missed reports unless configured otherwise, and never after none")
    void qz67MissesBeforeSuspensionDefaultToTwo() {
        assertThat(bind(Map.of()).missesBeforeSuspension()).isEqualTo(2);
        assertThat(bind(Map.of("govdata.open-data.usage-reports.misses-before-suspension", "3")).missesBeforeSuspension()).isEqualTo(3);
        assertThatThrownBy(() -> bind(Map.of("govdata.open-data.usage-reports.misses-before-suspension", "0")))
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("QZ 6.7: a licence counts its missed periods, none when it never had to report")
    void qz67ALicenceCountsMissedPeriods() {
        var licence = new OpenApplication.Licence("ODL-1", "h", "odk_abcd", "2026-1", AT, AT, null, null, null, "3M", 3, AT, 2);
        assertThat(licence.misses()).isEqualTo(2);
        var unscheduled = new OpenApplication.Licence("ODL-2", "h", "odk_abcd", "2026-1", AT, AT, null, null, null, null, null, null, null);
        assertThat(unscheduled.misses()).isZero();
    }

    private static UsageReportSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("govdata.open-data.usage-reports", UsageReportSettings.class);
    }
}
