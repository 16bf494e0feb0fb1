package cn.govdata.sharing.exchange;

import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.sharing.grant.Grant;
import cn.govdata.sharing.provider.ProviderFiles;
import com.mongodb.client.gridfs.GridFSDownloadStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static cn.govdata.sharing.exchange.ExchangeFixtures.ADDRESS;
import static cn.govdata.sharing.exchange.ExchangeFixtures.BIRTH_DATE;
import static cn.govdata.sharing.exchange.ExchangeFixtures.ID_NUMBER;
import static cn.govdata.sharing.exchange.ExchangeFixtures.NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PlatformIntegrationTest
class ExchangeFilesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    JsonMapper json;
    @Autowired
    ProviderFiles files;

    @Test
    void anUploadedSnapshotIsStreamedToAGrantedConsumerWholeOrByRange() throws Exception {
        String resourceId = ExchangeFixtures.uniqueResourceId();
        ExchangeFixtures.peopleResource(mongo, resourceId);
        mvc.perform(put("/api/sharing/providers/" + resourceId).with(ExchangeFixtures.psbOfficer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"mode\":\"FILE\",\"masking\":{\"公民身份号码\":\"ID_NUMBER\",\"姓名\":\"NAME\",\"手机号码\":\"PHONE\",\"住址\":\"ADDRESS\",\"出生日期\":\"FREE_TEXT\"}}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.mode").value("FILE"));
        // Several GridFS chunks (255 KiB each), below the servlet's default 1 MB part limit.
        byte[] content = new byte[700_000];
        new Random(42).nextBytes(content);
        String body = mvc.perform(multipart("/api/sharing/providers/" + resourceId + "/files")
                        .file(new MockMultipartFile("file", "人口快照-2026.csv", "text/csv", content))
                        .param("items", ID_NUMBER, NAME, BIRTH_DATE).param("maskedItems", ID_NUMBER, NAME, BIRTH_DATE)
                        .with(ExchangeFixtures.psbOfficer()))
                .andExpect(status().isCreated())
                .andExpect(header().exists("Location"))
                .andExpect(jsonPath("$.size").value(content.length))
                .andExpect(jsonPath("$.sha256").value(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content))))
                .andReturn().getResponse().getContentAsString();
        String fileId = json.readTree(body).get("fileId").asString();
        ExchangeFixtures.grant(mongo, resourceId, "HRSS", Grant.Kind.DATA, Grant.State.ACTIVE,
                List.of(ID_NUMBER, NAME, BIRTH_DATE), List.of(), 0, 0, java.time.Instant.now().minusSeconds(60),
                java.time.Instant.now().plusSeconds(86_400), "FILE");

        mvc.perform(get("/api/exchange/" + resourceId + "/files").with(ExchangeFixtures.hrssSystem()).header("X-Purpose", "check"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.files[0].fileId").value(fileId));

        var whole = mvc.perform(get("/api/exchange/" + resourceId + "/files/" + fileId).with(ExchangeFixtures.hrssSystem())
                        .header("X-Purpose", "check"))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Source-Department", "PSB"))
                .andExpect(header().exists("X-Retrieved-At"))
                .andExpect(header().string("Accept-Ranges", "bytes"))
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString("filename*=UTF-8''")))
                .andReturn().getResponse();
        assertThat(whole.getContentAsByteArray()).isEqualTo(content);
        assertThat(whole.getContentType()).startsWith("text/csv");

        var range = mvc.perform(get("/api/exchange/" + resourceId + "/files/" + fileId).with(ExchangeFixtures.hrssSystem())
                        .header("X-Purpose", "check").header("Range", "bytes=300000-300099"))
                .andExpect(status().isPartialContent())
                .andExpect(header().string("Content-Range", "bytes 300000-300099/" + content.length))
                .andReturn().getResponse();
        assertThat(range.getContentAsByteArray()).isEqualTo(Arrays.copyOfRange(content, 300_000, 300_100));

        // Served straight from storage: a GridFS download stream reading chunk by chunk, never the whole file.
        var resource = files.open(fileId, "x.csv").orElseThrow();
        assertThat(resource.contentLength()).isEqualTo(content.length);
        try (InputStream in = resource.getInputStream()) {
            assertThat(in).isInstanceOf(GridFSDownloadStream.class);
        }
    }

    @Test
    void aFileHoldingItemsBeyondTheGrantOrInClearWhereTheGrantIsMaskedIsRefused() throws Exception {
        String resourceId = ExchangeFixtures.uniqueResourceId();
        ExchangeFixtures.peopleResource(mongo, resourceId);
        mvc.perform(put("/api/sharing/providers/" + resourceId).with(ExchangeFixtures.psbOfficer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"mode\":\"FILE\",\"masking\":{\"公民身份号码\":\"ID_NUMBER\",\"姓名\":\"NAME\",\"手机号码\":\"PHONE\",\"住址\":\"ADDRESS\",\"出生日期\":\"FREE_TEXT\"}}"))
                .andExpect(status().isOk());
        String wide = upload(resourceId, "all.csv", List.of(ID_NUMBER, NAME, ADDRESS), List.of());
        String clear = upload(resourceId, "clear.csv", List.of(ID_NUMBER, NAME), List.of());
        ExchangeFixtures.grant(mongo, resourceId, "HRSS", Grant.Kind.DATA, Grant.State.ACTIVE, List.of(ID_NUMBER, NAME),
                List.of(), 0, 0, java.time.Instant.now().minusSeconds(60), java.time.Instant.now().plusSeconds(86_400), "FILE");

        mvc.perform(get("/api/exchange/" + resourceId + "/files/" + wide).with(ExchangeFixtures.hrssSystem()).header("X-Purpose", "x"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(ADDRESS)));
        mvc.perform(get("/api/exchange/" + resourceId + "/files/" + clear).with(ExchangeFixtures.hrssSystem()).header("X-Purpose", "x"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("desensitized")));
        mvc.perform(get("/api/exchange/" + resourceId + "/files").with(ExchangeFixtures.hrssSystem()).header("X-Purpose", "x"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.files.length()").value(0));
    }

    private String upload(String resourceId, String name, List<String> items, List<String> masked) throws Exception {
        var request = multipart("/api/sharing/providers/" + resourceId + "/files")
                .file(new MockMultipartFile("file", name, "text/csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)))
                .param("items", items.toArray(String[]::new)).with(ExchangeFixtures.psbOfficer());
        if (!masked.isEmpty()) {
            request.param("maskedItems", masked.toArray(String[]::new));
        }
        String body = mvc.perform(request).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(body).get("fileId").asString();
    }
}
