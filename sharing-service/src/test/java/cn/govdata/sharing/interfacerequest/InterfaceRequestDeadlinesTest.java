package cn.govdata.sharing.interfacerequest;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.policy.Deadlines;
import cn.govdata.policy.JurisdictionProfile;
import cn.govdata.policy.JurisdictionProfiles;
import cn.govdata.policy.Period;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** QZ 2.3's two periods counted by hand on the shipped 2026 calendar (Qingming: Sat 04-04 to Mon 04-06 off). */
class InterfaceRequestDeadlinesTest {

    private final WorkingDayCalendar calendar = WorkingDayCalendar.shipped();
    private final JurisdictionProfile quanzhou = JurisdictionProfiles.get("quanzhou");

    @Test
    @DisplayName("QZ 2.3: an interface asked for on Fri 2026-04-03 is due by the end of Mon 04-20, ten working days with Qingming skipped")
    void aRequestIsDueTenWorkingDaysLater() {
        Instant asked = OffsetDateTime.parse("2026-04-03T11:00+08:00").toInstant();

        assertThat(Deadlines.due(calendar, asked, quanzhou.interfaceRequestAnswer()))
                .isEqualTo(OffsetDateTime.parse("2026-04-21T00:00+08:00").toInstant());
    }

    @Test
    @DisplayName("QZ 2.3: an approved extension adds its working days after the original last day, at most five")
    void anExtensionCountsOnFromTheOriginalLastDay() {
        Instant due = OffsetDateTime.parse("2026-04-21T00:00+08:00").toInstant();

        assertThat(quanzhou.interfaceRequestExtension().value()).isEqualTo(Period.workingDays(5));
        assertThat(InterfaceRequestDesk.extendedDue(calendar, due, quanzhou.interfaceRequestExtension().value()))
                .isEqualTo(OffsetDateTime.parse("2026-04-28T00:00+08:00").toInstant());
        assertThat(InterfaceRequestDesk.extendedDue(calendar, due, Period.workingDays(1)))
                .isEqualTo(OffsetDateTime.parse("2026-04-22T00:00+08:00").toInstant());
    }

    @Test
    @DisplayName("QZ 2.3: an extension from the last working day before National Day resumes after the holiday")
    void anExtensionSkipsAHoliday() {
        // Last allowed day Wed 2026-09-30; 1 working day more is the first working day after National Day.
        Instant due = OffsetDateTime.parse("2026-10-01T00:00+08:00").toInstant();
        Instant extended = InterfaceRequestDesk.extendedDue(calendar, due, Period.workingDays(1));

        assertThat(extended.atZone(WorkingDayCalendar.ZONE).toLocalDate().minusDays(1))
                .isEqualTo(calendar.addWorkingDays(java.time.LocalDate.of(2026, 9, 30), 1));
        assertThat(extended).isAfter(OffsetDateTime.parse("2026-10-08T00:00+08:00").toInstant());
    }

    @Test
    @DisplayName("Profiles without QZ 2.3 keep the platform default of 10 + 5 working days, so the feature works everywhere")
    void otherProfilesUseThePlatformDefault() {
        for (String city : new String[] {"nanjing", "nantong", "shenyang", "qingyuan"}) {
            JurisdictionProfile profile = JurisdictionProfiles.get(city);
            assertThat(profile.interfaceRequestAnswer().isRegulated()).as(city).isFalse();
            assertThat(profile.interfaceRequestAnswer().value()).as(city).isEqualTo(Period.workingDays(10));
            assertThat(profile.interfaceRequestExtension().value()).as(city).isEqualTo(Period.workingDays(5));
        }
        assertThat(quanzhou.interfaceRequestAnswer().isRegulated()).isTrue();
        assertThat(quanzhou.interfaceRequestAnswer().citation()).isEqualTo("QZ 2.3");
    }
}
