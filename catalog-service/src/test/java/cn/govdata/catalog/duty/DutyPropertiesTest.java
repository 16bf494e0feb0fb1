package cn.govdata.catalog.duty;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.MonthDay;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DutyPropertiesTest {

    DutyProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("govdata.catalog", DutyProperties.class);
    }

    @Test
    void theCensusIsDueAtTheEndOfTheYearUnlessADeploymentSaysOtherwise() {
        assertThat(bind(Map.of()).censusDue()).isEqualTo(MonthDay.of(12, 31));
        assertThat(bind(Map.of("govdata.catalog.census-due", "--11-30")).censusDue()).isEqualTo(MonthDay.of(11, 30));
    }
}
