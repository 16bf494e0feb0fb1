package cn.govdata.sharing.exchange;

import cn.govdata.platform.test.TestTokens;
import cn.govdata.sharing.grant.Grant;
import cn.govdata.sharing.grant.Grants;
import cn.govdata.sharing.resource.SharedResource;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A simulated providing department (WireMock) and the documents the exchange needs: a published
 * people resource, grants inserted as the grant workflow would leave them, a provider registration
 * made through the API by the provider's data officer.
 */
public final class ExchangeFixtures {

    public static final String ID_NUMBER = "公民身份号码";
    public static final String NAME = "姓名";
    public static final String PHONE = "手机号码";
    public static final String ADDRESS = "住址";
    public static final String BIRTH_DATE = "出生日期";
    public static final List<String> PEOPLE_ITEMS = List.of(ID_NUMBER, NAME, PHONE, ADDRESS, BIRTH_DATE);

    /** One provider for the whole test JVM; stubs are per resource path, so tests do not interfere. */
    public static final WireMockServer PROVIDER = startProvider();

    private ExchangeFixtures() {
    }

    private static WireMockServer startProvider() {
        WireMockServer server = new WireMockServer(options().dynamicPort().containerThreads(40).disableRequestJournal());
        server.start();
        // The simulated provider listens on loopback, which the exchange calls only when its
        // address:port is on the allow-list (a change to this system property is bound again at the
        // next check, so setting it here is enough even for a context that is already running).
        // 10.20.0.0/16 stands for the e-government network the registration tests name by address.
        System.setProperty("govdata.exchange.providers.allow", "127.0.0.1:" + server.port() + ",10.20.0.0/16");
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    /** Adds an entry to the exchange's provider allow-list (noticed at the next check). */
    public static synchronized void allow(String entry) {
        System.setProperty("govdata.exchange.providers.allow", System.getProperty("govdata.exchange.providers.allow") + "," + entry);
    }

    public static String providerUrl(String path) {
        return "http://127.0.0.1:" + PROVIDER.port() + path;
    }

    public static String uniqueResourceId() {
        return "101001-PSB-" + String.format("%06d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000));
    }

    public static SharedResource peopleResource(MongoTemplate mongo, String resourceId) {
        var items = List.of(
                new SharedResource.Item(ID_NUMBER, "STRING", true, true),
                new SharedResource.Item(NAME, "STRING", true, false),
                new SharedResource.Item(PHONE, "STRING", true, true),
                new SharedResource.Item(ADDRESS, "STRING", true, false),
                new SharedResource.Item(BIRTH_DATE, "DATE", true, false));
        var resource = new SharedResource(resourceId, 1, "人口基础信息", "PSB", "320100", "UNCONDITIONAL", null,
                List.of("API"), items, SharedResource.Availability.AVAILABLE, Instant.parse("2026-01-05T02:00:00Z"), "e-1");
        mongo.save(resource);
        return resource;
    }

    public static Grant grant(MongoTemplate mongo, String resourceId, String consumer, Grant.Kind kind, Grant.State state,
                              List<String> items, List<String> unmasked, int ratePerMinute, int dailyQuota) {
        return grant(mongo, resourceId, consumer, kind, state, items, unmasked, ratePerMinute, dailyQuota,
                Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(365, ChronoUnit.DAYS), "API");
    }

    public static Grant grant(MongoTemplate mongo, String resourceId, String consumer, Grant.Kind kind, Grant.State state,
                              List<String> items, List<String> unmasked, int ratePerMinute, int dailyQuota,
                              Instant validFrom, Instant validTo, String method) {
        String id = "G-" + UUID.randomUUID();
        mongo.insert(grantDocument(id, resourceId, consumer, kind, state, items, unmasked, ratePerMinute, dailyQuota,
                validFrom, validTo, method), Grants.COLLECTION);
        return mongo.findById(id, Grant.class, Grants.COLLECTION);
    }

    /**
     * A grant as the grant workflow stores it, written as a plain document with the fields the
     * exchange reads, so these tests do not depend on the grant record's full constructor.
     */
    public static org.bson.Document grantDocument(String id, String resourceId, String consumer, Grant.Kind kind,
                                                  Grant.State state, List<String> items, List<String> unmasked,
                                                  int ratePerMinute, int dailyQuota, Instant validFrom, Instant validTo,
                                                  String method) {
        return new org.bson.Document("_id", id).append("applicationId", "A-1").append("resourceId", resourceId)
                .append("providerDepartment", "PSB").append("consumerDepartment", consumer).append("purpose", "社保资格核验")
                .append("scenario", "养老保险待遇资格认证").append("items", items).append("unmaskedItems", unmasked)
                .append("method", method).append("kind", kind.name()).append("validFrom", java.util.Date.from(validFrom))
                .append("validTo", java.util.Date.from(validTo)).append("state", state.name()).append("approvedBy", "psb-approver")
                .append("issuedAt", java.util.Date.from(Instant.now().minus(2, ChronoUnit.DAYS)))
                .append("dailyQuota", dailyQuota).append("ratePerMinute", ratePerMinute)
                .append("stateReason", state == Grant.State.SUSPENDED ? "超范围使用，暂停核查" : null)
                .append("version", 0L).append("outbox", List.of());
    }

    public static JwtRequestPostProcessor psbOfficer() {
        return TestTokens.user("psb-officer", "PSB", "320100", "dept-data-officer", "dept-approver");
    }

    public static JwtRequestPostProcessor hrssSystem() {
        return TestTokens.system("hrss-system", "HRSS", "320100", "dept-consumer");
    }

    public static JwtRequestPostProcessor system(String clientId, String department) {
        return TestTokens.system(clientId, department, "320100", "dept-consumer");
    }

    /** Registers the people API the way the provider's data officer would. */
    public static void registerPeopleApi(MockMvc mvc, String resourceId, String timeout) throws Exception {
        registerPeopleApi(mvc, resourceId, providerUrl("/" + resourceId + "/people/{key}"),
                providerUrl("/" + resourceId + "/people"), timeout);
    }

    public static void registerPeopleApi(MockMvc mvc, String resourceId, String endpoint, String listEndpoint, String timeout)
            throws Exception {
        mvc.perform(put("/api/sharing/providers/" + resourceId).with(psbOfficer()).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"mode":"API","endpoint":"%s","listEndpoint":%s,"timeout":"%s","recordKeyField":"公民身份号码",
                                 "masking":{"公民身份号码":"ID_NUMBER","手机号码":"PHONE","姓名":"NAME","住址":"ADDRESS","出生日期":"FREE_TEXT"}}"""
                                .formatted(endpoint, listEndpoint == null ? "null" : "\"" + listEndpoint + "\"", timeout)))
                .andExpect(status().isOk());
    }

    public static String person(String id, String name, String phone, String address, String birthDate) {
        return """
                {"公民身份号码":"%s","姓名":"%s","手机号码":"%s","住址":"%s","出生日期":"%s","民族":"汉"}"""
                .formatted(id, name, phone, address, birthDate);
    }

    /** A percent-encoded X-Purpose, as partner systems send Chinese text in a header. */
    public static String purpose(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
