package cn.govdata.system;

import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.ObjectionEventTypes;
import cn.govdata.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13's open-data and bus side through the gateway, as a department and the county platforms
 * would meet it: an upload is matched to the catalog after its headers are normalised, a value that
 * is an ID number in a column without masking stops the publication, a formula in a cell downloads
 * as text, and after an objection on a people record nothing on {@code govdata.objection.v1}
 * (keys, headers, bodies) holds an ID number.
 */
class PrivacyPublishingSystemTest {

    private static final String DEPARTMENT = "AMR";
    private static final List<String> ITEMS = List.of("姓名", "公民身份号码", "手机号码", "许可事项", "发证日期");
    private static final Map<String, String> MASKING = Map.of("姓名", "NAME", "公民身份号码", "ID_NUMBER", "手机号码", "PHONE");
    /** A checksum-valid resident ID number (GB 11643) and one of the simulator's residents. */
    private static final String ID_NUMBER = "320102199001011232";
    private static final String PERSON = Scenarios.PERSON;
    /** Any 18-character ID-number shape, checksum or not: none may be on the bus. */
    private static final Pattern ID_SHAPE = Pattern.compile("(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])");

    static String bureau;
    static String officer;
    static String psbOfficer;
    static String citizen;

    @BeforeAll
    static void tokens() {
        bureau = Stack.passwordToken("bureau");
        officer = Stack.passwordToken("amr-officer");
        psbOfficer = Stack.passwordToken("psb-officer");
        citizen = Stack.passwordToken("citizen");
        Scenarios.department(bureau, DEPARTMENT, "市场监督管理局");
        Scenarios.department(bureau, "PSB", "市公安局");
    }

    @Test
    void aZeroWidthHeaderIsMatchedToItsPersonalItemAnIdNumberInAFreeColumnIsRefusedAndAFormulaDownloadsAsText() {
        String entry = Scenarios.publish(officer, bureau,
                Scenarios.entry("隐私发布测试（系统测试" + Scenarios.run() + "）", DEPARTMENT, "UNCONDITIONAL", "UNCONDITIONAL", ITEMS));
        OpenDataSystemTest.awaitListed(entry);

        // 姓名 followed by a zero-width space is 姓名: refused while 姓名 has no masking rule.
        String zeroWidth = "姓名\u200B,许可事项\r\n张三丰,食品经营许可\r\n";
        var unmasked = upload(entry, zeroWidth);
        assertThat(unmasked.status()).as(unmasked.toString()).isEqualTo(422);
        assertThat(unmasked.json().get("type").asString()).endsWith("unmasked-personal-data");
        assertThat(fields(unmasked.json())).containsExactly("姓名");

        // A column that is no catalog item is refused by name.
        var unknown = upload(entry, "许可事项,备注\r\n食品经营许可,x\r\n");
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(422);
        assertThat(unknown.json().get("type").asString()).endsWith("unknown-column");
        assertThat(fields(unknown.json())).containsExactly("备注");

        // An ID number in the free 许可事项 column stops the publication, naming column and row, not the value.
        var masking = Stack.call("PUT", "/api/open-data/datasets/" + entry + "/masking", officer,
                Stack.JSON.writeValueAsString(Map.of("rules", MASKING)));
        assertThat(masking.status()).as(masking.toString()).isEqualTo(200);
        var leaking = upload(entry, "姓名,许可事项\r\n张三丰,食品经营许可\r\n李四光,持证人" + ID_NUMBER + "\r\n");
        assertThat(leaking.status()).as(leaking.toString()).isEqualTo(422);
        assertThat(leaking.json().get("column").asString()).isEqualTo("许可事项");
        assertThat(leaking.json().get("row").asInt()).isEqualTo(2);
        assertThat(fields(leaking.json())).containsExactly("许可事项");
        assertThat(leaking.body()).doesNotContain(ID_NUMBER);
        assertThat(Stack.call("GET", "/api/open-data/public/datasets/" + entry + "/records", null, null).status())
                .as("nothing was published").isEqualTo(404);

        // With its rule, the zero-width 姓名 is published masked; a formula in a cell downloads as text.
        String withFormula = "姓名\u200B,许可事项\r\n张三丰,\"=HYPERLINK(\"\"http://evil.example/x\"\",\"\"点此\"\")\"\r\n";
        var published = upload(entry, withFormula);
        assertThat(published.status()).as(published.toString()).isEqualTo(201);
        var csv = Stack.call("GET", "/api/open-data/public/datasets/" + entry + "/download?format=csv", null, null);
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.body()).startsWith("\uFEFF#_citation,");
        List<String> lines = csv.body().replace("\uFEFF", "").lines().toList();
        assertThat(lines.get(1)).isEqualTo("姓名,许可事项");
        assertThat(lines.get(2)).isEqualTo("张**,\"'=HYPERLINK(\"\"http://evil.example/x\"\",\"\"点此\"\")\"");
        assertThat(csv.body()).doesNotContain("张三丰").doesNotContain(",=HYPERLINK").doesNotContain(",\"=HYPERLINK");
    }

    @Test
    void afterAnObjectionOnAPeopleRecordNoIdNumberIsOnTheObjectionTopic() {
        Instant started = Instant.now().minusSeconds(5);
        String resource = Scenarios.publish(psbOfficer, bureau,
                Scenarios.entry("人口基础信息（隐私测试 " + Scenarios.run() + "）", "PSB", "UNCONDITIONAL", "NOT_OPEN",
                        Scenarios.PEOPLE_ITEMS));
        String body = """
                {"reason":"ERROR","resourceId":"%s","recordKey":"%s","fields":["住址"],"claim":"住址登记错误",
                 "objector":{"name":"王五","phone":"13912345678"}}""".formatted(resource, PERSON);
        Stack.Response[] filed = new Stack.Response[1];
        WalkingSkeletonSystemTest.eventually("objection-service accepts an objection on " + resource, () -> {
            filed[0] = Stack.call("POST", "/api/objections/cases", citizen, body);
            return filed[0].status() == 201;
        });
        String trackingNumber = filed[0].json().get("trackingNumber").asString();

        List<String> leaks = new ArrayList<>();
        int[] seen = {0};
        ConsumerRecord<String, String> disputed = ObjectionSystemTest.awaitRecord(Topics.OBJECTION, record -> {
            if (record.timestamp() < started.toEpochMilli()) {
                return false;
            }
            seen[0]++;
            leaks.addAll(idNumbersIn(record));
            return trackingNumber.equals(record.key())
                    && ObjectionEventTypes.DATA_DISPUTED.type().equals(WalkingSkeletonSystemTest.header(record, CloudEventHeaders.TYPE));
        });
        assertThat(seen[0]).isPositive();
        assertThat(leaks).as("ID numbers in keys, headers or bodies of govdata.objection.v1").isEmpty();
        JsonNode event = Stack.JSON.readTree(disputed.value());
        assertThat(event.get("recordPseudonym").asString()).matches("pk_[0-9a-f]{40}");
        assertThat(disputed.key()).isEqualTo(trackingNumber);
    }

    private static List<String> idNumbersIn(ConsumerRecord<String, String> record) {
        List<String> found = new ArrayList<>();
        check("key", record.key(), found);
        for (Header header : record.headers()) {
            check("header " + header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8), found);
        }
        check("body", record.value(), found);
        return found;
    }

    private static void check(String where, String text, List<String> found) {
        if (text != null && (text.contains(PERSON) || ID_SHAPE.matcher(text).find())) {
            found.add(where + ": " + text);
        }
    }

    private static Stack.Response upload(String entry, String csv) {
        return Stack.multipart("/api/open-data/datasets/" + entry + "/versions", officer, "file", "upload.csv", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }
}
