package cn.govdata.privacy;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvWriterTest {

    @Test
    void a_csv_starts_with_a_byte_order_mark_and_ends_records_with_crlf() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvWriter csv = new CsvWriter(out)) {
            csv.row(List.of("姓名", "许可"));
            csv.row(List.of("张*", "食品经营"));
        }
        byte[] bytes = out.toByteArray();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("\uFEFF姓名,许可\r\n张*,食品经营\r\n");
    }

    @Test
    void cells_that_would_start_a_formula_get_an_apostrophe() {
        assertThat(CsvWriter.cell("=HYPERLINK(\"http://evil\",\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
        assertThat(CsvWriter.cell("+1")).isEqualTo("'+1");
        assertThat(CsvWriter.cell("-2")).isEqualTo("'-2");
        assertThat(CsvWriter.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvWriter.cell("\t=1")).isEqualTo("'\t=1");
        assertThat(CsvWriter.cell("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(CsvWriter.cell("a=b")).isEqualTo("a=b");
    }

    @Test
    void fields_with_commas_quotes_line_breaks_or_edge_spaces_are_quoted() {
        assertThat(CsvWriter.cell("食品经营许可,餐饮服务")).isEqualTo("\"食品经营许可,餐饮服务\"");
        assertThat(CsvWriter.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvWriter.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvWriter.cell(" padded")).isEqualTo("\" padded\"");
        assertThat(CsvWriter.cell("plain")).isEqualTo("plain");
    }

    @Test
    void null_is_empty_numbers_are_text_and_lists_are_joined_with_semicolons() {
        assertThat(CsvWriter.line(Arrays.asList(null, 42, List.of("a", "b")))).isEqualTo(",42,a;b\r\n");
    }

    @Test
    void the_citation_line_comes_before_the_header() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvWriter csv = new CsvWriter(out)) {
            csv.citation("数据来源：市场监管局，获取日期：2026-03-01").row(List.of("许可"));
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("\uFEFF#_citation,数据来源：市场监管局，获取日期：2026-03-01\r\n许可\r\n");
    }
}
