package cn.govdata.catalog.spreadsheet;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PriorityDomainColumnTest {

    static List<String> row(String priorityDomains) {
        List<String> cells = new ArrayList<>(Collections.nCopies(TemplateColumn.ALL.size(), ""));
        cells.set(TemplateColumn.PRIORITY_DOMAINS.ordinal(), priorityDomains);
        return cells;
    }

    @Test
    @DisplayName("SY 36, QY 31: the optional priority-domain column reads keys of the controlled list, each once")
    void readsKeysOfTheControlledList() {
        var parsed = EntryRows.read(2, row("social-security；credit;social-security"));
        assertThat(parsed.request().priorityDomains()).containsExactly("social-security", "credit");
        assertThat(parsed.errors()).noneMatch(e -> e.field().equals("priorityDomains"));
    }

    @Test
    @DisplayName("SY 36, QY 31: a domain not on the controlled list is a row error naming the column")
    void unknownDomainIsARowError() {
        var parsed = EntryRows.read(2, row("credit;tourism"));
        assertThat(parsed.errors()).anyMatch(e -> e.field().equals("priorityDomains") && e.message().contains("tourism"));
    }

    @Test
    @DisplayName("SY 36, QY 31: a sheet made before the priority-domain column existed still passes the header check")
    void olderSheetWithoutTheColumnPassesTheHeaderCheck() {
        List<String> header = new ArrayList<>(TemplateHeader.labels());
        header.remove(header.size() - 1);
        TemplateHeader.check(header);
        TemplateHeader.check(TemplateHeader.labels());
    }
}
