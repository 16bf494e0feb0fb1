package cn.govdata.system;

import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.EventTypes;
import cn.govdata.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog's "done when" through the gateway with real tokens: a department imports 50 entries
 * from a spreadsheet and submits them, the bureau returns one and approves the rest, a word inside
 * a longer Chinese name is found, a change becomes version 2 with a readable diff, a withdrawal is
 * announced before it takes effect, and the DCAT-AP export is JSON-LD.
 */
class CatalogSystemTest {

    static String bureau;
    static String officer;
    static String consumer;

    @BeforeAll
    static void tokensAndDepartment() {
        bureau = Stack.passwordToken("bureau");
        officer = Stack.passwordToken("psb-officer");
        consumer = Stack.clientToken(Stack.get("HRSS_SYSTEM_CLIENT_ID"), Stack.get("HRSS_SYSTEM_CLIENT_SECRET"));
        var registered = Stack.call("POST", "/api/catalog/departments", bureau, """
                {"code":"PSB","name":"市公安局","level":"CITY","region":"320100",
                 "dataOfficer":{"realName":"张伟","phone":"025-84420000"}}""");
        assertThat(registered.status()).as(registered.toString()).isIn(201, 409);
    }

    /** One CSV row per entry, in the column order of the service's own template. */
    static String csv(List<String> header, List<Map<String, String>> rows) {
        StringBuilder out = new StringBuilder(String.join(",", header.stream().map(CatalogSystemTest::quote).toList())).append("\r\n");
        for (Map<String, String> row : rows) {
            List<String> cells = new ArrayList<>();
            for (String column : header) {
                String field = column.substring(column.lastIndexOf(' ') + 1);
                cells.add(quote(row.getOrDefault(field, "")));
            }
            out.append(String.join(",", cells)).append("\r\n");
        }
        return out.toString();
    }

    static String quote(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    static Map<String, String> row(String name) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("summary", name + "，由公安局人口信息系统采集");
        row.put("category", "DEPARTMENTAL");
        row.put("classCode", "03");
        row.put("itemCode", "002");
        row.put("providerDepartment", "PSB");
        row.put("sourceSystem", "人口信息管理系统");
        row.put("formats", "JSON;CSV");
        row.put("form", "STRUCTURED");
        row.put("dataItems", "公民身份号码:STRING:18:personal:sensitive;姓名:STRING:50:personal;登记日期:DATE");
        row.put("shareType", "UNCONDITIONAL");
        row.put("shareMethods", "API");
        row.put("openType", "NOT_OPEN");
        row.put("openReason", "含个人信息");
        row.put("openLegalBasis", "《个人信息保护法》第二十八条");
        row.put("updateFrequency", "DAILY");
        row.put("topic", "人口");
        row.put("industry", "公共管理");
        row.put("region", "320100");
        row.put("grade", "IMPORTANT");
        return row;
    }

    @Test
    void aDepartmentsCatalogGoesFromSpreadsheetToPublishedSearchableVersionedAndWithdrawn() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Instant started = Instant.now();
        var template = Stack.call("GET", "/api/catalog/entries/template?format=csv", officer, null);
        assertThat(template.status()).as(template.toString()).isEqualTo(200);
        List<String> header = parseHeader(template.body());

        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            rows.add(row("系统测试" + run + "户籍迁移登记信息第" + i + "批"));
        }
        var imported = Stack.multipart("/api/catalog/entries/import?submit=true&importId=system-" + run, officer, "file",
                "catalog-" + run + ".csv", "text/csv", csv(header, rows).getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        assertThat(imported.json().get("created").asInt()).isEqualTo(50);
        List<String> ids = new ArrayList<>();
        imported.json().get("entryIds").forEach(id -> ids.add(id.asString()));

        String returned = ids.get(0);
        var back = Stack.call("POST", "/api/catalog/entries/" + returned + "/review", bureau,
                "{\"decision\":\"RETURN\",\"reasons\":[\"摘要未说明采集范围\"]}");
        assertThat(back.status()).as(back.toString()).isEqualTo(200);
        assertThat(back.json().get("status").asString()).isEqualTo("RETURNED");
        for (String id : ids.subList(1, ids.size())) {
            var approved = Stack.call("POST", "/api/catalog/entries/" + id + "/review", bureau, "{\"decision\":\"APPROVE\"}");
            assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        }

        // A word from the middle of a longer Chinese name, searched by another department's system.
        String word = "迁移登记";
        WalkingSkeletonSystemTest.eventually("search finds the published entries by '" + word + "'", () -> {
            var found = Stack.call("GET", "/api/catalog/entries?q=" + encode(word + " " + run) + "&size=100", consumer, null);
            return found.status() == 200 && found.json().get("totalItems").asInt() == 49;
        });
        var drafts = Stack.call("GET", "/api/catalog/entries?q=" + encode(run) + "&size=100", consumer, null);
        assertThat(drafts.body()).doesNotContain(returned);

        String changed = ids.get(1);
        var current = Stack.call("GET", "/api/catalog/entries/" + changed, officer, null).json().get("content");
        String body = Stack.JSON.writeValueAsString(withName(current, current.get("name").asString() + "（修订）"));
        assertThat(Stack.call("PUT", "/api/catalog/entries/" + changed, officer, body).status()).isEqualTo(200);
        assertThat(Stack.call("POST", "/api/catalog/entries/" + changed + "/submit", officer, null).status()).isEqualTo(200);
        var v2 = Stack.call("POST", "/api/catalog/entries/" + changed + "/review", bureau, "{\"decision\":\"APPROVE\"}");
        assertThat(v2.json().get("publishedVersion").asInt()).isEqualTo(2);
        var history = Stack.call("GET", "/api/catalog/entries/" + changed + "/history", consumer, null).json().get("history");
        JsonNode approval = null;
        for (JsonNode h : history) {
            if (h.get("action").asString().equals("change approved")) {
                approval = h;
            }
        }
        assertThat(approval).as("history %s", history).isNotNull();
        assertThat(approval.get("changes").get(0).get("field").asString()).isEqualTo("name");
        assertThat(approval.get("changes").get(0).get("after").asString()).endsWith("（修订）");

        String withdrawn = ids.get(2);
        assertThat(Stack.call("POST", "/api/catalog/entries/" + withdrawn + "/withdrawal", officer,
                "{\"reasons\":\"职能调整\"}").status()).isEqualTo(200);
        assertThat(Stack.call("POST", "/api/catalog/entries/" + withdrawn + "/withdrawal/decision", bureau,
                "{\"approve\":true,\"reasons\":\"同意\"}").json().get("status").asString()).isEqualTo("WITHDRAWN");
        List<String> types = eventTypes(withdrawn, started);
        assertThat(types).containsSubsequence(EventTypes.CATALOG_ENTRY_WITHDRAWAL_REQUESTED.type(),
                EventTypes.CATALOG_ENTRY_WITHDRAWN.type());

        var dcat = Stack.call("GET", "/api/catalog/entries/" + ids.get(3) + "/dcat", consumer, null);
        assertThat(dcat.status()).as(dcat.toString()).isEqualTo(200);
        assertThat(dcat.header("content-type")).startsWith("application/ld+json");
        JsonNode dataset = dcat.json();
        assertThat(dataset.get("@context").get("dcat").asString()).isEqualTo("http://www.w3.org/ns/dcat#");
        assertThat(dataset.get("@type").asString()).isEqualTo("dcat:Dataset");
        assertThat(dataset.get("dct:accessRights").get("@id").asString())
                .isEqualTo("http://publications.europa.eu/resource/authority/access-right/RESTRICTED");
    }

    static List<String> parseHeader(String csv) {
        String first = csv.replace("\uFEFF", "").lines().findFirst().orElseThrow();
        List<String> header = new ArrayList<>();
        for (String cell : first.split(",")) {
            header.add(cell.replace("\"", "").strip());
        }
        return header;
    }

    static JsonNode withName(JsonNode content, String name) {
        var copy = (tools.jackson.databind.node.ObjectNode) content.deepCopy();
        copy.put("name", name);
        return copy;
    }

    static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static List<String> eventTypes(String key, Instant since) {
        List<String> types = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Stack.kafka(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "system-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.CATALOG));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (Instant.now().isBefore(deadline) && !types.contains(EventTypes.CATALOG_ENTRY_WITHDRAWN.type())) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        types.add(WalkingSkeletonSystemTest.header(record, CloudEventHeaders.TYPE));
                    }
                }
            }
        }
        return types;
    }
}
