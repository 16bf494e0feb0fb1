package cn.govdata.platform.security;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CallerTest {

    static Caller caller(String department, String region, String... roles) {
        return new Caller("s", "u", "c", department, region, Set.of(roles));
    }

    @Test
    void aCountySeesOnlyItsOwnRegionAndWithoutARegionClaimNothing() {
        var county = caller("JN-BDB", "320115", Roles.COUNTY_SUBPLATFORM);
        var noRegion = caller("JN-BDB", " ", Roles.COUNTY_SUBPLATFORM);
        var officer = caller("PSB", "320100", Roles.DEPT_DATA_OFFICER);

        assertThat(county.seesAllRegions()).isFalse();
        assertThat(county.seesRegion("320115")).isTrue();
        assertThat(county.seesRegion("320111")).isFalse();
        assertThat(noRegion.seesRegion("320115")).isFalse();
        assertThat(noRegion.seesRegion(null)).isFalse();
        assertThat(officer.seesRegion("320111")).isTrue();
    }

    @Test
    void contactsGoToTheBureauOperatorsAndTheDepartmentItself() {
        assertThat(caller("BDB", "320100", Roles.BUREAU_REVIEWER).seesContactsOf("PSB")).isTrue();
        assertThat(caller("BDB", "320100", Roles.PLATFORM_OPERATOR).seesContactsOf("PSB")).isTrue();
        assertThat(caller("PSB", "320100", Roles.DEPT_CONSUMER).seesContactsOf("PSB")).isTrue();
        assertThat(caller("HRSS", "320100", Roles.DEPT_DATA_OFFICER).seesContactsOf("PSB")).isFalse();
        assertThat(caller("AUD", "320100", Roles.AUDITOR).seesContactsOf("PSB")).isFalse();
        assertThat(caller(null, "320100", Roles.PUBLIC_APPLICANT).seesContactsOf("PSB")).isFalse();
    }

    @Test
    void theBureauOperatorsAndAuditorsSeeEveryDepartmentAndDepartmentRolesDoNot() {
        assertThat(caller("BDB", null, Roles.BUREAU_REVIEWER).seesEveryDepartment()).isTrue();
        assertThat(caller(null, null, Roles.PLATFORM_OPERATOR).seesEveryDepartment()).isTrue();
        assertThat(caller(null, null, Roles.AUDITOR).seesEveryDepartment()).isTrue();
        assertThat(caller("PSB", null, Roles.DEPT_DATA_OFFICER, Roles.DEPT_APPROVER).seesEveryDepartment()).isFalse();
        assertThat(caller("HRSS", null, Roles.DEPT_CONSUMER).seesEveryDepartment()).isFalse();
    }
}
