package cn.govdata.calendar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class CalendarDataTest {

    private final WorkingDayCalendar calendar = WorkingDayCalendar.shipped();

    /*
     * Weekend days inside a break are compensated by makeup days, so the weekdays a notice takes off,
     * minus the weekend days it puts back, equal the statutory days of 全国年节及纪念日放假办法:
     * 11 until 2024, 13 from 2025, as StatutoryHolidays derives them from the version in force (and
     * checked independently here). A mistyped date almost always breaks this.
     */
    @ParameterizedTest(name = "{0} gives {1} statutory days off")
    @CsvSource({"2024, 11", "2025, 13", "2026, 13"})
    void eachShippedYearGivesExactlyTheStatutoryNumberOfDaysOff(int year, int statutoryDays) {
        YearSchedule schedule = calendar.schedule(year).orElseThrow();
        assertThat(StatutoryHolidays.of(year)).hasSize(statutoryDays);

        long weekdaysOff = schedule.publicHolidays().stream()
                .filter(d -> d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY)
                .count();

        assertThat(weekdaysOff - schedule.makeupWorkingDays().size()).isEqualTo(statutoryDays);
    }

    @ParameterizedTest(name = "{0} has {1} working days")
    @CsvSource({"2024, 251", "2025, 248", "2026, 248"})
    void eachShippedYearHasTheWorkingDaysTheNoticeImplies(int year, long workingDays) {
        long count = LocalDate.of(year, 1, 1).datesUntil(LocalDate.of(year + 1, 1, 1))
                .filter(calendar::isWorkingDay).count();

        assertThat(count).isEqualTo(workingDays);
    }

    @ParameterizedTest
    @CsvSource({"2024, 国办发明电〔2023〕7号", "2025, 国办发明电〔2024〕12号", "2026, 国办发明电〔2025〕7号"})
    void eachShippedYearNamesTheStateCouncilNoticeItComesFrom(int year, String documentNumber) {
        assertThat(calendar.schedule(year).orElseThrow().notice())
                .startsWith("国务院办公厅关于" + year + "年部分节假日安排的通知")
                .contains(documentNumber);
    }

    @Test
    void everyYearFileInTheJarIsListedInTheShippedIndex() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getClassLoader().getResource("cn/govdata/calendar/shipped-years.list").toURI()).getParent();
        List<String> index = Files.readAllLines(dir.resolve("shipped-years.list")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();

        try (Stream<Path> files = Files.list(dir)) {
            List<String> yearFiles = files.map(f -> f.getFileName().toString())
                    .filter(n -> YearScheduleFiles.FILE_NAME.matcher(n).matches()).toList();
            assertThat(index).containsExactlyInAnyOrderElementsOf(yearFiles);
        }
    }
}
