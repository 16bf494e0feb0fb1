package cn.govdata.opendata.dataset;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MaskRuleTest {

    @Test
    void eachRuleHidesTheIdentifyingPartAndKeepsTheShape() {
        assertThat(MaskRule.ID_NUMBER.apply("320102199001011234")).isEqualTo("320*************34");
        assertThat(MaskRule.PHONE.apply("13812345678")).isEqualTo("138****5678");
        assertThat(MaskRule.NAME.apply("欧阳修")).isEqualTo("欧**");
        assertThat(MaskRule.ADDRESS.apply("南京市玄武区中山路100号")).isEqualTo("南京市玄武区****");
        assertThat(MaskRule.PHONE.apply("")).isEmpty();
        assertThat(MaskRule.DROP.apply("x")).isNull();
    }

    @Test
    void csvRecordsMayQuoteCommasQuotesAndLineBreaks() throws Exception {
        var reader = new CsvReader(new StringReader("\uFEFFa,b\r\n\"x,1\",\"say \"\"hi\"\"\nthere\"\n\nlast,\n"));
        assertThat(reader.next()).containsExactly("a", "b");
        assertThat(reader.next()).containsExactly("x,1", "say \"hi\"\nthere");
        assertThat(reader.next()).containsExactly("last", "");
        assertThat(reader.next()).isNull();
        assertThat(CsvWriter.line(List.of("x,1", "q\"", "plain"))).isEqualTo("\"x,1\",\"q\"\"\",plain\r\n");
    }
}
