package cn.govdata.catalog.spreadsheet;

import cn.govdata.catalog.entry.EntryContent;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.test.TestTokens;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
class SpreadsheetImportTest {

    static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final JwtRequestPostProcessor BUREAU = TestTokens.user("bureau", "BDB", "320100", "bureau-reviewer");
    static final JwtRequestPostProcessor PSB = officer("PSB");
    static final JwtRequestPostProcessor CONSUMER = TestTokens.user("hrss-consumer", "HRSS", "320100", "dept-consumer");

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    JsonMapper json;

    static JwtRequestPostProcessor officer(String department) {
        return TestTokens.user(department.toLowerCase() + "-officer", department, "320100", "dept-data-officer");
    }

    @BeforeEach
    void departments() throws Exception {
        for (String code : List.of("PSB", "HRSS", "XLS-RT", "XLS-RESUME")) {
            if (!mongo.exists(Query.query(Criteria.where("_id").is(code)), "departments")) {
                mvc.perform(post("/api/catalog/departments").with(BUREAU).contentType(MediaType.APPLICATION_JSON).content("""
                                {"code":"%s","name":"部门%s","level":"CITY","region":"320100",
                                 "dataOfficer":{"realName":"李娜","phone":"025-84420001"}}""".formatted(code, code)))
                        .andExpect(status().isCreated());
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    static List<EntryContent> renamed(List<EntryContent> contents, String tag) {
        return contents.stream().map(c -> new EntryContent(c.name() + "（" + tag + "）", c.summary(), c.category(), c.classCode(),
                c.itemCode(), c.basicKind(), c.providerDepartment(), c.sourceSystem(), c.collectingDepartment(),
                c.approvingDepartment(), c.providingDepartment(), c.formats(), c.form(), c.dataItems(), c.dictionary(),
                c.shareType(), c.shareConditions(), c.shareScope(), c.shareReason(), c.shareLegalBasis(), c.shareMethods(),
                c.openType(), c.openConditions(), c.openReason(), c.openLegalBasis(), c.obtainedBySharing(),
                c.updateFrequency(), c.topic(), c.industry(), c.region(), c.grade())).toList();
    }

    static List<List<String>> cells(List<EntryContent> contents) {
        return contents.stream().map(c -> (List<String>) new ArrayList<>(EntryRows.cells(c))).toList();
    }

    static MockMultipartFile xlsxFile(List<List<String>> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxTable.write(out, rows.iterator(), 5000, "10 MB");
        return new MockMultipartFile("file", "目录.xlsx", XLSX_TYPE, out.toByteArray());
    }

    static MockMultipartFile csvFile(List<List<String>> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvTable.write(out, TemplateHeader.labels(), rows.iterator());
        return new MockMultipartFile("file", "目录.csv", "text/csv", out.toByteArray());
    }

    ResultActions upload(JwtRequestPostProcessor officer, MockMultipartFile file, String... params) throws Exception {
        MockMultipartHttpServletRequestBuilder builder = multipart("/api/catalog/entries/import").file(file);
        for (int i = 0; i < params.length; i += 2) {
            builder.param(params[i], params[i + 1]);
        }
        return mvc.perform(builder.with(officer));
    }

    JsonNode body(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.get("entryIds").forEach(n -> ids.add(n.asString()));
        return ids;
    }

    long count(String collection) {
        return mongo.count(new Query(), collection);
    }

    /** Performs a streamed download and waits for its body. */
    MvcResult download(RequestBuilder request) throws Exception {
        MvcResult started = mvc.perform(request).andExpect(request().asyncStarted()).andReturn();
        return mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn();
    }

    static String fresh() {
        return UUID.randomUUID().toString();
    }

    // ------------------------------------------------------------------ importing

    @Test
    void importingTheFiftyRowDemoWorkbookCreatesFiftyDraftsThatCanBeRead() throws Exception {
        byte[] demo = new ClassPathResource("spreadsheet/psb-catalog-50.xlsx").getContentAsByteArray();
        long before = count("entries");

        var result = upload(PSB, new MockMultipartFile("file", "psb-catalog-50.xlsx", XLSX_TYPE, demo), "importId", fresh())
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.LOCATION, containsString("/api/catalog/entries/imports/")))
                .andExpect(jsonPath("$.created").value(50))
                .andExpect(jsonPath("$.entryIds", hasSize(50)))
                .andExpect(jsonPath("$.submitted").value(false));

        assertThat(count("entries")).isEqualTo(before + 50);
        List<String> ids = ids(body(result));
        assertThat(ids.get(0)).matches("101001-PSB-\\d{6}");
        mvc.perform(get("/api/catalog/entries/" + ids.get(0)).with(PSB))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DRAFT"))
                .andExpect(jsonPath("$.pendingChange.content.name").value("人口基本信息"))
                .andExpect(jsonPath("$.pendingChange.content.dataItems[0].name").value("公民身份号码"))
                .andExpect(jsonPath("$.pendingChange.content.dataItems[0].personal").value(true));
        mvc.perform(get("/api/catalog/entries/" + ids.get(49)).with(PSB))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.pendingChange.content.name").value("户政业务办理网点信息"));
    }

    @Test
    void aFileWithErrorsInRows3And7IsRejectedListingExactlyThoseRowsAndFieldsAndStoresNothing() throws Exception {
        List<List<String>> rows = cells(renamed(PsbCatalogSample.entries().subList(0, 8), "错误行"));
        rows.get(1).set(TemplateColumn.SHARE_TYPE.ordinal(), "");      // spreadsheet row 3
        rows.get(5).set(TemplateColumn.REGION.ordinal(), "3201");      // spreadsheet row 7
        long entriesBefore = count("entries");
        long importsBefore = count("imports");

        upload(PSB, xlsxFile(rows))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type", endsWith("/problems/import-rejected")))
                .andExpect(jsonPath("$.rows[*].row", contains(3, 7)))
                .andExpect(jsonPath("$.rows[0].errors[*].field", contains("shareType")))
                .andExpect(jsonPath("$.rows[0].errors[0].column").value("R 共享类型 shareType"))
                .andExpect(jsonPath("$.rows[1].errors[*].field", contains("region")))
                .andExpect(jsonPath("$.rows[1].errors[0].message", containsString("6-digit")))
                .andExpect(jsonPath("$.detail", containsString("nothing was stored")));

        assertThat(count("entries")).isEqualTo(entriesBefore);
        assertThat(count("imports")).isEqualTo(importsBefore);
    }

    @Test
    void aConditionalShareRowWithoutLegalBasisIsReportedNamingShareLegalBasis() throws Exception {
        List<List<String>> rows = cells(renamed(PsbCatalogSample.entries().subList(0, 3), "无依据"));
        assertThat(rows.get(1).get(TemplateColumn.SHARE_TYPE.ordinal())).isEqualTo("CONDITIONAL");
        rows.get(1).set(TemplateColumn.SHARE_LEGAL_BASIS.ordinal(), " ");
        List<List<String>> withBlankLine = new ArrayList<>(rows);
        withBlankLine.add(1, Collections.nCopies(TemplateColumn.ALL.size(), "")); // a blank line still counts as a row

        upload(PSB, csvFile(withBlankLine))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.rows[*].row", contains(4)))
                .andExpect(jsonPath("$.rows[0].errors[*].field", contains("shareLegalBasis")))
                .andExpect(jsonPath("$.rows[0].errors[0].message", containsString("CONDITIONAL")));
    }

    @Test
    void aRowOfAnotherDepartmentOrNamingAnUnknownDepartmentIsReported() throws Exception {
        List<List<String>> rows = cells(renamed(PsbCatalogSample.entries().subList(0, 4), "他部门"));
        rows.get(1).set(TemplateColumn.PROVIDER_DEPARTMENT.ordinal(), "HRSS");
        rows.get(2).set(TemplateColumn.COLLECTING_DEPARTMENT.ordinal(), "NOPE");
        long before = count("entries");

        upload(PSB, xlsxFile(rows))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.rows[*].row", contains(3, 4)))
                .andExpect(jsonPath("$.rows[0].errors[*].field", contains("providerDepartment")))
                .andExpect(jsonPath("$.rows[0].errors[0].message", containsString("HRSS")))
                .andExpect(jsonPath("$.rows[1].errors[*].field", contains("collectingDepartment")))
                .andExpect(jsonPath("$.rows[1].errors[0].message", containsString("'NOPE'")));
        assertThat(count("entries")).isEqualTo(before);
    }

    @Test
    void submitTrueSubmitsEveryImportedEntry() throws Exception {
        var result = upload(PSB, xlsxFile(cells(renamed(PsbCatalogSample.entries().subList(0, 5), "提交"))), "submit", "true")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.created").value(5))
                .andExpect(jsonPath("$.submitted").value(true));
        for (String id : ids(body(result))) {
            mvc.perform(get("/api/catalog/entries/" + id).with(PSB))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("SUBMITTED"));
        }
    }

    // ------------------------------------------------------------------ idempotency

    @Test
    void uploadingTheSameContentAgainIsRefusedWith409NamingTheFirstImportsEntries() throws Exception {
        List<EntryContent> contents = renamed(PsbCatalogSample.entries().subList(10, 13), fresh());
        var first = upload(PSB, xlsxFile(cells(contents))).andExpect(status().isCreated())
                .andExpect(jsonPath("$.importId", startsWith("sha256-")));
        JsonNode created = body(first);
        long after = count("entries");

        // The same rows as CSV: a different file, the same content, hence the same import.
        upload(PSB, csvFile(cells(contents)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type", endsWith("/problems/import-duplicate")))
                .andExpect(jsonPath("$.importId").value(created.get("importId").asString()))
                .andExpect(jsonPath("$.entryIds", contains(ids(created).toArray())));
        assertThat(count("entries")).isEqualTo(after);

        mvc.perform(get("/api/catalog/entries/imports/" + created.get("importId").asString()).with(PSB))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("COMPLETED"))
                .andExpect(jsonPath("$.entryIds", hasSize(3)));
        mvc.perform(get("/api/catalog/entries/imports/" + created.get("importId").asString() + "?department=PSB").with(BUREAU))
                .andExpect(status().isOk()).andExpect(jsonPath("$.startedBy").value("psb-officer"));
        mvc.perform(get("/api/catalog/entries/imports/" + created.get("importId").asString()).with(officer("HRSS")))
                .andExpect(status().isNotFound());
    }

    @Test
    void aClientImportIdUsedForDifferentContentIsRefused() throws Exception {
        String importId = fresh();
        upload(PSB, xlsxFile(cells(renamed(PsbCatalogSample.entries().subList(0, 1), importId))), "importId", importId)
                .andExpect(status().isCreated()).andExpect(jsonPath("$.importId").value(importId));
        mvc.perform(multipart("/api/catalog/entries/import")
                        .file(xlsxFile(cells(renamed(PsbCatalogSample.entries().subList(1, 2), importId))))
                        .header("Idempotency-Key", importId).with(PSB))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type", endsWith("/problems/import-id-reused")));
    }

    @Test
    void anInterruptedImportIsFinishedByItsRetryWithTheSameEntriesAndNoDuplicates() throws Exception {
        JwtRequestPostProcessor officer = officer("XLS-RESUME");
        String importId = fresh();
        MockMultipartFile file = xlsxFile(cells(PsbCatalogSample.entries("XLS-RESUME").subList(0, 6)));
        List<String> ids = ids(body(upload(officer, file, "importId", importId).andExpect(status().isCreated())));
        long complete = count("entries");

        // What a crash in the middle of the insertMany leaves: the plan recorded, only a prefix stored.
        mongo.remove(Query.query(Criteria.where("_id").in(ids.subList(4, 6))), "entries");
        Query record = Query.query(Criteria.where("_id").is("XLS-RESUME/" + importId));
        mongo.updateFirst(record, Update.update("state", "PLANNED").set("leaseUntil", Instant.now().plusSeconds(600)), "imports");

        upload(officer, file, "importId", importId)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type", endsWith("/problems/import-in-progress")));

        mongo.updateFirst(record, Update.update("leaseUntil", Instant.now().minusSeconds(1)), "imports");
        upload(officer, file, "importId", importId)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.entryIds", contains(ids.toArray())));
        assertThat(count("entries")).isEqualTo(complete);
        mvc.perform(get("/api/catalog/entries/" + ids.get(5)).with(officer))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.pendingChange.content.name").value(PsbCatalogSample.entries().get(5).name()));

        upload(officer, file, "importId", importId).andExpect(status().isConflict())
                .andExpect(jsonPath("$.type", endsWith("/problems/import-duplicate")));
    }

    // ------------------------------------------------------------------ template and export

    @Test
    void anySignedInCallerDownloadsTheTemplateAsXlsxOrCsv() throws Exception {
        MvcResult xlsx = download(get("/api/catalog/entries/template").with(CONSUMER));
        assertThat(xlsx.getResponse().getContentType()).isEqualTo(XLSX_TYPE);
        assertThat(xlsx.getResponse().getHeader(HttpHeaders.CONTENT_DISPOSITION))
                .isEqualTo("attachment; filename=\"catalog-entries-template.xlsx\"");
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx.getResponse().getContentAsByteArray()))) {
            var sheets = workbook.getSheets().toList();
            assertThat(sheets).extracting(s -> s.getName()).containsExactly(XlsxTable.DATA_SHEET, XlsxTable.INSTRUCTIONS_SHEET);
            assertThat(sheets.get(0).read()).hasSize(1);
        }

        MvcResult csv = download(get("/api/catalog/entries/template?format=csv").with(CONSUMER));
        assertThat(csv.getResponse().getContentType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(csv.getResponse().getHeader(HttpHeaders.CONTENT_DISPOSITION))
                .isEqualTo("attachment; filename=\"catalog-entries-template.csv\"");
        assertThat(new String(csv.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8))
                .isEqualTo("\uFEFF" + String.join(",", TemplateHeader.labels()) + "\r\n");

        mvc.perform(get("/api/catalog/entries/template?format=pdf").with(CONSUMER))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("format"));
        mvc.perform(get("/api/catalog/entries/template")).andExpect(status().isUnauthorized());
    }

    @Test
    void anExportOfImportedEntriesReimportsCleanlyInBothFormats() throws Exception {
        JwtRequestPostProcessor officer = officer("XLS-RT");
        List<EntryContent> contents = PsbCatalogSample.entries("XLS-RT").subList(0, 12);
        upload(officer, xlsxFile(cells(contents)), "importId", fresh()).andExpect(status().isCreated());

        MvcResult xlsx = download(get("/api/catalog/entries/export").with(officer));
        assertThat(xlsx.getResponse().getHeader(HttpHeaders.CONTENT_DISPOSITION)).matches("attachment; filename=\"catalog-entries-XLS-RT-\\d{8}\\.xlsx\"");
        byte[] exported = xlsx.getResponse().getContentAsByteArray();
        // In resource-code order, which is not the row order of the import.
        assertThat(SpreadsheetRoundTripTest.readBack(SpreadsheetFormat.XLSX, exported)).containsExactlyInAnyOrderElementsOf(contents);

        upload(officer, new MockMultipartFile("file", "export.xlsx", XLSX_TYPE, exported), "importId", fresh())
                .andExpect(status().isCreated()).andExpect(jsonPath("$.created").value(12));

        MvcResult csv = download(get("/api/catalog/entries/export?format=csv&department=XLS-RT").with(officer));
        byte[] exportedCsv = csv.getResponse().getContentAsByteArray();
        assertThat(SpreadsheetRoundTripTest.readBack(SpreadsheetFormat.CSV, exportedCsv)).hasSize(24);
        upload(officer, new MockMultipartFile("file", "export.csv", "application/vnd.ms-excel", exportedCsv), "importId", fresh())
                .andExpect(status().isCreated()).andExpect(jsonPath("$.created").value(24));

        MvcResult bureau = download(get("/api/catalog/entries/export?format=csv&department=XLS-RT").with(BUREAU));
        assertThat(SpreadsheetRoundTripTest.readBack(SpreadsheetFormat.CSV, bureau.getResponse().getContentAsByteArray())).hasSize(48);
    }

    @Test
    void exportFollowsDepartmentOwnership() throws Exception {
        mvc.perform(get("/api/catalog/entries/export").with(BUREAU))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("department"));
        mvc.perform(get("/api/catalog/entries/export?department=HRSS").with(PSB)).andExpect(status().isForbidden());
        mvc.perform(get("/api/catalog/entries/export").with(CONSUMER)).andExpect(status().isForbidden());
        mvc.perform(get("/api/catalog/entries/export?department=NOPE").with(BUREAU)).andExpect(status().isNotFound());
    }

    // ------------------------------------------------------------------ file-level refusals

    @Test
    void onlyADataOfficerImports() throws Exception {
        MockMultipartFile file = xlsxFile(cells(PsbCatalogSample.entries().subList(0, 1)));
        upload(CONSUMER, file).andExpect(status().isForbidden());
        upload(BUREAU, file).andExpect(status().isForbidden());
    }

    @Test
    void anEmptyOrHeaderOnlyFileIsA400NamingFile() throws Exception {
        upload(PSB, new MockMultipartFile("file", "empty.csv", "text/csv", new byte[0]))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("file"))
                .andExpect(jsonPath("$.errors[0].message", containsString("empty")));
        upload(PSB, csvFile(List.of()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("file"));
        mvc.perform(multipart("/api/catalog/entries/import").with(PSB))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("file"));
    }

    @Test
    void aWrongHeaderIsA400NamingTheFirstMissingOrUnexpectedColumn() throws Exception {
        List<String> header = new ArrayList<>(TemplateHeader.labels());
        header.set(2, "备注 remarks");
        String csv = String.join(",", header) + "\r\n" + String.join(",", Collections.nCopies(header.size(), "x")) + "\r\n";
        upload(PSB, new MockMultipartFile("file", "wrong.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type", endsWith("/problems/invalid-header")))
                .andExpect(jsonPath("$.column").value("备注 remarks"))
                .andExpect(jsonPath("$.position").value("C"));
    }

    @Test
    void moreThan5000RowsOrMoreThan10MegabytesAreRefused() throws Exception {
        StringBuilder csv = new StringBuilder(String.join(",", TemplateHeader.labels())).append("\r\n");
        for (int i = 0; i < 5001; i++) {
            csv.append("资源").append(i).append("\r\n");
        }
        upload(PSB, new MockMultipartFile("file", "big.csv", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type", endsWith("/problems/too-many-rows")));

        byte[] huge = new byte[10 * 1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) 'a');
        upload(PSB, new MockMultipartFile("file", "huge.csv", "text/csv", huge))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.errors[0].field").value("file"));
    }

    @Test
    void theServletMultipartLimitsLetATenMegabyteTemplateThrough(@Autowired jakarta.servlet.MultipartConfigElement multipart) {
        assertThat(multipart.getMaxFileSize()).isGreaterThan(10L * 1024 * 1024);
        assertThat(multipart.getMaxRequestSize()).isGreaterThan(multipart.getMaxFileSize());
    }

    @Test
    void anOldXlsWorkbookOrAnUnknownFileTypeIsRefusedNamingFile() throws Exception {
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
        upload(PSB, new MockMultipartFile("file", "old.xls", "application/vnd.ms-excel", ole2))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message", containsString(".xlsx")));
        upload(PSB, new MockMultipartFile("file", "notes.pdf", "application/pdf", "%PDF-1.7".getBytes(StandardCharsets.US_ASCII)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("file"));
    }

    // ------------------------------------------------------------------ hostile uploads

    static MockMultipartFile zip(String name, java.util.function.Consumer<java.util.zip.ZipOutputStream> parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(out)) {
            parts.accept(zip);
        }
        return new MockMultipartFile("file", name, XLSX_TYPE, out.toByteArray());
    }

    static void part(java.util.zip.ZipOutputStream zip, String name, byte[] content) {
        try {
            zip.putNextEntry(new java.util.zip.ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aCallerWhoIsNotADataOfficerIsRefusedBeforeTheUploadIsLookedAt() throws Exception {
        // Without a file at all: the role is decided before the body, so this is 403, not "file is required".
        mvc.perform(multipart("/api/catalog/entries/import").with(CONSUMER))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type", endsWith("/problems/forbidden")));
        mvc.perform(multipart("/api/catalog/entries/import")).andExpect(status().isUnauthorized());
    }

    @Test
    void anXlsxThatInflatesLikeAZipBombIsRefusedNamingFile() throws Exception {
        byte[] spaces = new byte[30 * 1024 * 1024];
        java.util.Arrays.fill(spaces, (byte) ' ');
        upload(PSB, zip("bomb.xlsx", z -> part(z, "xl/worksheets/sheet1.xml", spaces)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type", endsWith("/problems/xlsx-compression-ratio")))
                .andExpect(jsonPath("$.errors[0].field").value("file"));
    }

    @Test
    void anXlsxWithTooManyPartsOrSharedStringsOrColumnsIsRefusedNamingFile() throws Exception {
        upload(PSB, zip("parts.xlsx", z -> {
            for (int i = 0; i < 300; i++) {
                part(z, "xl/media/p" + i + ".bin", new byte[] {1});
            }
        })).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type", endsWith("/problems/xlsx-too-many-parts")))
                .andExpect(jsonPath("$.errors[0].field").value("file"));

        StringBuilder strings = new StringBuilder("<sst>");
        for (int i = 0; i < 500_001; i++) {
            strings.append("<si><t>").append(Integer.toString(i, 36)).append("</t></si>");
        }
        byte[] sst = strings.append("</sst>").toString().getBytes(StandardCharsets.UTF_8);
        upload(PSB, zip("strings.xlsx", z -> part(z, "xl/sharedStrings.xml", sst)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type", endsWith("/problems/xlsx-too-many-strings")));

        String wide = String.join(",", Collections.nCopies(70, "x")) + "\r\n";
        upload(PSB, new MockMultipartFile("file", "wide.csv", "text/csv", wide.getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type", endsWith("/problems/too-many-columns")))
                .andExpect(jsonPath("$.errors[0].field").value("file"));
    }
}
