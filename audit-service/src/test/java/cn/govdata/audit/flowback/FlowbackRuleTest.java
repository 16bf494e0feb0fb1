package cn.govdata.audit.flowback;

import cn.govdata.events.EventTypes;
import cn.govdata.events.ExchangeEventTypes;
import cn.govdata.events.OpenDataEventTypes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlowbackRuleTest {

    private final FlowbackRule rule = new FlowbackRule(new FlowbackProperties(true, List.of("320115", "320111"), "320100", null));

    @Test
    void aCountysOwnEventGoesToThatCountyOnlyWhateverItsType() {
        assertThat(rule.destinations(ExchangeEventTypes.DATA_ACCESSED.type(), "320111")).containsExactly("320111");
        assertThat(rule.destinations(EventTypes.DEPARTMENT_REGISTERED.type(), "320115")).containsExactly("320115");
        assertThat(rule.destinations(EventTypes.DEADLINE_MISSED.type(), "320111")).containsExactly("320111");
    }

    @Test
    void cityWideDirectoryPublicationsOpenDatasetsAndTheCalendarGoToEveryCounty() {
        assertThat(rule.destinations(EventTypes.CATALOG_ENTRY_PUBLISHED.type(), "320100")).containsExactly("320115", "320111");
        assertThat(rule.destinations(EventTypes.CATALOG_ENTRY_WITHDRAWN.type(), "320100")).containsExactly("320115", "320111");
        assertThat(rule.destinations(OpenDataEventTypes.DATASET_VERSION_PUBLISHED.type(), null)).containsExactly("320115", "320111");
        assertThat(rule.destinations("cn.govdata.calendar.year.published.v1", "")).containsExactly("320115", "320111");
    }

    @Test
    void cityDepartmentsRegistrationsDraftsAccessesApplicationsAndDeadlinesStayInternal() {
        for (String type : List.of(EventTypes.DEPARTMENT_REGISTERED.type(), EventTypes.CATALOG_ENTRY_SUBMITTED.type(),
                ExchangeEventTypes.DATA_ACCESSED.type(), OpenDataEventTypes.APPLICATION_SUBMITTED.type(),
                OpenDataEventTypes.LICENCE_ISSUED.type(), EventTypes.DEADLINE_APPROACHING.type())) {
            assertThat(rule.destinations(type, "320100")).as(type).isEmpty();
            assertThat(rule.destinations(type, null)).as(type).isEmpty();
        }
        assertThat(rule.destinations(null, "320100")).isEmpty();
    }

    @Test
    void anEventOfARegionThatIsNeitherTheCityNorAConfiguredCountyGoesNowhere() {
        assertThat(rule.destinations(EventTypes.CATALOG_ENTRY_PUBLISHED.type(), "320104")).isEmpty();
    }

    @Test
    void aRegionListThatIsNotSixDigitCodesOrNamesTheCityIsRefusedAtStart() {
        assertThatThrownBy(() -> new FlowbackProperties(true, List.of("pukou"), "320100", Set.of()))
                .hasMessageContaining("six-digit");
        assertThatThrownBy(() -> new FlowbackProperties(true, List.of("320100"), "320100", Set.of()))
                .hasMessageContaining("counties");
    }
}
