package cn.govdata.sharing.provider;

import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.test.TestTokens;
import cn.govdata.sharing.exchange.ExchangeFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
class ProviderRegistrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;

    private ResultActions register(String resourceId, String body, org.springframework.test.web.servlet.request.RequestPostProcessor who)
            throws Exception {
        return mvc.perform(put("/api/sharing/providers/" + resourceId).with(who).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Test
    void theProvidingDepartmentsDataOfficerRegistersItsApiWithMaskingRulesAndNoCredentialInTheDatabase() throws Exception {
        String resourceId = ExchangeFixtures.uniqueResourceId();
        ExchangeFixtures.peopleResource(mongo, resourceId);

        register(resourceId, """
                {"mode":"API","endpoint":"https://10.20.0.5/api/people/{key}","listEndpoint":"https://10.20.0.5/api/people",
                 "timeout":"1500ms","recordKeyField":"公民身份号码","maxConcurrent":16,"fields":{"姓名":"xm"},
                 "masking":{"公民身份号码":"ID_NUMBER","手机号码":"PHONE","姓名":"NAME","住址":"ADDRESS","出生日期":"FREE_TEXT"}}""",
                ExchangeFixtures.psbOfficer())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.resourceId").value(resourceId))
                .andExpect(jsonPath("$.providerDepartment").value("PSB"))
                .andExpect(jsonPath("$.mode").value("API"))
                .andExpect(jsonPath("$.timeout").value("PT1.5S"))
                .andExpect(jsonPath("$.maxConcurrent").value(16))
                .andExpect(jsonPath("$.fields['姓名']").value("xm"))
                .andExpect(jsonPath("$.masking['手机号码']").value("PHONE"))
                .andExpect(jsonPath("$.credentialConfigured").value(false))
                .andExpect(jsonPath("$.registeredBy").value("psb-officer"));

        mvc.perform(get("/api/sharing/providers/" + resourceId).with(TestTokens.user("bureau", "BDB", "320100", "bureau-reviewer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.endpoint").value("https://10.20.0.5/api/people/{key}"));
        mvc.perform(get("/api/sharing/providers/" + resourceId).with(ExchangeFixtures.hrssSystem()))
                .andExpect(status().isForbidden());
    }

    @Test
    void anotherDepartmentsOfficerMayNotRegisterTheResource() throws Exception {
        String resourceId = ExchangeFixtures.uniqueResourceId();
        ExchangeFixtures.peopleResource(mongo, resourceId);

        register(resourceId, "{\"mode\":\"FILE\"}", TestTokens.user("amr-officer", "AMR", "320100", "dept-data-officer"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        register(resourceId, "{\"mode\":\"FILE\"}", TestTokens.user("psb-user", "PSB", "320100", "dept-consumer"))
                .andExpect(status().isForbidden());
    }

    @Test
    void aResourceSharingHasNotLearntOfYetIsA404ThatExplainsTheCatalogEventsLag() throws Exception {
        register(ExchangeFixtures.uniqueResourceId(), "{\"mode\":\"FILE\"}", ExchangeFixtures.psbOfficer())
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("published catalog entry")))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("retry shortly")));
    }

    @Test
    void endpointsMustBeHttpUrlsWithoutCredentialsAndItemsMustExistOnTheResource() throws Exception {
        String resourceId = ExchangeFixtures.uniqueResourceId();
        ExchangeFixtures.peopleResource(mongo, resourceId);
        String template = """
                {"mode":"API","endpoint":"%s","recordKeyField":"%s","masking":{"%s":"PHONE"}}""";

        register(resourceId, template.formatted("ftp://10.20.0.5/people/{key}", "公民身份号码", "手机号码"), ExchangeFixtures.psbOfficer())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("endpoint"))
                .andExpect(jsonPath("$.detail").value(containsString("http or https")));
        register(resourceId, template.formatted("https://admin:secret@10.20.0.5/people/{key}", "公民身份号码", "手机号码"),
                ExchangeFixtures.psbOfficer())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("credentials")));
        register(resourceId, template.formatted("https://10.20.0.5/people/{key}?access_token=abc", "公民身份号码", "手机号码"),
                ExchangeFixtures.psbOfficer())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("access_token")));
        register(resourceId, template.formatted("https://10.20.0.5/people", "公民身份号码", "手机号码"), ExchangeFixtures.psbOfficer())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("{key}")));
        register(resourceId, template.formatted("https://10.20.0.5/people/{key}", "公民身份号码", "血型"), ExchangeFixtures.psbOfficer())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("masking.血型"));
        register(resourceId, template.formatted("https://10.20.0.5/people/{key}", "档案号", "手机号码"), ExchangeFixtures.psbOfficer())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("recordKeyField"));
        register(resourceId, """
                {"mode":"API","endpoint":"https://10.20.0.5/people/{key}","recordKeyField":"公民身份号码","masking":{"手机号码":"SCRAMBLE"}}""",
                ExchangeFixtures.psbOfficer())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("ID_NUMBER")));
        register(resourceId, """
                {"mode":"API","endpoint":"https://10.20.0.5/people/{key}","recordKeyField":"公民身份号码","timeout":"5 minutes"}""",
                ExchangeFixtures.psbOfficer())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("timeout"));
    }

    @Test
    void everyPersonalOrSensitiveItemNeedsAMaskingRuleAndNoneIsNoRuleForThem() throws Exception {
        String resourceId = ExchangeFixtures.uniqueResourceId();
        ExchangeFixtures.peopleResource(mongo, resourceId);
        String api = "\"mode\":\"API\",\"endpoint\":\"http://10.20.0.5/people/{key}\",\"recordKeyField\":\"公民身份号码\"";

        register(resourceId, "{" + api + ",\"masking\":{\"公民身份号码\":\"ID_NUMBER\",\"姓名\":\"NAME\",\"住址\":\"ADDRESS\","
                + "\"出生日期\":\"FREE_TEXT\"}}", ExchangeFixtures.psbOfficer())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("masking.手机号码"))
                .andExpect(jsonPath("$.detail").value(containsString("needs a masking rule")));
        register(resourceId, "{" + api + ",\"masking\":{\"公民身份号码\":\"ID_NUMBER\",\"姓名\":\"NONE\",\"手机号码\":\"PHONE\","
                + "\"住址\":\"ADDRESS\",\"出生日期\":\"FREE_TEXT\"}}", ExchangeFixtures.psbOfficer())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("masking.姓名"));
        register(resourceId, "{\"mode\":\"FILE\"}", ExchangeFixtures.psbOfficer())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("masking.公民身份号码"));
    }

    @Test
    void endpointsOnLoopbackLinkLocalOrUnresolvableHostsAreRefusedAfterResolution() throws Exception {
        String resourceId = ExchangeFixtures.uniqueResourceId();
        ExchangeFixtures.peopleResource(mongo, resourceId);
        String template = """
                {"mode":"API","endpoint":"%s","recordKeyField":"公民身份号码",
                 "masking":{"公民身份号码":"ID_NUMBER","手机号码":"PHONE","姓名":"NAME","住址":"ADDRESS","出生日期":"FREE_TEXT"}}""";
        for (String endpoint : java.util.List.of("http://127.0.0.1:8082/people/{key}", "http://169.254.169.254/latest/meta-data/{key}",
                "http://localhost:9999/people/{key}", "http://[::1]:8090/people/{key}", "http://0.0.0.0/people/{key}",
                "http://no-such-provider.invalid/people/{key}", "http://10.30.0.5/people/{key}")) {
            register(resourceId, template.formatted(endpoint), ExchangeFixtures.psbOfficer())
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[0].field").value("endpoint"));
        }
        register(resourceId, template.formatted("http://10.20.0.5/people/{key}"), ExchangeFixtures.psbOfficer())
                .andExpect(status().isOk());
    }

    @Test
    void filesCanOnlyBeUploadedForAResourceRegisteredInFileMode() throws Exception {
        String resourceId = ExchangeFixtures.uniqueResourceId();
        ExchangeFixtures.peopleResource(mongo, resourceId);
        ExchangeFixtures.registerPeopleApi(mvc, resourceId, "2s");

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/api/sharing/providers/" + resourceId + "/files")
                        .file(new org.springframework.mock.web.MockMultipartFile("file", "x.csv", "text/csv", "a".getBytes()))
                        .with(ExchangeFixtures.psbOfficer()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://govdata.cn/problems/not-file-mode"));
    }
}
