package cn.govdata.catalog.spreadsheet;

import cn.govdata.catalog.entry.EntryContent;
import cn.govdata.catalog.entry.EntryContent.DataItem;
import cn.govdata.catalog.entry.EntryContent.DataType;
import cn.govdata.catalog.entry.EntryRequest;
import cn.govdata.catalog.entry.EntryRules;
import cn.govdata.domain.Refusal;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpreadsheetRoundTripTest {

    static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    /** An entry whose text stresses both formats: Chinese, quotes, commas, line breaks, separators, formula-like starts. */
    static EntryContent tricky() {
        EntryContent example = TemplateInstructions.example();
        return new EntryContent("=人口\"基本\"信息, 含逗号", "第一行，含中文逗号、英文逗号, 和\"引号\"\n第二行\r\n第三行 ；分号; 冒号:",
                example.category(), example.classCode(), example.itemCode(), example.basicKind(), "PSB", "-人口信息管理系统",
                "PSB", null, null, example.formats(), example.form(),
                List.of(new DataItem("公民身份号码", DataType.STRING, 18, "18 位; 含校验码: X", true, true),
                        new DataItem("姓名:曾用名;别名\\", DataType.STRING, 50, null, true, false),
                        new DataItem("出生日期", DataType.DATE, null, "格式：YYYY-MM-DD", false, false)),
                new EntryContent.Dictionary("人口数据字典", "https://data.nanjing.gov.cn/dict?id=1,2&v=\"3\"", "GB 11643"),
                example.shareType(), null, null, null, null, example.shareMethods(), example.openType(), null,
                "@含个人信息", "+《个人信息保护法》第二十八条", true, example.updateFrequency(), "人口", "公共管理", "320100",
                example.grade());
    }

    static List<EntryContent> readBack(SpreadsheetFormat format, byte[] bytes) {
        List<List<String>> rows = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        RowVisitor visitor = (n, cells) -> {
            numbers.add(n);
            rows.add(cells);
        };
        switch (format) {
            case XLSX -> XlsxTable.read(new ByteArrayInputStream(bytes), visitor);
            case CSV -> CsvTable.read(bytes, visitor);
        }
        TemplateHeader.check(rows.get(0));
        assertThat(numbers.get(0)).isEqualTo(1);
        List<EntryContent> contents = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            var parsed = EntryRows.read(numbers.get(i), rows.get(i));
            assertThat(parsed.errors()).isEmpty();
            contents.add(parsed.request().toContent());
        }
        return contents;
    }

    @Test
    void csvRoundTripKeepsChineseTextQuotesCommasLineBreaksAndFormulaLikeStarts() {
        List<EntryContent> contents = List.of(tricky(), TemplateInstructions.example());
        byte[] csv = PsbCatalogSample.csv(contents);

        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).contains("\"'=人口\"\"基本\"\"信息, 含逗号\"").contains("'-人口信息管理系统").contains("\r\n");
        assertThat(readBack(SpreadsheetFormat.CSV, csv)).containsExactlyElementsOf(contents);
    }

    @Test
    void xlsxRoundTripKeepsChineseTextQuotesCommasLineBreaksAndSeparators() {
        List<EntryContent> contents = List.of(tricky(), TemplateInstructions.example());
        assertThat(readBack(SpreadsheetFormat.XLSX, PsbCatalogSample.xlsx(contents))).containsExactlyElementsOf(contents);
    }

    @Test
    void theFiftyPsbEntriesRoundTripThroughBothFormats() {
        List<EntryContent> contents = PsbCatalogSample.entries();
        assertThat(contents).hasSize(50);
        assertThat(contents.stream().map(EntryContent::name).distinct()).hasSize(50);
        assertThat(readBack(SpreadsheetFormat.XLSX, PsbCatalogSample.xlsx(contents))).containsExactlyElementsOf(contents);
        assertThat(readBack(SpreadsheetFormat.CSV, PsbCatalogSample.csv(contents))).containsExactlyElementsOf(contents);
    }

    @Test
    void theCommittedDemoWorkbookHoldsTheFiftySampleEntries() throws IOException {
        // Regenerate after changing PsbCatalogSample: run its main() from the catalog-service directory.
        byte[] demo = new org.springframework.core.io.ClassPathResource("spreadsheet/psb-catalog-50.xlsx").getContentAsByteArray();
        assertThat(readBack(SpreadsheetFormat.XLSX, demo)).containsExactlyElementsOf(PsbCatalogSample.entries());
    }

    @Test
    void csvIsReadWithOrWithoutByteOrderMarkAndWithLfOrCrlfLineEnds() {
        String body = String.join(",", TemplateHeader.labels()) + "\n" + String.join(",", EntryRows.cells(TemplateInstructions.example())) + "\n";
        byte[] plain = body.getBytes(StandardCharsets.UTF_8);
        byte[] bom = ("\uFEFF" + body.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8);
        assertThat(readBack(SpreadsheetFormat.CSV, plain)).containsExactly(TemplateInstructions.example());
        assertThat(readBack(SpreadsheetFormat.CSV, bom)).containsExactly(TemplateInstructions.example());
    }

    @Test
    void csvParserFollowsRfc4180ForQuotesEmbeddedLineBreaksAndEmptyFields() {
        List<List<String>> rows = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        CsvTable.parse("a,\"b,1\",\"say \"\"hi\"\"\"\r\n\"line1\nline2\",,x\r\n,,\nlast,\"\",end", (n, cells) -> {
            numbers.add(n);
            rows.add(cells);
        });
        assertThat(rows).containsExactly(
                List.of("a", "b,1", "say \"hi\""),
                List.of("line1\nline2", "", "x"),
                List.of("", "", ""),
                List.of("last", "", "end"));
        assertThat(numbers).containsExactly(1, 2, 3, 4);
    }

    @Test
    void anUnclosedQuoteIsAFileErrorNamingTheRecord() {
        assertThatThrownBy(() -> CsvTable.parse("a,b\n\"open,c\n", (n, cells) -> { }))
                .isInstanceOfSatisfying(Refusal.class, e -> {
                    assertThat(e.getMessage()).contains("file").contains("record 2");
                    assertThat(fieldOf(e)).isEqualTo("file");
                });
    }

    @Test
    void aGbkCsvIsAcceptedWhenItsHeaderIsTheTemplates() {
        Charset gbk = Charset.forName("GBK");
        String body = String.join(",", TemplateHeader.labels()) + "\r\n" + String.join(",", EntryRows.cells(TemplateInstructions.example())) + "\r\n";
        assertThat(readBack(SpreadsheetFormat.CSV, body.getBytes(gbk))).containsExactly(TemplateInstructions.example());
    }

    @Test
    void aCsvInAnotherEncodingIsRejectedNamingTheFileAndTheRemedy() {
        byte[] latin1 = "name,summary\r\nCaf\u00e9,r\u00e9sum\u00e9\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> CsvTable.read(latin1, (n, cells) -> { }))
                .isInstanceOfSatisfying(Refusal.class, e -> {
                    assertThat(fieldOf(e)).isEqualTo("file");
                    assertThat(e.getMessage()).contains("not UTF-8").contains("CSV UTF-8");
                });
        byte[] utf16 = "\uFEFF资源名称 name".getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[utf16.length];
        System.arraycopy(utf16, 0, withBom, 0, utf16.length);
        assertThatThrownBy(() -> CsvTable.read(withBom, (n, cells) -> { }))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.getMessage()).contains("UTF-16"));
    }

    @Test
    void xlsxNumberCellsLoseNoLeadingZerosOfCodesAndNoSpuriousDecimals() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "test", "1.0");
        Worksheet ws = workbook.newWorksheet(XlsxTable.DATA_SHEET);
        List<String> cells = EntryRows.cells(TemplateInstructions.example());
        for (TemplateColumn column : TemplateColumn.ALL) {
            ws.value(0, column.ordinal(), column.header());
            ws.value(1, column.ordinal(), cells.get(column.ordinal()));
        }
        // What Excel stores when an officer types 1, 1 and 320100 into a General-formatted cell.
        ws.value(1, TemplateColumn.CLASS_CODE.ordinal(), 1);
        ws.value(1, TemplateColumn.ITEM_CODE.ordinal(), 1.0);
        ws.value(1, TemplateColumn.REGION.ordinal(), 320100);
        ws.value(1, TemplateColumn.OBTAINED_BY_SHARING.ordinal(), Boolean.FALSE);
        workbook.finish();

        assertThat(readBack(SpreadsheetFormat.XLSX, out.toByteArray())).containsExactly(TemplateInstructions.example());
    }

    @Test
    void aBrokenOrForeignZipIsRefusedAsAnUnreadableWorkbookNamingFile() throws IOException {
        byte[] truncated = java.util.Arrays.copyOf(PsbCatalogSample.xlsx(PsbCatalogSample.entries().subList(0, 2)), 600);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (var out = new java.util.zip.ZipOutputStream(zip)) {
            out.putNextEntry(new java.util.zip.ZipEntry("word/document.xml"));
            out.write("<w:document/>".getBytes(StandardCharsets.UTF_8));
        }
        for (byte[] bytes : List.of(truncated, zip.toByteArray())) {
            assertThatThrownBy(() -> XlsxTable.read(new ByteArrayInputStream(bytes), (n, cells) -> { }))
                    .isInstanceOfSatisfying(Refusal.class, e -> assertThat(fieldOf(e)).isEqualTo("file"));
        }
    }

    @Test
    void aShortRegionIsReportedNotPadded() {
        List<String> cells = new ArrayList<>(EntryRows.cells(TemplateInstructions.example()));
        cells.set(TemplateColumn.REGION.ordinal(), "3201");
        cells.set(TemplateColumn.CLASS_CODE.ordinal(), "1");
        var request = EntryRows.read(2, cells).request();
        assertThat(request.classCode()).isEqualTo("01");
        assertThat(VALIDATOR.validate(request)).extracting(v -> v.getPropertyPath().toString()).containsExactly("region");
    }

    @Test
    void theDataItemsCellReadsTheDocumentedFormat() {
        var parsed = DataItemsCell.parse("公民身份号码:STRING:18:personal;姓名:STRING:50:personal;出生日期:DATE");
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.items()).extracting(EntryRequest.DataItemRequest::name).containsExactly("公民身份号码", "姓名", "出生日期");
        assertThat(parsed.items().get(0).length()).isEqualTo(18);
        assertThat(parsed.items().get(0).personal()).isTrue();
        assertThat(parsed.items().get(0).sensitive()).isFalse();
        assertThat(parsed.items().get(2).type()).isEqualTo(DataType.DATE);
        assertThat(parsed.items().get(2).length()).isNull();

        var chinese = DataItemsCell.parse("姓名:字符型:50:个人:敏感:desc=户籍登记的姓名;");
        assertThat(chinese.errors()).isEmpty();
        assertThat(chinese.items()).singleElement().satisfies(i -> {
            assertThat(i.type()).isEqualTo(DataType.STRING);
            assertThat(i.personal()).isTrue();
            assertThat(i.sensitive()).isTrue();
            assertThat(i.description()).isEqualTo("户籍登记的姓名");
        });
    }

    @Test
    void aMalformedDataItemIsReportedWithItsIndexAndAHint() {
        var parsed = DataItemsCell.parse("姓名:STRING:50;公民身份号码：STRING;出生日期:DAY;住址:STRING:abc");
        assertThat(parsed.errors()).extracting(RowError::field)
                .containsExactly("dataItems[1].type", "dataItems[2].type", "dataItems[3]");
        assertThat(parsed.errors().get(0).message()).contains("half-width colon");
        assertThat(parsed.errors().get(1).message()).contains("DAY").contains("STRING");
    }

    @Test
    void enumCellsAcceptCodesInAnyCaseAndChineseNames() {
        List<String> cells = new ArrayList<>(EntryRows.cells(TemplateInstructions.example()));
        cells.set(TemplateColumn.SHARE_TYPE.ordinal(), "无条件共享");
        cells.set(TemplateColumn.OPEN_TYPE.ordinal(), "不予开放");
        cells.set(TemplateColumn.FORMATS.ordinal(), "database；json");
        cells.set(TemplateColumn.GRADE.ordinal(), "重要数据");
        cells.set(TemplateColumn.OBTAINED_BY_SHARING.ordinal(), "否");
        cells.set(TemplateColumn.PROVIDER_DEPARTMENT.ordinal(), "psb");
        var parsed = EntryRows.read(2, cells);
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.request().toContent()).isEqualTo(TemplateInstructions.example());

        cells.set(TemplateColumn.SHARE_TYPE.ordinal(), "部分共享");
        cells.set(TemplateColumn.OBTAINED_BY_SHARING.ordinal(), "也许");
        assertThat(EntryRows.read(2, cells).errors()).extracting(RowError::field).containsExactly("shareType", "obtainedBySharing");
    }

    @Test
    void theHeaderCheckNamesTheFirstMissingOrUnexpectedColumn() {
        List<String> good = TemplateHeader.labels();
        TemplateHeader.check(good);
        TemplateHeader.check(TemplateColumn.ALL.stream().map(c -> c.field).toList());
        TemplateHeader.check(TemplateColumn.ALL.stream().map(c -> "*" + c.chinese + "\n" + c.field).toList());

        List<String> withoutSummary = new ArrayList<>(good);
        withoutSummary.remove(1);
        assertThatThrownBy(() -> TemplateHeader.check(withoutSummary)).isInstanceOfSatisfying(Refusal.class, e -> {
            assertThat(e.slug()).isEqualTo("invalid-header");
            assertThat(e.properties()).containsEntry("column", "摘要 summary").containsEntry("problem", "missing")
                    .containsEntry("position", "B");
        });

        List<String> extra = new ArrayList<>(good);
        extra.add(3, "备注 remarks");
        assertThatThrownBy(() -> TemplateHeader.check(extra)).isInstanceOfSatisfying(Refusal.class, e ->
                assertThat(e.properties()).containsEntry("column", "备注 remarks").containsEntry("problem", "unexpected"));

        // The last column (priority domains) is optional; the one before it is not.
        List<String> truncated = good.subList(0, good.size() - 2);
        assertThatThrownBy(() -> TemplateHeader.check(truncated)).isInstanceOfSatisfying(Refusal.class, e ->
                assertThat(e.properties()).containsEntry("column", "分级 grade").containsEntry("problem", "missing"));

        List<String> trailing = new ArrayList<>(good);
        trailing.add("");
        trailing.add("备注");
        assertThatThrownBy(() -> TemplateHeader.check(trailing)).isInstanceOfSatisfying(Refusal.class, e ->
                assertThat(e.properties()).containsEntry("column", "备注").containsEntry("problem", "unexpected"));
    }

    @Test
    void theTemplateColumnsAreTheEntryRequestFieldsInOrder() {
        List<String> fields = new ArrayList<>();
        for (var component : EntryRequest.class.getRecordComponents()) {
            if (component.getName().equals("dictionary")) {
                fields.addAll(List.of("dictionary.name", "dictionary.url", "dictionary.standard"));
            } else {
                fields.add(component.getName());
            }
        }
        assertThat(TemplateColumn.ALL).extracting(c -> c.field).containsExactlyElementsOf(fields);
        assertThat(TemplateColumn.NAME.header()).isEqualTo("资源名称 name");
        assertThat(TemplateColumn.SHARE_LEGAL_BASIS.required).isFalse();
        assertThat(TemplateColumn.REGION.required).isTrue();
    }

    @Test
    void theXlsxTemplateHasOnlyTheHeaderOnItsDataSheetAndDocumentsEveryColumnWithAValidExample() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxTable.write(out, java.util.Collections.emptyIterator(), 5000, "10 MB");
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            var sheets = workbook.getSheets().toList();
            assertThat(sheets).extracting(s -> s.getName()).containsExactly(XlsxTable.DATA_SHEET, XlsxTable.INSTRUCTIONS_SHEET);
            List<Row> data = sheets.get(0).read();
            assertThat(data).hasSize(1);
            assertThat(data.get(0).stream().map(XlsxTable::text).toList()).containsExactlyElementsOf(TemplateHeader.labels());

            List<List<String>> instructions = sheets.get(1).read().stream()
                    .map(r -> r.stream().map(XlsxTable::text).toList()).toList();
            for (TemplateColumn column : TemplateColumn.ALL) {
                assertThat(instructions).as(column.header()).anySatisfy(r -> assertThat(r).startsWith(column.letter(), column.header(),
                        column.field, TemplateInstructions.required(column)));
            }
            assertThat(instructions.stream().flatMap(List::stream)).anyMatch(s -> s.contains("CONDITIONAL (有条件共享)"));
            List<String> exampleHeader = TemplateHeader.labels();
            int at = instructions.indexOf(exampleHeader);
            assertThat(at).isPositive();
            var example = EntryRows.read(at + 2, instructions.get(at + 1));
            assertThat(example.errors()).isEmpty();
            assertThat(VALIDATOR.validate(example.request())).isEmpty();
            assertThat(EntryRules.check(example.request().toContent())).isEmpty();
        }
    }

    @Test
    void theCsvReadmeDocumentsEveryColumnInOrderAndItsExampleIsWhatTheCodeWrites() throws IOException {
        String readme = new org.springframework.core.io.ClassPathResource("spreadsheet/README.md").getContentAsString(StandardCharsets.UTF_8);
        int at = 0;
        for (TemplateColumn column : TemplateColumn.ALL) {
            String row = "| " + column.letter() + " | " + column.header() + " | ";
            assertThat(readme.indexOf(row, at)).as(row).isGreaterThan(at);
            at = readme.indexOf(row, at);
            assertThat(readme.substring(at).lines().findFirst().orElseThrow())
                    .contains(column.required ? "| yes |" : TemplateInstructions.required(column).startsWith("条件") ? "| conditional |" : "| no |");
        }
        String header = String.join(",", TemplateHeader.labels());
        String example = EntryRows.cells(TemplateInstructions.example()).stream().map(CsvTable::field)
                .collect(java.util.stream.Collectors.joining(","));
        assertThat(readme).contains("    " + header + "\n    " + example + "\n");
    }

    @Test
    void everySampleEntryPassesBeanValidationAndTheStatutoryRules() {
        for (EntryContent content : PsbCatalogSample.entries()) {
            var parsed = EntryRows.read(2, EntryRows.cells(content));
            assertThat(parsed.errors()).as(content.name()).isEmpty();
            assertThat(VALIDATOR.validate(parsed.request())).as(content.name()).isEmpty();
            assertThat(EntryRules.check(content)).as(content.name()).isEmpty();
        }
    }

    @Test
    void theContentHashIgnoresTheFileButNotTheContentOrDepartment() {
        var contents = PsbCatalogSample.entries().subList(0, 3);
        assertThat(ImportingEntries.contentHash("PSB", contents)).isEqualTo(ImportingEntries.contentHash("PSB", List.copyOf(contents)))
                .isNotEqualTo(ImportingEntries.contentHash("AMR", contents))
                .isNotEqualTo(ImportingEntries.contentHash("PSB", contents.subList(0, 2)))
                .hasSize(64);
    }

    @SuppressWarnings("unchecked")
    static String fieldOf(Refusal e) {
        var errors = (List<Map<String, String>>) e.properties().get("errors");
        return errors.get(0).get("field");
    }
}
