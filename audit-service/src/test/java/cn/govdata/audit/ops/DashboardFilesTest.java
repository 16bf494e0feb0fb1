package cn.govdata.audit.ops;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboards and Prometheus rules under deploy/ parse, and every panel asks
 * Prometheus something. That the queries return data is proven against a running stack by
 * deploy/grafana/check-dashboards.sh.
 */
class DashboardFilesTest {

    static final Path DEPLOY = Path.of("..", "deploy");
    final JsonMapper json = JsonMapper.builder().build();

    List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(DEPLOY.resolve("grafana/dashboards"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    static List<JsonNode> panels(JsonNode items) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode p : items) {
            if ("row".equals(p.path("type").asString())) {
                panels.addAll(panels(p.path("panels")));
            } else {
                panels.add(p);
            }
        }
        return panels;
    }

    @Test
    void theDashboardJsonFilesParseAndEachPanelHasANonEmptyPrometheusExpression() throws IOException {
        List<Path> files = dashboards();
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("platform-overview.json", "sharing-workflow.json",
                "exchange.json", "objections.json", "audit.json", "supervision.json");
        Set<String> uids = new HashSet<>();
        for (Path file : files) {
            JsonNode dashboard = json.readTree(Files.readString(file));
            assertThat(uids.add(dashboard.path("uid").asString())).as("unique uid in %s", file).isTrue();
            assertThat(dashboard.path("schemaVersion").asInt()).as("Grafana 10+ schema in %s", file).isGreaterThanOrEqualTo(36);
            List<JsonNode> panels = panels(dashboard.path("panels"));
            assertThat(panels).as("panels of %s", file).isNotEmpty();
            Set<Integer> ids = new HashSet<>();
            Set<String> titles = new HashSet<>();
            for (JsonNode panel : panels) {
                String title = panel.path("title").asString();
                assertThat(ids.add(panel.path("id").asInt())).as("unique panel id %s in %s", title, file).isTrue();
                titles.add(title);
                assertThat(panel.path("datasource").path("uid").asString()).as("%s / %s", file, title).isEqualTo("govdata-prometheus");
                assertThat(panel.path("targets")).as("targets of %s / %s", file, title).isNotEmpty();
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.path("expr").asString("").strip()).as("expr of %s / %s", file, title).isNotEmpty();
                }
            }
            for (JsonNode allowed : dashboard.path("govdata").path("allowEmpty")) {
                assertThat(titles).as("allowEmpty of %s names a panel", file).contains(allowed.asString());
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theProvisioningFilesAndAlertRulesParseAndCoverWhatOperatorsWatch() throws IOException {
        Yaml yaml = new Yaml();
        Map<String, Object> datasources = yaml.load(Files.readString(DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yml")));
        var datasource = ((List<Map<String, Object>>) datasources.get("datasources")).get(0);
        assertThat(datasource).containsEntry("uid", "govdata-prometheus").containsEntry("type", "prometheus");
        Map<String, Object> providers = yaml.load(Files.readString(DEPLOY.resolve("grafana/provisioning/dashboards/govdata.yml")));
        assertThat((List<?>) providers.get("providers")).hasSize(1);

        Map<String, Object> rules = yaml.load(Files.readString(DEPLOY.resolve("prometheus/rules/govdata.yml")));
        Set<String> alerts = new HashSet<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                assertThat(String.valueOf(rule.get("expr"))).isNotBlank();
                alerts.add(String.valueOf(rule.get("alert")));
            }
        }
        assertThat(alerts).contains("ServiceDown", "GatewayErrorRatioHigh", "StatutoryDeadlineMissed", "StatutoryDeadlinesOverdue",
                "CircuitBreakerOpen", "EventRelayLagging", "AuditChainBroken", "AbnormalDataAccess");
    }
}
