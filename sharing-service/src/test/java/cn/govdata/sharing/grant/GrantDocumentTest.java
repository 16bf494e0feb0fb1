package cn.govdata.sharing.grant;

import cn.govdata.platform.test.MongoMappings;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GrantDocumentTest {

    private static final Instant T = Instant.parse("2026-03-01T08:00:00Z");

    private final MappingMongoConverter converter = MongoMappings.converter();

    @Test
    void a_grant_comes_back_equal_from_its_document_version_included() {
        Grant grant = grant();

        GrantDocument document = GrantDocument.from(grant, List.of());

        assertThat(document.version()).isEqualTo(7L);
        assertThat(document.toDomain()).isEqualTo(grant);
    }

    @Test
    void the_stored_shape_keeps_the_fields_queries_and_indexes_name_at_the_top_level() {
        Grant grant = grant();
        Document stored = new Document();

        converter.write(GrantDocument.from(grant, List.of()), stored);

        assertThat(stored).containsEntry("_id", "GR-1").containsEntry("version", 7L).containsEntry("outbox", List.of())
                .containsEntry("consumerDepartment", "CAB").containsEntry("resourceId", "R-1").containsEntry("state", "ACTIVE")
                .containsEntry("validTo", java.util.Date.from(T.plusSeconds(86_400))).containsKey("platformReview")
                .containsEntry("_class", "cn.govdata.sharing.grant.Grant");
        assertThat(converter.read(GrantDocument.class, stored).toDomain()).isEqualTo(grant);
    }

    private static Grant grant() {
        Grant.Draft d = new Grant.Draft();
        d.id = "GR-1";
        d.applicationId = "APP-1";
        d.resourceId = "R-1";
        d.providerDepartment = "HRSS";
        d.consumerDepartment = "CAB";
        d.purpose = "p";
        d.scenario = "s";
        d.items = List.of("姓名", "公民身份号码");
        d.unmaskedItems = List.of("姓名");
        d.method = "API";
        d.kind = Grant.Kind.DATA;
        d.validFrom = T;
        d.validTo = T.plusSeconds(86_400);
        d.state = Grant.State.ACTIVE;
        d.approvedBy = "approver";
        d.issuedAt = T;
        d.dailyQuota = 100;
        d.ratePerMinute = 10;
        d.lastUsedAt = T.plusSeconds(60);
        d.stateReason = "r";
        d.resourceName = "社保";
        d.region = "320600";
        d.route = "PROVIDER_DECISION";
        d.applicationSubmittedAt = T.minusSeconds(3600);
        d.platformReview = new Grant.PlatformReview(T, "PENDING", null, null, null);
        d.endingNoticeAt = T.plusSeconds(10);
        d.renewals.add("APP-2");
        d.history.add(new Grant.Change(T, "issued", "approver", null));
        d.clearDecisions.add(new Grant.ClearDecision("APP-1", List.of("姓名"), "law", "approver", T));
        d.version = 7L;
        return d.build();
    }
}
