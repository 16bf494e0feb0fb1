package cn.govdata.system;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuators answer only on each service's loopback management port: the port the gateway routes to
 * answers 404 for {@code /actuator/**}, the gateway refuses {@code /api/<service>/actuator/**}, and
 * Eureka registers the management port (health-check URL and {@code management.port} metadata) so
 * discovery still finds each service's health.
 */
class ManagementPortSystemTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, String> PREFIXES = Map.of("CATALOG-SERVICE", "catalog", "SHARING-SERVICE", "sharing",
            "OPEN-DATA-SERVICE", "open-data", "OBJECTION-SERVICE", "objections", "AUDIT-SERVICE", "audit");

    private static int get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void everyRegisteredServiceServesItsActuatorOnTheManagementPortOnlyAndTheGatewayNeverRoutesIt() throws Exception {
        var apps = HTTP.send(HttpRequest.newBuilder(URI.create(Stack.get("DISCOVERY_URL") + "/eureka/apps"))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(apps.statusCode()).isEqualTo(200);
        String token = Stack.passwordToken("operator");
        List<String> checked = new ArrayList<>();
        for (JsonNode app : Stack.JSON.readTree(apps.body()).get("applications").get("application")) {
            String name = app.get("name").asString();
            for (JsonNode instance : app.get("instance")) {
                String home = instance.get("homePageUrl").asString().replaceAll("/$", "");
                String health = instance.get("healthCheckUrl").asString();
                String managementPort = instance.get("metadata").get("management.port").asString();
                assertThat(health).as(name + " registers its management port's health").contains(":" + managementPort + "/actuator/health");
                assertThat(home).as(name).doesNotContain(":" + managementPort);

                assertThat(get(health)).as(name + " health on the management port").isEqualTo(200);
                assertThat(get(health.replace("/actuator/health", "/actuator/prometheus"))).as(name + " metrics").isEqualTo(200);
                assertThat(get(home + "/actuator/prometheus")).as(name + " metrics on the routed port").isEqualTo(404);
                assertThat(get(home + "/actuator/health")).as(name + " health on the routed port").isEqualTo(404);
                if (PREFIXES.containsKey(name)) {
                    for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/env")) {
                        int status = Stack.call("GET", "/api/" + PREFIXES.get(name) + path, token, null).status();
                        assertThat(status).as("the gateway on /api/" + PREFIXES.get(name) + path).isIn(401, 403);
                    }
                }
                checked.add(name + " " + home + " / " + health);
            }
        }
        assertThat(get(Stack.get("GATEWAY_URL") + "/actuator/prometheus")).as("the gateway's own metrics on its routed port")
                .isEqualTo(404);
        assertThat(get(Stack.get("GATEWAY_MANAGEMENT_URL") + "/actuator/health")).isEqualTo(200);
        assertThat(get(Stack.get("DISCOVERY_MANAGEMENT_URL") + "/actuator/health")).isEqualTo(200);
        assertThat(get(Stack.get("DISCOVERY_URL") + "/actuator/health")).isEqualTo(404);
        checked.forEach(c -> System.out.println("  management port checked: " + c));
        assertThat(checked).as("the gateway and the five domain services are registered").hasSizeGreaterThanOrEqualTo(6);
    }
}
