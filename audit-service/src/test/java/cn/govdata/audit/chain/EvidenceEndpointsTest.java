package cn.govdata.audit.chain;

import cn.govdata.audit.TrailFixtures;
import cn.govdata.events.EventTypes;
import cn.govdata.events.Topics;
import cn.govdata.platform.test.KafkaProbe;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The public key is public; signed heads and the export go to auditors and verify with that key alone. */
@PlatformIntegrationTest
class EvidenceEndpointsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    JsonMapper json;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    String sendEvent() {
        String id = UUID.randomUUID().toString();
        String code = "E" + id.substring(0, 4);
        KafkaProbe.send(brokers, Topics.CATALOG, code, """
                {"code":"%s","name":"市场监督管理局","level":"CITY","region":"320100","parentCode":null,
                 "dataOfficer":{"realName":"李娜","phone":"025-1","email":null},
                 "registeredAt":"2026-11-20T02:00:00Z","registeredBy":"bureau"}""".formatted(code),
                TrailFixtures.headers(id, EventTypes.DEPARTMENT_REGISTERED.type(), code, code, Instant.now()));
        return id;
    }

    PublicKeys publishedKeys() throws Exception {
        String body = mvc.perform(get("/api/audit/keys")).andExpect(status().isOk())
                .andExpect(jsonPath("$.keys[0].kty").value("OKP"))
                .andExpect(jsonPath("$.keys[0].crv").value("Ed25519"))
                .andExpect(jsonPath("$.keys[0].status").value("current"))
                .andReturn().getResponse().getContentAsString();
        return new PublicKeys(TrailVerifier.readKeys(body, "GET /api/audit/keys"));
    }

    @Test
    void anyoneFetchesThePublicKeyAndTheSignedHeadAndTheExportVerifyWithItAlone() throws Exception {
        TrailFixtures.awaitBlockOf(mongo, sendEvent());
        PublicKeys keys = publishedKeys();
        var auditor = TestTokens.user("auditor", "AUD", "320100", "auditor");

        String heads = mvc.perform(get("/api/audit/chain/head").with(auditor)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        JsonNode head = json.readTree(heads).get(0);
        String message = String.join("\n", "govdata-audit-head/v1", head.get("chain").asString(), head.get("seq").asString(),
                head.get("headHash").asString(), head.get("at").asString(), head.get("keyId").asString());
        assertThat(keys.verify(head.get("keyId").asString(), message, head.get("signature").asString()))
                .isEqualTo(SigningKey.Verdict.VALID);

        var async = mvc.perform(get("/api/audit/trail/export").with(auditor)).andExpect(request().asyncStarted()).andReturn();
        String export = mvc.perform(asyncDispatch(async)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        var result = new TrailVerifier(keys).verify(new StringReader(export));
        assertThat(result.intact()).as(result.message()).isTrue();
        assertThat(result.message()).startsWith("INTACT ");
    }

    @Test
    void signedHeadsAndTheExportAreForAuditorsAndTheBureauOnly() throws Exception {
        var citizen = TestTokens.user("citizen", null, null, "public-applicant");
        var officer = TestTokens.user("officer", "PSB", "320100", "dept-data-officer");

        mvc.perform(get("/api/audit/chain/head")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/audit/chain/head").with(citizen)).andExpect(status().isForbidden());
        mvc.perform(get("/api/audit/trail/export").with(officer)).andExpect(status().isForbidden());
        mvc.perform(get("/api/audit/chain/head").param("chain", "no-such-chain")
                .with(TestTokens.user("bureau", "BDB", "320100", "bureau-reviewer"))).andExpect(status().isNotFound());
    }

    @Test
    void archivingIsRefusedToAnyoneButAnOperatorBeforeItsParametersAreRead() throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/audit/archive")
                        .with(TestTokens.user("bureau", "BDB", "320100", "bureau-reviewer")))
                .andExpect(status().isForbidden());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/audit/archive")
                        .with(TestTokens.user("operator", "BDB", "320100", "platform-operator")))
                .andExpect(status().isBadRequest());
    }
}
