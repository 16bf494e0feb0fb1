package cn.govdata.platform.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two Keycloak realm files: the demo realm the local stack imports, and the production realm
 * operators import. Both must give the services what they rely on (roles, the audience, the
 * department and region claims); the production one must also be locked down.
 */
class RealmFilesTest {

    static final Path DIR = Path.of("../../deploy/keycloak");
    static final JsonMapper JSON = JsonMapper.builder().build();

    static JsonNode realm(String file) throws Exception {
        return JSON.readTree(Files.readString(DIR.resolve(file)));
    }

    static JsonNode production() throws Exception {
        return realm("govdata-realm-production.json");
    }

    static List<JsonNode> list(JsonNode node) {
        return StreamSupport.stream(node.spliterator(), false).toList();
    }

    static Set<String> names(JsonNode array, String field) {
        Set<String> names = new TreeSet<>();
        array.forEach(n -> names.add(n.path(field).asString()));
        return names;
    }

    /** Every role constant the services check, read from {@link Roles} so a new role must be added to both realms. */
    static Set<String> rolesTheServicesCheck() {
        Set<String> roles = new HashSet<>();
        for (var field : Roles.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    roles.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return roles;
    }

    @ParameterizedTest
    @ValueSource(strings = {"govdata-realm.json", "govdata-realm-production.json"})
    void bothRealmsGiveTheServicesTheirRolesAudienceAndDepartmentAndRegionClaims(String file) throws Exception {
        JsonNode realm = realm(file);

        assertThat(realm.path("realm").asString()).isEqualTo("govdata");
        assertThat(names(realm.path("roles").path("realm"), "name")).containsAll(rolesTheServicesCheck());
        JsonNode govdata = list(realm.path("clientScopes")).stream().filter(s -> s.path("name").asString().equals("govdata"))
                .findFirst().orElseThrow();
        List<JsonNode> mappers = list(govdata.path("protocolMappers"));
        assertThat(mappers).anySatisfy(m -> {
            assertThat(m.path("protocolMapper").asString()).isEqualTo("oidc-audience-mapper");
            assertThat(m.path("config").path("included.custom.audience").asString()).isEqualTo("govdata-api");
            assertThat(m.path("config").path("access.token.claim").asString()).isEqualTo("true");
        });
        for (String claim : List.of("department", "region")) {
            assertThat(mappers).as(claim + " claim").anySatisfy(m -> {
                assertThat(m.path("config").path("claim.name").asString()).isEqualTo(claim);
                assertThat(m.path("config").path("access.token.claim").asString()).isEqualTo("true");
            });
        }
        assertThat(names(realm.path("clientScopes"), "name")).contains("roles", "basic");
        for (JsonNode client : realm.path("clients")) {
            assertThat(list(client.path("defaultClientScopes")).stream().map(JsonNode::asString))
                    .as(client.path("clientId").asString()).contains("govdata", "roles", "basic");
        }
    }

    @Test
    void theProductionRealmHasTheDemoRealmsRolesScopesMappersAndClients() throws Exception {
        JsonNode demo = realm("govdata-realm.json");
        JsonNode prod = production();

        assertThat(names(prod.path("roles").path("realm"), "name")).isEqualTo(names(demo.path("roles").path("realm"), "name"));
        assertThat(names(prod.path("clientScopes"), "name")).isEqualTo(names(demo.path("clientScopes"), "name"));
        for (JsonNode scope : demo.path("clientScopes")) {
            JsonNode same = list(prod.path("clientScopes")).stream()
                    .filter(s -> s.path("name").asString().equals(scope.path("name").asString())).findFirst().orElseThrow();
            assertThat(same.path("protocolMappers")).as("mappers of scope " + scope.path("name").asString())
                    .isEqualTo(scope.path("protocolMappers"));
        }
        assertThat(names(prod.path("clients"), "clientId")).isEqualTo(names(demo.path("clients"), "clientId"));
        assertThat(prod.path("defaultDefaultClientScopes")).isEqualTo(demo.path("defaultDefaultClientScopes"));
        // Client credentials tokens take department, region and roles from the service-account users.
        assertThat(list(prod.path("users"))).extracting(u -> u.path("username").asString())
                .containsExactlyInAnyOrderElementsOf(list(demo.path("users")).stream()
                        .filter(u -> u.has("serviceAccountClientId")).map(u -> u.path("username").asString()).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"govdata-realm.json", "govdata-realm-production.json"})
    void theConsoleSignsInWithTheCodeFlowAndPkceOnlyAndReturnsOnlyToTheGatewaysConsolePath(String file) throws Exception {
        JsonNode console = list(realm(file).path("clients")).stream()
                .filter(c -> c.path("clientId").asString().equals("govdata-console")).findFirst().orElseThrow();
        assertThat(console.path("publicClient").asBoolean()).isTrue();
        assertThat(console.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(console.path("directAccessGrantsEnabled").asBoolean(true)).as("password grant").isFalse();
        assertThat(console.path("implicitFlowEnabled").asBoolean(true)).as("implicit flow").isFalse();
        assertThat(console.path("serviceAccountsEnabled").asBoolean(true)).as("client credentials").isFalse();
        assertThat(console.path("attributes").path("pkce.code.challenge.method").asString()).isEqualTo("S256");
        assertThat(list(console.path("redirectUris")).stream().map(JsonNode::asString))
                .containsExactly("${GOVDATA_CONSOLE_URL}/console/*");
        assertThat(console.path("attributes").path("post.logout.redirect.uris").asString())
                .isEqualTo("${GOVDATA_CONSOLE_URL}/console/*");
    }

    @Test
    void theProductionRealmHasNoPasswordGrantRequiresPkceAndHoldsNoSecretsOrPeople() throws Exception {
        JsonNode prod = production();

        for (JsonNode client : prod.path("clients")) {
            String id = client.path("clientId").asString();
            assertThat(client.path("directAccessGrantsEnabled").asBoolean(true)).as(id + " password grant").isFalse();
            assertThat(client.path("implicitFlowEnabled").asBoolean(true)).as(id + " implicit flow").isFalse();
            if (client.path("publicClient").asBoolean()) {
                assertThat(client.path("attributes").path("pkce.code.challenge.method").asString()).as(id).isEqualTo("S256");
                assertThat(list(client.path("redirectUris")).stream().map(JsonNode::asString))
                        .as(id + " redirects").noneMatch(u -> u.contains("127.0.0.1") || u.contains("localhost") || u.equals("*"));
            } else {
                assertThat(client.path("secret").asString()).as(id + " secret is an environment placeholder")
                        .matches("\\$\\{GOVDATA_CLIENT_SECRET_[A-Z0-9_]+}");
            }
        }
        for (JsonNode user : prod.path("users")) {
            assertThat(user.has("serviceAccountClientId")).as(user.path("username").asString() + " is a person").isTrue();
            assertThat(user.path("credentials").isEmpty()).isTrue();
        }
    }

    @Test
    void theProductionRealmLocksOutGuessersAndEnforcesStrongPasswordsAndShortTokens() throws Exception {
        JsonNode prod = production();

        assertThat(prod.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(prod.path("failureFactor").asInt(0)).isBetween(1, 10);
        assertThat(prod.path("sslRequired").asString()).isEqualTo("all");
        List<String> policy = Arrays.stream(prod.path("passwordPolicy").asString().split(" and ")).map(String::strip).toList();
        assertThat(policy).contains("length(12)", "upperCase(1)", "lowerCase(1)", "digits(1)", "specialChars(1)", "notUsername")
                .anyMatch(p -> p.startsWith("passwordHistory("));
        assertThat(prod.path("accessTokenLifespan").asInt(Integer.MAX_VALUE)).isLessThanOrEqualTo(300);
        assertThat(prod.path("ssoSessionIdleTimeout").asInt(Integer.MAX_VALUE)).isLessThanOrEqualTo(1800);
        assertThat(prod.path("registrationAllowed").asBoolean(true)).isFalse();
    }
}
