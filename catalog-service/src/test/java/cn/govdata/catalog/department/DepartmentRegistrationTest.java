package cn.govdata.catalog.department;

import cn.govdata.events.CloudEventHeaders;
import cn.govdata.events.EventTypes;
import cn.govdata.events.SchemaAssertions;
import cn.govdata.events.Topics;
import cn.govdata.platform.outbox.OutboxRelay;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.test.TestTokens;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
class DepartmentRegistrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    OutboxRelay relay;
    // The broker of this test's own context: the JVM-wide spring.embedded.kafka.brokers property
    // names whichever embedded broker started last, which may belong to another cached context.
    @Autowired
    EmbeddedKafkaBroker embeddedKafka;

    static JwtRequestPostProcessor token(String username, String department, String... roles) {
        return TestTokens.user(username, department, "320100", roles);
    }

    static final JwtRequestPostProcessor BUREAU = token("bureau", "BDB", "bureau-reviewer");

    /** The application context, and so the database, is shared with other test classes: use fresh codes. */
    static String fresh(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
    }

    static String body(String code) {
        return """
                {"code":"%s","name":"市公安局","level":"CITY","region":"320100",
                 "dataOfficer":{"realName":"张伟","phone":"025-84420000","email":"zhangwei@psb.example.gov.cn"}}""".formatted(code);
    }

    @Test
    void theBureauRegistersADepartmentAndTheEventReachesKafkaWithCloudEventsHeaders() throws Exception {
        String code = fresh("PSB");
        mvc.perform(post("/api/catalog/departments").with(BUREAU).contentType(MediaType.APPLICATION_JSON).content(body(code)))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", containsString("/api/catalog/departments/" + code)))
                .andExpect(jsonPath("$.registeredBy").value("bureau"));

        var record = KafkaProbe.awaitRecord(embeddedKafka.getBrokersAsString(), Topics.CATALOG, Duration.ofSeconds(20), r -> code.equals(r.key()));

        assertThat(KafkaProbe.header(record, CloudEventHeaders.TYPE)).contains(EventTypes.DEPARTMENT_REGISTERED.type());
        assertThat(KafkaProbe.header(record, CloudEventHeaders.SPEC_VERSION)).contains("1.0");
        assertThat(KafkaProbe.header(record, CloudEventHeaders.SOURCE)).contains("/govdata/catalog-service");
        assertThat(KafkaProbe.header(record, CloudEventHeaders.SUBJECT)).contains(code);
        assertThat(KafkaProbe.header(record, CloudEventHeaders.DEPARTMENT)).contains(code);
        assertThat(KafkaProbe.header(record, CloudEventHeaders.REGION)).contains("320100");
        assertThat(KafkaProbe.header(record, CloudEventHeaders.ID)).isPresent();
        assertThat(KafkaProbe.header(record, CloudEventHeaders.TIME)).isPresent();
        SchemaAssertions.assertConforms(EventTypes.DEPARTMENT_REGISTERED, record.value());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                mongo.findById(code, Document.class, "departments").getList("outbox", Document.class)).isEmpty());

        mvc.perform(get("/api/catalog/departments/" + code).with(token("hrss", "HRSS", "dept-consumer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.dataOfficer.realName").value("张伟"));
        mvc.perform(get("/api/catalog/departments?level=CITY").with(token("hrss", "HRSS", "dept-consumer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].code", hasItem(code)));
    }

    @Test
    void withoutATokenTheAnswerIs401ProblemJson() throws Exception {
        mvc.perform(post("/api/catalog/departments").contentType(MediaType.APPLICATION_JSON).content(body("NOTOKEN")))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().exists("WWW-Authenticate"))
                .andExpect(jsonPath("$.status").value(401));
        assertThat(mongo.findById("NOTOKEN", Document.class, "departments")).isNull();
    }

    @Test
    void aCitizenMayNotRegisterADepartment() throws Exception {
        mvc.perform(post("/api/catalog/departments").with(token("citizen", null, "public-applicant"))
                        .contentType(MediaType.APPLICATION_JSON).content(body("CITIZEN")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(403));
        assertThat(mongo.findById("CITIZEN", Document.class, "departments")).isNull();
    }

    @Test
    void aCallerWhoIsNotTheBureauIsRefusedBeforeTheBodyIsValidated() throws Exception {
        mvc.perform(post("/api/catalog/departments").with(token("hrss", "HRSS", "dept-data-officer"))
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.errors").doesNotExist());
    }

    @Test
    void anInvalidBodyIsRejectedNamingEachFailingFieldAndNothingIsStored() throws Exception {
        String invalid = """
                {"code":"psb lower","name":"","level":"CITY","region":"3201",
                 "dataOfficer":{"realName":"","phone":"call me"}}""";
        mvc.perform(post("/api/catalog/departments").with(BUREAU).contentType(MediaType.APPLICATION_JSON).content(invalid))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem("code")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("name")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("region")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("dataOfficer.realName")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("dataOfficer.phone")));
        assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(), "departments"))
                .isEqualTo(mongo.count(new org.springframework.data.mongodb.core.query.Query(
                        org.springframework.data.mongodb.core.query.Criteria.where("_id").ne("psb lower")), "departments"));
    }

    @Test
    void anUnknownLevelIsA400NamingTheFieldAndTheAllowedValues() throws Exception {
        mvc.perform(post("/api/catalog/departments").with(BUREAU).contentType(MediaType.APPLICATION_JSON)
                        .content(body("LEVEL").replace("\"CITY\"", "\"PROVINCE\"")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("level"))
                .andExpect(jsonPath("$.errors[0].message", containsString("CITY, COUNTY")));
    }

    @Test
    void aCountyDepartmentMustNameAnExistingParent() throws Exception {
        String county = body("JN-PSB").replace("\"CITY\"", "\"COUNTY\"").replace("320100", "320115")
                .replace("\"level\"", "\"parentCode\":\"NOPE\",\"level\"");
        mvc.perform(post("/api/catalog/departments").with(BUREAU).contentType(MediaType.APPLICATION_JSON).content(county))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("parentCode"));
        assertThat(mongo.findById("JN-PSB", Document.class, "departments")).isNull();
    }

    @Test
    void registeringTheSameCodeTwiceIsAConflictAndEmitsOneEvent() throws Exception {
        String code = fresh("AMR");
        mvc.perform(post("/api/catalog/departments").with(BUREAU).contentType(MediaType.APPLICATION_JSON).content(body(code)))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/catalog/departments").with(BUREAU).contentType(MediaType.APPLICATION_JSON).content(body(code)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type", containsString("department-exists")));
        relay.drain();
        assertThat(mongo.findById(code, Document.class, "departments").getList("outbox", Document.class)).isEmpty();
    }

    @Test
    void aCountySubPlatformSeesOnlyDepartmentsOfItsOwnRegion() throws Exception {
        String code = fresh("HRSS");
        var county = TestTokens.system("county-jiangning", "JN-BDB", "320115", "county-subplatform");
        mvc.perform(post("/api/catalog/departments").with(BUREAU).contentType(MediaType.APPLICATION_JSON).content(body(code)))
                .andExpect(status().isCreated());

        mvc.perform(get("/api/catalog/departments").with(county))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.code == '" + code + "')]").isEmpty());
        mvc.perform(get("/api/catalog/departments/" + code).with(county)).andExpect(status().isNotFound());
        mvc.perform(get("/api/catalog/departments?region=320100").with(county)).andExpect(status().isForbidden());
    }

    @Test
    void aDataOfficersPhoneAndEmailGoToTheBureauOperatorsAndTheOwnDepartmentOnlyOthersSeeTheName() throws Exception {
        String code = fresh("PSB");
        mvc.perform(post("/api/catalog/departments").with(BUREAU).contentType(MediaType.APPLICATION_JSON).content(body(code)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.dataOfficer.phone").value("025-84420000"));

        for (var entitled : List.of(BUREAU, token("operator", "BDB", "platform-operator"), token("own", code, "dept-data-officer"))) {
            mvc.perform(get("/api/catalog/departments/" + code).with(entitled))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.dataOfficer.phone").value("025-84420000"))
                    .andExpect(jsonPath("$.dataOfficer.email").value("zhangwei@psb.example.gov.cn"));
        }
        for (var other : List.of(token("citizen", null, "public-applicant"), token("hrss", "HRSS", "dept-consumer"),
                token("auditor", "AUD", "auditor"))) {
            mvc.perform(get("/api/catalog/departments/" + code).with(other))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.dataOfficer.realName").value("张伟"))
                    .andExpect(jsonPath("$.dataOfficer.phone").value(org.hamcrest.Matchers.nullValue()))
                    .andExpect(jsonPath("$.dataOfficer.email").value(org.hamcrest.Matchers.nullValue()));
            mvc.perform(get("/api/catalog/departments?level=CITY&size=200").with(other))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.items[?(@.code == '" + code + "')].dataOfficer.realName").value(hasItem("张伟")))
                    .andExpect(jsonPath("$.items[?(@.code == '" + code + "')].dataOfficer.phone",
                            org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue())));
        }
    }

    @Test
    void aCountyTokenWithoutARegionClaimSeesNothing() throws Exception {
        var noRegion = TestTokens.system("county-broken", "XX-BDB", null, "county-subplatform");

        mvc.perform(get("/api/catalog/departments").with(noRegion))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type", containsString("county-without-region")));
        mvc.perform(get("/api/catalog/dcat").with(noRegion)).andExpect(status().isForbidden());
        mvc.perform(get("/api/catalog/directory").with(noRegion)).andExpect(status().isForbidden());
    }
}
