package cn.govdata.catalog.sourcing;

import cn.govdata.catalog.entry.EntryContent.DataType;
import cn.govdata.catalog.sourcing.HeldItems.Holding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OverlapsTest {

    final ItemNames names = ItemNames.shipped();

    Holding holding(String department, String item, DataType type) {
        return new Holding(department, "101001-" + department + "-000001", department + "的资源", item, type, names.datum(item));
    }

    @Test
    void synonymsHeldByTwoDepartmentsAreOneGroupUnderTheCanonicalName() {
        var groups = Overlaps.find(List.of(holding("PSB", "身份证号", DataType.STRING),
                holding("HRSS", "公民身份号码", DataType.STRING), holding("PSB", "户籍地址", DataType.STRING),
                holding("HRSS", "参保状态", DataType.STRING)));

        assertThat(groups).singleElement().satisfies(g -> {
            assertThat(g.itemName()).isEqualTo("公民身份号码");
            assertThat(g.aliases()).containsExactly("身份证号");
            assertThat(g.departments()).containsExactly("HRSS", "PSB");
        });
    }

    @Test
    void anItemHeldByOneDepartmentOnlyIsNoOverlap() {
        assertThat(Overlaps.find(List.of(holding("PSB", "姓名", DataType.STRING), holding("PSB", "名字", DataType.STRING))))
                .isEmpty();
    }

    @Test
    void textIsCompatibleWithNumbersAndDatesButNumbersAndDatesAreNotWithEachOther() {
        var textAndNumber = Overlaps.find(List.of(holding("A", "手机号码", DataType.STRING), holding("B", "手机号", DataType.INTEGER)));
        assertThat(textAndNumber).singleElement().satisfies(g -> assertThat(g.types()).containsExactly(DataType.STRING, DataType.INTEGER));

        var numberAndDate = Overlaps.find(List.of(holding("A", "出生日期", DataType.INTEGER), holding("B", "生日", DataType.DATE)));
        assertThat(numberAndDate).isEmpty();

        var splitWithText = Overlaps.find(List.of(holding("A", "出生日期", DataType.INTEGER), holding("B", "生日", DataType.DATE),
                holding("C", "出生日期", DataType.DATETIME), holding("D", "出生日期", DataType.STRING)));
        assertThat(splitWithText).singleElement().satisfies(g -> assertThat(g.departments()).containsExactly("B", "C"));
    }

    @Test
    void binaryDataIsNotTheSameItemAsTextWithTheSameName() {
        assertThat(Overlaps.find(List.of(holding("A", "照片", DataType.BINARY), holding("B", "照片", DataType.STRING)))).isEmpty();
        assertThat(Overlaps.find(List.of(holding("A", "照片", DataType.BINARY), holding("B", "照片", DataType.BINARY)))).hasSize(1);
    }
}
