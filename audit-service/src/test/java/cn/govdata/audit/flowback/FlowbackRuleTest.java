package cn.govdata.audit.flowback;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlowbackRuleTest {

    private final FlowbackRule rule = new FlowbackRule(new FlowbackProperties(true, List.of("320115", "320111"), "320100",
            Set.of("govdata.catalog.v1", "govdata.open-data.v1", "govdata.calendar.v1")));

    @Test
    void aCountysOwnEventGoesToThatCountyOnlyWhateverItsTopic() {
        assertThat(rule.destinations("govdata.exchange.v1", "320111")).containsExactly("320111");
        assertThat(rule.destinations("govdata.catalog.v1", "320115")).containsExactly("320115");
        assertThat(rule.destinations("govdata.deadlines.v1", "320111")).containsExactly("320111");
    }

    @Test
    void cityWideDirectoryOpenDataAndCalendarEventsGoToEveryCounty() {
        assertThat(rule.destinations("govdata.catalog.v1", "320100")).containsExactly("320115", "320111");
        assertThat(rule.destinations("govdata.open-data.v1", null)).containsExactly("320115", "320111");
        assertThat(rule.destinations("govdata.calendar.v1", "")).containsExactly("320115", "320111");
    }

    @Test
    void cityDepartmentsExchangeSharingObjectionAuditAndDeadlineEventsStayInternal() {
        for (String topic : List.of("govdata.exchange.v1", "govdata.sharing.v1", "govdata.objection.v1",
                "govdata.audit.v1", "govdata.deadlines.v1")) {
            assertThat(rule.destinations(topic, "320100")).as(topic).isEmpty();
            assertThat(rule.destinations(topic, null)).as(topic).isEmpty();
        }
    }

    @Test
    void anEventOfARegionThatIsNeitherTheCityNorAConfiguredCountyGoesNowhere() {
        assertThat(rule.destinations("govdata.catalog.v1", "320104")).isEmpty();
    }

    @Test
    void aRegionListThatIsNotSixDigitCodesOrNamesTheCityIsRefusedAtStart() {
        assertThatThrownBy(() -> new FlowbackProperties(true, List.of("pukou"), "320100", Set.of()))
                .hasMessageContaining("six-digit");
        assertThatThrownBy(() -> new FlowbackProperties(true, List.of("320100"), "320100", Set.of()))
                .hasMessageContaining("counties");
    }
}
