package cn.govdata.calendar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CalendarOverridesTest {

    @TempDir
    Path dir;

    @Test
    void anOverrideFileReplacesTheShippedYearEntirely() throws IOException {
        write("cn-2026.properties", """
                year = 2026
                notice = 国务院办公厅关于2026年部分节假日安排的通知（更正）
                holiday.correction = 2026-03-02
                """);

        WorkingDayCalendar calendar = WorkingDayCalendar.builder().overrideDirectory(dir).build();

        assertThat(calendar.dayKind(LocalDate.parse("2026-03-02"))).isEqualTo(DayKind.PUBLIC_HOLIDAY);
        assertThat(calendar.dayKind(LocalDate.parse("2026-10-01"))).as("shipped 2026 is gone").isEqualTo(DayKind.WORKING_DAY);
        assertThat(calendar.schedule(2026).orElseThrow().notice()).endsWith("（更正）");
        assertThat(calendar.dayKind(LocalDate.parse("2025-10-01"))).as("other years stay shipped").isEqualTo(DayKind.PUBLIC_HOLIDAY);
    }

    @Test
    void anOverrideFileForANewYearExtendsCoverage() throws IOException {
        write("cn-2027.properties", """
                year = 2027
                notice = 国务院办公厅关于2027年部分节假日安排的通知
                holiday.new-year = 2027-01-01..2027-01-03
                """);
        write("README.txt", "ignored: not a cn-<year>.properties file");
        List<Integer> reported = new ArrayList<>();

        WorkingDayCalendar calendar = WorkingDayCalendar.builder().overrideDirectory(dir)
                .uncoveredYearListener(reported::add).build();

        assertThat(calendar.coverage()).containsExactly(2024, 2025, 2026, 2027);
        assertThat(calendar.addWorkingDays(LocalDate.parse("2026-12-31"), 1)).isEqualTo(LocalDate.parse("2027-01-04"));
        assertThat(reported).isEmpty();
    }

    @Test
    void anExplicitScheduleReplacesBothTheShippedYearAndTheOverrideFile() throws IOException {
        write("cn-2025.properties", """
                year = 2025
                notice = from the directory
                holiday.x = 2025-03-03
                """);
        var explicit = new YearSchedule(2025, "explicit", Set.of(LocalDate.parse("2025-03-04")), Set.of());

        WorkingDayCalendar calendar = WorkingDayCalendar.builder().overrideDirectory(dir).schedule(explicit).build();

        assertThat(calendar.schedule(2025)).contains(explicit);
        assertThat(calendar.isWorkingDay(LocalDate.parse("2025-03-03"))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2025-03-04"))).isFalse();
    }

    @Test
    void aCalendarWithoutShippedYearsKnowsOnlyWhatItIsGiven() {
        var schedule = new YearSchedule(2030, "test", Set.of(LocalDate.parse("2030-01-01")), Set.of());

        WorkingDayCalendar calendar = WorkingDayCalendar.builder().withoutShippedYears().schedule(schedule).build();

        assertThat(calendar.coverage()).containsExactly(2030);
    }

    @Test
    void aQuestionAboutAnUncoveredYearIsAnsweredFromTheHolidayLawAndIsReportedOncePerCall() {
        List<Integer> reported = new ArrayList<>();
        WorkingDayCalendar calendar = WorkingDayCalendar.builder().uncoveredYearListener(reported::add).build();

        assertThat(calendar.dayKind(LocalDate.parse("2027-10-01"))).as("National Day by law").isEqualTo(DayKind.PUBLIC_HOLIDAY);
        assertThat(calendar.isWorkingDay(LocalDate.parse("2027-10-06"))).as("a Wednesday after the 补假").isTrue();
        assertThat(reported).containsExactly(2027, 2027);

        reported.clear();
        // 2027-01-01 off by law; 20 working days from 2026-12-31 then end on Friday 2027-01-29.
        assertThat(calendar.addWorkingDays(LocalDate.parse("2026-12-31"), 20)).isEqualTo(LocalDate.parse("2027-01-29"));
        assertThat(reported).as("twenty 2027 days looked at, one report").containsExactly(2027);

        reported.clear();
        calendar.dueWithin(Instant.parse("2026-03-02T02:00:00Z"), 10);
        assertThat(reported).as("covered years are not reported").isEmpty();
        assertThat(calendar.basis(2027)).isEqualTo(CalendarBasis.PROVISIONAL);
    }

    @Test
    void anAdoptedNoticeReplacesTheProvisionalYearAtOnceAndIsReportedAsUploaded() {
        WorkingDayCalendar calendar = WorkingDayCalendar.shipped();
        Instant received = Instant.parse("2027-02-01T02:00:00Z");
        DueTime provisional = calendar.dueTime(received, 5, Counting.WORKING_DAYS);
        var notice = new YearSchedule(2027, "test notice", Set.copyOf(LocalDate.parse("2027-02-05")
                .datesUntil(LocalDate.parse("2027-02-14")).toList()), Set.of(LocalDate.parse("2027-02-20")));

        calendar.adopt(notice, ScheduleSource.UPLOADED);

        DueTime official = calendar.dueTime(received, 5, Counting.WORKING_DAYS);
        assertThat(provisional.at()).as("02-02..02-04, then 02-11, 02-12 by law alone").isEqualTo(Instant.parse("2027-02-12T16:00:00Z"));
        assertThat(official.at()).as("02-02..02-04, break to 02-13, 02-15, 02-16").isEqualTo(Instant.parse("2027-02-16T16:00:00Z"));
        assertThat(official.basis()).isEqualTo(CalendarBasis.OFFICIAL);
        assertThat(calendar.source(2027)).contains(ScheduleSource.UPLOADED);
        assertThat(calendar.source(2026)).contains(ScheduleSource.SHIPPED);
        assertThat(calendar.coverage()).containsExactly(2024, 2025, 2026, 2027);
    }

    @Test
    void aStrictCalendarRefusesToGuessAnUncoveredYear() {
        WorkingDayCalendar calendar = WorkingDayCalendar.builder().strict().build();

        assertThatThrownBy(() -> calendar.dueWithin(Instant.parse("2026-12-31T02:00:00Z"), 1))
                .isInstanceOfSatisfying(UncoveredYearException.class, e -> assertThat(e.year()).isEqualTo(2027))
                .hasMessageContaining("cn-2027.properties");
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-12-31"))).isTrue();
    }

    @Test
    void aMissingOverrideDirectoryIsAnErrorRatherThanSilentlyIgnored() {
        assertThatThrownBy(() -> WorkingDayCalendar.builder().overrideDirectory(dir.resolve("nope")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }

    @Test
    void aFileWhoseYearDisagreesWithItsNameIsRejected() throws IOException {
        write("cn-2027.properties", """
                year = 2028
                notice = n
                """);

        assertThatThrownBy(() -> WorkingDayCalendar.builder().overrideDirectory(dir).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cn-2027.properties").hasMessageContaining("2028");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            year = 2027\\nnotice = n\\nholidays.x = 2027-01-01                      | unknown key 'holidays.x'
            year = 2027\\nnotice = n\\nholiday.x = 2027-01-01\\nholiday.x = 2027-01-02 | :4: key 'holiday.x' appears twice
            year = 2027\\nnotice = n\\nholiday.x = 2027-02-30                       | '2027-02-30' is not a date
            year = 2027\\nnotice = n\\nworkday.x = 2027-01-04                       | 2027-01-04 is a MONDAY
            year = 2027\\nnotice = n\\nholiday.x = 2027-01-01..2027-01-03, 2027-01-03 | 2027-01-03 is listed more than once
            year = 2027\\nnotice = n\\nholiday.x = 2027-01-01..2027-12-31           | must run forwards over at most 31 days
            year = 2027\\nnotice = n\\nholiday.x = 2029-01-01                       | neither in 2027 nor in a neighbouring year
            year = 2027\\nholiday.x = 2027-01-01                                    | missing 'notice'
            notice = n                                                               | missing 'year'
            year = 2027\\nnotice = n\\njust some text                               | :3: expected 'key = value'
            """)
    void aMalformedYearFileIsRejectedWithItsLine(String escaped, String message) {
        String text = escaped.replace("\\n", "\n");

        assertThatThrownBy(() -> YearScheduleFiles.parse(text, "cn-2027.properties", 2027))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cn-2027.properties")
                .hasMessageContaining(message);
    }

    @Test
    void aDateANeighbouringYearsNoticeListsIsHonoured() {
        // The 2012 notice made Saturday 2011-12-31 a working day.
        var y2012 = new YearSchedule(2012, "国办发明电〔2011〕39号",
                Set.of(LocalDate.parse("2012-01-01"), LocalDate.parse("2012-01-02"), LocalDate.parse("2012-01-03")),
                Set.of(LocalDate.parse("2011-12-31")));

        WorkingDayCalendar calendar = WorkingDayCalendar.builder().withoutShippedYears().schedule(y2012).strict().build();

        assertThat(calendar.dayKind(LocalDate.parse("2011-12-31"))).isEqualTo(DayKind.MAKEUP_WORKING_DAY);
        assertThat(calendar.isCovered(2011)).isFalse();
    }

    @Test
    void twoSchedulesThatDisagreeAboutADayAreRejected() {
        var a = new YearSchedule(2030, "a", Set.of(LocalDate.parse("2030-12-31")), Set.of());
        var b = new YearSchedule(2031, "b", Set.of(), Set.of());
        var c = new YearSchedule(2029, "c", Set.of(), Set.of(LocalDate.parse("2030-12-28")));
        var d = new YearSchedule(2031, "d", Set.of(LocalDate.parse("2030-12-28")), Set.of());

        assertThat(WorkingDayCalendar.builder().withoutShippedYears().schedule(a).schedule(b).build().coverage())
                .containsExactly(2030, 2031);
        assertThatThrownBy(() -> WorkingDayCalendar.builder().withoutShippedYears().schedule(c).schedule(d).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2030-12-28");
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }
}
