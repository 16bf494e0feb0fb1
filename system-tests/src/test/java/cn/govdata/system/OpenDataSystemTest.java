package cn.govdata.system;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The open-data portal's "done when" through the gateway with real tokens. Without a token a citizen
 * finds a dataset by a Chinese keyword, downloads it as CSV and JSON with attribution and sees why a
 * not-open dataset is closed. With tokens a research institute's commercial application for
 * conditional data is refused at once; a company applies, the department approves, the company
 * accepts the data-use agreement, gets an API key and pulls the data; an application the department
 * leaves undecided past its statutory period shows as overdue. Personal fields are uploaded in clear
 * and must never come back unmasked from any download, the records API or a licensed pull.
 */
class OpenDataSystemTest {

    static final String DEPARTMENT = "AMR";
    static final List<String> ITEMS = List.of("姓名", "公民身份号码", "手机号码", "许可事项", "发证日期");
    static final Map<String, String> MASKING = Map.of("姓名", "NAME", "公民身份号码", "ID_NUMBER", "手机号码", "PHONE");
    /** What the department uploads; the personal values in it are what must never be published. */
    static final String UPLOAD = """
            姓名,公民身份号码,手机号码,许可事项,发证日期
            张三丰,320102199001011234,13812345678,食品经营许可,2026-03-01
            李四光,320104198505052345,13987654321,"食品经营许可,餐饮服务",2026-04-15
            """;
    static final List<String> CLEAR_PERSONAL_VALUES = List.of("张三丰", "李四光", "320102199001011234", "320104198505052345",
            "13812345678", "13987654321");
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static String bureau;
    static String officer;
    static String operator;
    static String citizen;
    static String company;
    static String departmentName;

    @BeforeAll
    static void tokensAndDepartment() {
        bureau = Stack.passwordToken("bureau");
        officer = Stack.passwordToken("amr-officer");
        operator = Stack.passwordToken("operator");
        citizen = Stack.passwordToken("citizen");
        company = Stack.passwordToken("company");
        Scenarios.department(bureau, DEPARTMENT, "市场监督管理局");
        // An earlier run or the demo set-up may have registered the department under another name.
        var registered = Stack.call("GET", "/api/catalog/departments/" + DEPARTMENT, bureau, null);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
        departmentName = registered.json().get("name").asString();
    }

    @Test
    void withoutATokenACitizenFindsADatasetByAChineseKeywordDownloadsItWithAttributionAndSeesWhyAnotherIsClosed() {
        String run = Scenarios.run();
        String open = Scenarios.publish(officer, bureau,
                Scenarios.entry("食品经营许可信息（系统测试" + run + "）", DEPARTMENT, "UNCONDITIONAL", "UNCONDITIONAL", ITEMS));
        awaitListed(open);

        // Personal items in clear are refused until each has a masking rule.
        var unmasked = Stack.multipart("/api/open-data/datasets/" + open + "/versions", officer, "file", "licences.csv", "text/csv",
                UPLOAD.getBytes(StandardCharsets.UTF_8));
        assertThat(unmasked.status()).as(unmasked.toString()).isEqualTo(422);
        assertThat(unmasked.json().get("type").asString()).endsWith("unmasked-personal-data");
        publishMaskedDataset(open);

        assertThat(findByKeyword("食品经营许可", open)).as("keyword search for 食品经营许可 lists %s", open).isTrue();
        assertThat(findByKeyword("二手车交易登记", open)).isFalse();

        var metadata = Stack.call("GET", "/api/open-data/public/datasets/" + open, null, null);
        assertThat(metadata.status()).as(metadata.toString()).isEqualTo(200);
        assertThat(metadata.json().get("openType").asString()).isEqualTo("UNCONDITIONAL");
        assertThat(metadata.json().get("version").asInt()).isEqualTo(1);
        assertThat(texts(metadata.json().get("maskedFields"))).containsExactlyInAnyOrder("姓名", "公民身份号码", "手机号码");
        assertThat(metadata.json().get("departmentName").asString()).isEqualTo(departmentName);

        var csv = Stack.call("GET", "/api/open-data/public/datasets/" + open + "/download?format=csv", null, null);
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        String citation = assertAttributed(csv, open, departmentName);
        List<String> lines = csv.body().replace("\uFEFF", "").lines().toList();
        assertThat(lines.get(0)).startsWith("#_citation,").contains(citation);
        assertThat(lines.get(1)).isEqualTo(String.join(",", ITEMS));
        assertThat(lines).hasSize(4);
        assertThat(lines.get(2)).contains("张**", "320102***********4", "138****5678", "食品经营许可", "2026-03-01");
        assertNoClearPersonalValues(csv.body());

        var json = Stack.call("GET", "/api/open-data/public/datasets/" + open + "/download?format=json", null, null);
        assertThat(json.status()).as(json.toString()).isEqualTo(200);
        assertAttributed(json, open, departmentName);
        JsonNode envelope = json.json();
        assertThat(envelope.get("_citation").asString()).contains("数据来源：" + departmentName).contains("获取日期：");
        assertThat(envelope.get("dataSourceCode").asString()).isEqualTo(DEPARTMENT);
        assertThat(envelope.get("records")).hasSize(2);
        assertThat(envelope.get("records").get(1).get("公民身份号码").asString()).isEqualTo("320104***********5");
        assertThat(envelope.get("records").get(1).get("许可事项").asString()).isEqualTo("食品经营许可,餐饮服务");
        assertNoClearPersonalValues(json.body());

        var records = Stack.call("GET", "/api/open-data/public/datasets/" + open + "/records?size=10", null, null);
        assertThat(records.status()).as(records.toString()).isEqualTo(200);
        assertThat(records.json().get("_citation").asString()).contains(departmentName);
        assertThat(records.json().get("totalItems").asInt()).isEqualTo(2);
        assertThat(records.json().get("items").get(0).get("手机号码").asString()).isEqualTo("138****5678");
        assertNoClearPersonalValues(records.body());

        WalkingSkeletonSystemTest.eventually("the two downloads of " + open + " are counted", () ->
                Stack.call("GET", "/api/open-data/public/datasets/" + open, null, null).json().get("downloads").asInt() == 2);

        // A not-open dataset: listed with why it is closed, never served.
        var closedEntry = Scenarios.entry("个体工商户经营者身份信息（系统测试" + run + "）", DEPARTMENT, "UNCONDITIONAL", "NOT_OPEN", ITEMS);
        closedEntry.put("openReason", "含经营者公民身份号码、手机号码等个人信息，公开将侵害个人权益");
        closedEntry.put("openLegalBasis", "《个人信息保护法》第二十八条");
        String closed = Scenarios.publish(officer, bureau, closedEntry);
        String notOpenQuery = "/api/open-data/public/not-open?q=" + encode(run) + "&department=" + DEPARTMENT + "&size=5";
        WalkingSkeletonSystemTest.eventually("the not-open list shows " + closed, () ->
                Stack.call("GET", notOpenQuery, null, null).json().get("totalItems").asInt() == 1);
        var notOpen = Stack.call("GET", notOpenQuery, null, null);
        assertThat(notOpen.status()).as(notOpen.toString()).isEqualTo(200);
        assertThat(notOpen.json().get("size").asInt()).isEqualTo(5);
        JsonNode why = notOpen.json().get("items").get(0);
        assertThat(why.get("entryId").asString()).isEqualTo(closed);
        assertThat(why.get("departmentName").asString()).isEqualTo(departmentName);
        assertThat(why.get("reason").asString()).isEqualTo("含经营者公民身份号码、手机号码等个人信息，公开将侵害个人权益");
        assertThat(why.get("legalBasis").asString()).isEqualTo("《个人信息保护法》第二十八条");
        var paged = Stack.call("GET", "/api/open-data/public/not-open?size=1", null, null);
        assertThat(paged.json().get("items")).hasSize(1);
        assertThat(paged.json().get("totalItems").asInt()).isGreaterThanOrEqualTo(1);

        var closedMetadata = Stack.call("GET", "/api/open-data/public/datasets/" + closed, null, null);
        assertThat(closedMetadata.status()).isEqualTo(404);
        assertThat(closedMetadata.header("content-type")).startsWith("application/problem+json");
        assertThat(Stack.call("GET", "/api/open-data/public/datasets/" + closed + "/download?format=csv", null, null).status())
                .isEqualTo(404);
        assertThat(findByKeyword(run, closed)).isFalse();
    }

    @Test
    void conditionalDataIsRefusedAtOnceForCommercialResearchLicensedToACompanyByAgreementAndOverdueWhenLeftUndecided() {
        String run = Scenarios.run();
        var entry = Scenarios.entry("企业用电用水信息（系统测试" + run + "）", DEPARTMENT, "UNCONDITIONAL", "CONDITIONAL", ITEMS);
        entry.put("openLegalBasis", "《南京市公共数据管理办法》第二十四条");
        String conditional = Scenarios.publish(officer, bureau, entry);
        awaitListed(conditional);
        publishMaskedDataset(conditional);

        var anonymous = Stack.call("GET", "/api/open-data/public/datasets/" + conditional + "/download?format=csv", null, null);
        assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(403);
        assertNoClearPersonalValues(anonymous.body());

        // A research institute may not use conditional data commercially (NJ 27): refused at once, nothing filed.
        var research = Stack.call("POST", "/api/open-data/applications", citizen, application(conditional, "research-institute", true));
        assertThat(research.status()).as(research.toString()).isEqualTo(422);
        assertThat(research.header("content-type")).startsWith("application/problem+json");
        assertThat(research.json().get("type").asString()).endsWith("commercial-use-not-allowed");
        assertThat(research.json().get("detail").asString()).contains("NJ 27");
        var filed = Stack.call("GET", "/api/open-data/applications", citizen, null);
        assertThat(filed.status()).isEqualTo(200);
        assertThat(filed.body()).doesNotContain(conditional);

        // Commercial development is awarded by competitive selection (NJ 27 ¶3), never first come: refused, nothing filed.
        var firstCome = Stack.call("POST", "/api/open-data/applications", company,
                application(conditional, "domestic-controlled-enterprise", true));
        assertThat(firstCome.status()).as(firstCome.toString()).isEqualTo(409);
        assertThat(firstCome.json().get("type").asString()).endsWith("commercial-use-by-selection");

        // A company applies for non-commercial use, the department approves, the company accepts the agreement and gets a key.
        var applied = Stack.call("POST", "/api/open-data/applications", company,
                application(conditional, "domestic-controlled-enterprise", false));
        assertThat(applied.status()).as(applied.toString()).isEqualTo(201);
        String companyApplication = applied.json().get("id").asString();
        assertThat(applied.json().get("state").asString()).isEqualTo("SUBMITTED");
        assertThat(applied.json().get("decisionRule").asString()).isEqualTo("NJ 27");
        assertThat(Instant.parse(applied.json().get("decisionDueAt").asString())).isAfter(serviceNow());

        var early = Stack.call("POST", "/api/open-data/applications/" + companyApplication + "/licence", company,
                "{\"agreementVersion\":\"" + agreementVersion() + "\",\"accepted\":true}");
        assertThat(early.status()).as("no licence before approval: " + early).isEqualTo(409);
        var byTheCompany = Stack.call("POST", "/api/open-data/applications/" + companyApplication + "/decision", company,
                "{\"approve\":true}");
        assertThat(byTheCompany.status()).isEqualTo(403);

        var approved = Stack.call("POST", "/api/open-data/applications/" + companyApplication + "/decision", officer,
                "{\"approve\":true,\"reasons\":\"用途明确，安全措施充分\"}");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().get("state").asString()).isEqualTo("APPROVED");
        assertThat(approved.json().get("decidedBy").asString()).isNotBlank();

        var licensed = Stack.call("POST", "/api/open-data/applications/" + companyApplication + "/licence", company,
                "{\"agreementVersion\":\"" + agreementVersion() + "\",\"accepted\":true}");
        assertThat(licensed.status()).as(licensed.toString()).isEqualTo(201);
        String apiKey = licensed.json().get("apiKey").asString();
        assertThat(apiKey).startsWith("odk_");
        assertThat(licensed.json().get("application").get("state").asString()).isEqualTo("LICENSED");
        var reread = Stack.call("GET", "/api/open-data/applications/" + companyApplication, company, null);
        assertThat(reread.json().get("licence").get("keyPrefix").asString()).isEqualTo(apiKey.substring(0, 8));
        assertThat(reread.body()).doesNotContain(apiKey);

        var pulled = withApiKey("/api/open-data/public/licensed/datasets/" + conditional + "/download?format=json", apiKey);
        assertThat(pulled.statusCode()).as(pulled.body()).isEqualTo(200);
        assertThat(pulled.headers().firstValue("X-Data-Source-Code")).hasValue(DEPARTMENT);
        JsonNode data = Stack.JSON.readTree(pulled.body());
        assertThat(data.get("_citation").asString()).contains(conditional);
        assertThat(data.get("records")).hasSize(2);
        assertThat(data.get("records").get(0).get("姓名").asString()).isEqualTo("张**");
        assertNoClearPersonalValues(pulled.body());
        var pulledCsv = withApiKey("/api/open-data/public/licensed/datasets/" + conditional + "/download?format=csv", apiKey);
        assertThat(pulledCsv.statusCode()).isEqualTo(200);
        assertThat(pulledCsv.body()).contains("320102***********4");
        assertNoClearPersonalValues(pulledCsv.body());
        assertThat(withApiKey("/api/open-data/public/licensed/datasets/" + conditional + "/download", "odk_not-a-key").statusCode())
                .isEqualTo(401);

        // An application the department leaves undecided past its statutory period shows as overdue.
        var undecided = Stack.call("POST", "/api/open-data/applications", citizen,
                application(conditional, "research-institute", false));
        assertThat(undecided.status()).as("non-commercial research is admitted: " + undecided).isEqualTo(201);
        String overdueApplication = undecided.json().get("id").asString();
        assertThat(undecided.json().get("decisionOverdue").asBoolean()).isFalse();
        Instant due = Instant.parse(undecided.json().get("decisionDueAt").asString());
        // The service clock may already run ahead after earlier runs; move it just past this deadline.
        Duration untilDue = Duration.between(serviceNow(), due);
        assertThat(untilDue).isPositive();
        var advanced = Stack.call("POST", "/api/open-data/time/advance", operator,
                "{\"by\":\"" + untilDue.plusMinutes(10) + "\"}");
        assertThat(advanced.status()).as(advanced.toString()).isEqualTo(200);
        assertThat(Instant.parse(advanced.json().get("now").asString())).isAfter(due);

        WalkingSkeletonSystemTest.eventually("application " + overdueApplication + " shows as overdue", () ->
                Stack.call("GET", "/api/open-data/applications/" + overdueApplication, citizen, null)
                        .json().get("decisionOverdue").asBoolean());
        var overdue = Stack.call("GET", "/api/open-data/applications/" + overdueApplication, officer, null);
        assertThat(overdue.json().get("state").asString()).isEqualTo("SUBMITTED");
        assertThat(overdue.json().get("decisionOverdue").asBoolean()).isTrue();
        assertThat(Stack.call("GET", "/api/open-data/applications/" + companyApplication, company, null)
                .json().get("decisionOverdue").asBoolean()).as("a decided application is never overdue").isFalse();
    }

    @Test
    void aRecordUnderObjectionIsFlaggedInThePublicDataUntilTheCaseIsClosedWithoutRevealingItsKey() {
        String run = Scenarios.run();
        String open = Scenarios.publish(officer, bureau,
                Scenarios.entry("食品经营许可信息（异议测试" + run + "）", DEPARTMENT, "UNCONDITIONAL", "UNCONDITIONAL", ITEMS));
        awaitListed(open);
        publishMaskedDataset(open);

        // The licence item is published in clear, so a record can be named by it.
        String key = "食品经营许可,餐饮服务";
        Stack.Response[] filed = new Stack.Response[1];
        WalkingSkeletonSystemTest.eventually("the objection desk accepts an objection on " + open, () -> {
            filed[0] = Stack.call("POST", "/api/objections/cases", citizen, Stack.JSON.writeValueAsString(Map.of(
                    "reason", "ERROR", "resourceId", open, "recordKey", key, "fields", List.of("发证日期"),
                    "claim", "发证日期登记有误", "objector", Map.of("name", "王五", "phone", "13900000000"))));
            return filed[0].status() == 201;
        });
        String tracking = filed[0].json().get("trackingNumber").asString();

        WalkingSkeletonSystemTest.eventually("the public metadata of " + open + " shows the dispute", () ->
                Stack.call("GET", "/api/open-data/public/datasets/" + open, null, null).json().get("disputed").asBoolean());
        var metadata = Stack.call("GET", "/api/open-data/public/datasets/" + open, null, null);
        assertThat(metadata.json().get("disputedRecords").asInt()).isEqualTo(1);
        assertThat(texts(metadata.json().get("disputedFields"))).containsExactly("发证日期");
        var records = Stack.call("GET", "/api/open-data/public/datasets/" + open + "/records?size=10", null, null).json().get("items");
        assertThat(records.get(0).has("_disputed")).as("the other record is not flagged").isFalse();
        assertThat(records.get(1).get("_disputed").asBoolean()).isTrue();
        assertThat(texts(records.get(1).get("_disputedFields"))).containsExactly("发证日期");
        var csv = Stack.call("GET", "/api/open-data/public/datasets/" + open + "/download?format=csv", null, null);
        assertThat(csv.header("X-Data-Disputed")).isEqualTo("true");
        assertThat(csv.body()).doesNotContain("_disputed");

        assertThat(Stack.call("POST", "/api/objections/cases/" + tracking + "/route", operator,
                "{\"route\":\"DEPARTMENT\",\"department\":\"" + DEPARTMENT + "\"}").status()).isEqualTo(200);
        var rejected = Stack.call("POST", "/api/objections/cases/" + tracking + "/decision", officer,
                "{\"decision\":\"REJECT\",\"reasons\":\"经核对许可档案，发证日期无误\"}");
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        WalkingSkeletonSystemTest.eventually("the flag on " + open + " is gone once the case is closed", () ->
                !Stack.call("GET", "/api/open-data/public/datasets/" + open, null, null).json().get("disputed").asBoolean());
        assertThat(Stack.call("GET", "/api/open-data/public/datasets/" + open + "/records?size=10", null, null).body())
                .doesNotContain("_disputed");
    }

    static void awaitListed(String entryId) {
        WalkingSkeletonSystemTest.eventually("open-data lists " + entryId, () ->
                Stack.call("GET", "/api/open-data/public/datasets/" + entryId, null, null).status() == 200);
    }

    static void publishMaskedDataset(String entryId) {
        var masking = Stack.call("PUT", "/api/open-data/datasets/" + entryId + "/masking", officer,
                Stack.JSON.writeValueAsString(Map.of("rules", MASKING)));
        assertThat(masking.status()).as(masking.toString()).isEqualTo(200);
        var uploaded = Stack.multipart("/api/open-data/datasets/" + entryId + "/versions", officer, "file", "licences.csv",
                "text/csv", UPLOAD.getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        assertThat(uploaded.json().get("recordCount").asInt()).isEqualTo(2);
        assertThat(texts(uploaded.json().get("maskedFields"))).containsExactlyInAnyOrder("姓名", "公民身份号码", "手机号码");
    }

    /** Pages through the anonymous keyword search, as a citizen would, until the entry turns up. */
    static boolean findByKeyword(String keyword, String entryId) {
        for (int page = 0; ; page++) {
            var found = Stack.call("GET", "/api/open-data/public/datasets?q=" + encode(keyword) + "&page=" + page + "&size=100",
                    null, null);
            assertThat(found.status()).as(found.toString()).isEqualTo(200);
            for (JsonNode item : found.json().get("items")) {
                if (item.get("entryId").asString().equals(entryId)) {
                    assertThat(item.get("name").asString()).contains(keyword);
                    return true;
                }
            }
            if (page + 1 >= found.json().get("totalPages").asInt()) {
                return false;
            }
        }
    }

    /** NJ 27 / QZ 6.7: source and acquisition date in the headers and the body; returns the citation. */
    static String assertAttributed(Stack.Response download, String entryId, String departmentName) {
        assertThat(download.header("X-Data-Source-Code")).isEqualTo(DEPARTMENT);
        assertThat(URLDecoder.decode(download.header("X-Data-Source"), StandardCharsets.UTF_8)).isEqualTo(departmentName);
        assertThat(download.header("X-Dataset-Version")).isEqualTo("1");
        Instant acquiredAt = Instant.parse(download.header("X-Acquired-At"));
        String citation = URLDecoder.decode(download.header("X-Citation"), StandardCharsets.UTF_8);
        assertThat(citation).contains("数据来源：" + departmentName).contains(entryId)
                .contains("获取日期：" + acquiredAt.atZone(CHINA).toLocalDate());
        assertThat(download.header("content-disposition")).contains(entryId + "-v1.");
        return citation;
    }

    static void assertNoClearPersonalValues(String body) {
        for (String value : CLEAR_PERSONAL_VALUES) {
            assertThat(body).as("published data must never contain the personal value %s", value).doesNotContain(value);
        }
    }

    static String application(String entryId, String applicantKind, boolean commercialUse) {
        return Stack.JSON.writeValueAsString(Map.of(
                "entryId", entryId,
                "applicantKind", applicantKind,
                "organisation", commercialUse ? "南京智联数据科技有限公司" : "江苏省城市发展研究院",
                "purpose", commercialUse ? "开发企业能耗分析产品" : "城市能耗时空分布研究",
                "scenario", "按月汇总分析，不识别到个人",
                "safetyMeasures", "专用服务器隔离存储，访问留痕，不向第三方提供",
                "commercialUse", commercialUse));
    }

    static String agreementVersion() {
        var agreement = Stack.call("GET", "/api/open-data/public/agreement", null, null);
        assertThat(agreement.status()).as(agreement.toString()).isEqualTo(200);
        assertThat(agreement.json().get("clauses")).isNotEmpty();
        return agreement.json().get("version").asString();
    }

    static Instant serviceNow() {
        var time = Stack.call("GET", "/api/open-data/time", operator, null);
        assertThat(time.status()).as(time.toString()).isEqualTo(200);
        return Instant.parse(time.json().get("now").asString());
    }

    /** A licensee's system pulls with its API key instead of a token. */
    static HttpResponse<String> withApiKey(String path, String apiKey) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(Stack.get("GATEWAY_URL") + path)).timeout(Duration.ofSeconds(30))
                    .header("X-Api-Key", apiKey).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
