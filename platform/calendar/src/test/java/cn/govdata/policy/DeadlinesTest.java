package cn.govdata.policy;

import cn.govdata.calendar.WorkingDayCalendar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlinesTest {

    private final WorkingDayCalendar calendar = WorkingDayCalendar.shipped();

    // Expected instants are the exclusive end: 00:00 Shanghai after the last allowed day.
    @ParameterizedTest(name = "{0} {1}: received {2}, due before {3} ({4})")
    @CsvSource(delimiter = '|', textBlock = """
            nanjing  | objection-mark                    | 2025-09-30T10:00+08:00 | 2025-10-10T00:00+08:00 | 1wd, Tue before National Day: end of Thu 10-09
            nanjing  | objection-transfer                | 2025-09-30T10:00+08:00 | 2025-10-11T00:00+08:00 | 2wd: end of Fri 10-10
            nanjing  | objection-platform-decision       | 2025-09-30T10:00+08:00 | 2025-10-15T00:00+08:00 | 5wd, counts makeup Sat 10-11
            nanjing  | conditional-share-decision        | 2025-09-30T10:00+08:00 | 2025-10-29T00:00+08:00 | 15wd
            nanjing  | conditional-open-decision         | 2026-02-13T10:00+08:00 | 2026-03-13T00:00+08:00 | 15wd over Spring Festival, counts makeup Sat 02-14 and 02-28
            nantong  | application-formality-check       | 2026-02-13T15:00+08:00 | 2026-02-15T00:00+08:00 | 1wd, Friday: the makeup Saturday is the working day
            nantong  | platform-grant-review             | 2026-02-13T15:00+08:00 | 2026-02-25T00:00+08:00 | 2wd across Spring Festival
            nantong  | conditional-share-decision        | 2026-04-30T09:00+08:00 | 2026-05-19T00:00+08:00 | 10wd across Labour Day, counts makeup Sat 05-09
            nantong  | uncatalogued-demand-answer        | 2025-04-30T09:00+08:00 | 2025-05-20T00:00+08:00 | 10wd across Labour Day, no makeup day after it in 2025
            nantong  | uncatalogued-demand-publish       | 2025-01-31T10:00+08:00 | 2025-03-01T00:00+08:00 | 1 month, no 31 February
            nantong  | unused-grant-revocable-after      | 2025-11-30T10:00+08:00 | 2026-03-01T00:00+08:00 | 3 months from last use
            shenyang | conditional-share-decision        | 2026-09-24T09:00+08:00 | 2026-10-10T00:00+08:00 | 5wd across Mid-Autumn and National Day
            shenyang | conditional-open-decision         | 2025-09-30T10:00+08:00 | 2025-10-11T00:00+08:00 | 10 calendar days, National Day counted
            quanzhou | objection-source-decision         | 2026-04-03T11:00+08:00 | 2026-04-14T00:00+08:00 | 5wd across Qingming
            quanzhou | objection-fix                     | 2026-04-13T16:00+08:00 | 2026-04-28T00:00+08:00 | 10wd from the decision
            quanzhou | audit-log-retention               | 2024-02-29T12:00+08:00 | 2027-03-01T00:00+08:00 | 3 years from a leap day
            qingyuan | conditional-share-decision        | 2025-05-29T10:00+08:00 | 2025-06-04T00:00+08:00 | 2wd across Dragon Boat
            qingyuan | conditional-share-implementation  | 2025-06-03T15:00+08:00 | 2025-06-07T00:00+08:00 | 3wd from consenting
            qingyuan | uncatalogued-demand-answer        | 2026-06-17T10:00+08:00 | 2026-06-26T00:00+08:00 | 5wd across Dragon Boat
            qingyuan | catalog-review                    | 2026-09-30T10:00+08:00 | 2026-10-14T00:00+08:00 | 5wd across National Day, counts makeup Sat 10-10
            qingyuan | conditional-open-decision         | 2026-01-02T10:00+08:00 | 2026-01-16T00:00+08:00 | 10wd from a holiday, counts makeup Sun 01-04
            """)
    void eachProfilesKeyDeadlinesFallWhereCountedByHand(String id, String key, OffsetDateTime received,
                                                       OffsetDateTime expected, String why) {
        Period period = (Period) JurisdictionProfiles.get(id).rule(RuleKey.fromKey(key)).value();

        assertThat(Deadlines.due(calendar, received.toInstant(), period)).as(why).isEqualTo(expected.toInstant());
    }

    @Test
    void shenyangsTenDaysEndLongBeforeQingyuansTenWorkingDaysForTheSameApplication() {
        Instant received = OffsetDateTime.parse("2025-09-30T10:00+08:00").toInstant();

        Instant shenyang = Deadlines.due(calendar, received, JurisdictionProfiles.get("shenyang").conditionalOpenDecision());
        Instant qingyuan = Deadlines.due(calendar, received, JurisdictionProfiles.get("qingyuan").conditionalOpenDecision());

        assertThat(shenyang).isEqualTo(OffsetDateTime.parse("2025-10-11T00:00+08:00").toInstant());
        assertThat(qingyuan).as("10 working days").isEqualTo(OffsetDateTime.parse("2025-10-22T00:00+08:00").toInstant());
    }

    @Test
    void anOverriddenPeriodIsWhatTheDeadlineUses() {
        JurisdictionProfile p = JurisdictionProfiles.withOverrides(JurisdictionProfiles.get("shenyang"),
                Map.of("conditional-share-decision", "7wd"));
        Instant received = OffsetDateTime.parse("2025-03-12T10:00+08:00").toInstant();

        assertThat(Deadlines.due(calendar, received, p.conditionalShareDecision()))
                .isEqualTo(OffsetDateTime.parse("2025-03-22T00:00+08:00").toInstant());
    }
}
