package cn.govdata.sharing.grant;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.policy.Deadlines;
import cn.govdata.policy.JurisdictionProfiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UnusedPeriodTest {

    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.shipped();

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-01T01:00:00Z", "2026-05-31T15:59:59.999Z", "2026-10-01T04:00:00Z", "2026-12-31T16:00:00Z"})
    void theCutoffIsTheLastStartFromWhichTheProfilesPeriodHasRunByNow(String at) {
        Instant now = Instant.parse(at);
        ManagingGrants managing = managing("nantong", now);

        Instant cutoff = managing.unusedCutoff(now);

        var period = JurisdictionProfiles.get("nantong").unusedGrantRevocableAfter();
        assertThat(Deadlines.due(CALENDAR, cutoff, period)).isBeforeOrEqualTo(now);
        assertThat(Deadlines.due(CALENDAR, cutoff.plusMillis(1), period)).isAfter(now);
        assertThat(Duration.between(cutoff, now)).isBetween(Duration.ofDays(88), Duration.ofDays(93));
    }

    @Test
    void aWorkingDayPeriodOverrideIsCountedOnTheCalendarToo() {
        Instant now = Instant.parse("2026-10-09T02:00:00Z");
        var profile = JurisdictionProfiles.withOverrides(JurisdictionProfiles.get("nantong"),
                Map.of("unused-grant-revocable-after", "10wd"));
        ManagingGrants managing = new ManagingGrants(null, null, null, profile, CALENDAR, null,
                Clock.fixed(now, ZoneId.of("Asia/Shanghai")));

        Instant cutoff = managing.unusedCutoff(now);

        assertThat(Deadlines.due(CALENDAR, cutoff, profile.unusedGrantRevocableAfter())).isBeforeOrEqualTo(now);
        assertThat(Deadlines.due(CALENDAR, cutoff.plusMillis(1), profile.unusedGrantRevocableAfter())).isAfter(now);
        // National Day week (Oct 1-8, 2026) lies within: ten working days reach back beyond it.
        assertThat(Duration.between(cutoff, now)).isGreaterThan(Duration.ofDays(17));
    }

    @Test
    void aGrantIsUnusedSinceItsLastUseOrItsStart() {
        Instant start = Instant.parse("2026-01-05T00:00:00Z");
        Grant never = grant(start, null);
        Grant used = grant(start, start.plus(Duration.ofDays(40)));

        assertThat(never.unusedSince()).isEqualTo(start);
        assertThat(used.unusedSince()).isEqualTo(start.plus(Duration.ofDays(40)));
        assertThat(managing("nantong", start).revocableForNonUseFrom(never))
                .isEqualTo(Deadlines.due(CALENDAR, start, JurisdictionProfiles.get("nantong").unusedGrantRevocableAfter()));
    }

    private static ManagingGrants managing(String jurisdiction, Instant now) {
        return new ManagingGrants(null, null, null, JurisdictionProfiles.get(jurisdiction), CALENDAR, null,
                Clock.fixed(now, ZoneId.of("Asia/Shanghai")));
    }

    private static Grant grant(Instant validFrom, Instant lastUsedAt) {
        return new Grant("GR-1", "APP-1", "R-1", "HRSS", "CAB", "p", "s", List.of("姓名"), List.of(), "API", Grant.Kind.DATA,
                validFrom, validFrom.plus(Duration.ofDays(365)), Grant.State.ACTIVE, "a", validFrom, 1, 1, lastUsedAt, null,
                null);
    }
}
