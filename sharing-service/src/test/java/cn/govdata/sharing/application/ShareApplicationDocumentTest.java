package cn.govdata.sharing.application;

import cn.govdata.platform.test.MongoMappings;
import cn.govdata.sharing.grant.Grant;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShareApplicationDocumentTest {

    private static final Instant T = Instant.parse("2026-03-01T08:00:00Z");

    @Test
    void an_application_comes_back_equal_from_its_document_version_included() {
        ShareApplication application = application();

        ShareApplicationDocument document = ShareApplicationDocument.from(application, List.of());

        assertThat(document.version()).isEqualTo(5L);
        assertThat(document.toDomain()).usingRecursiveComparison().isEqualTo(application);
    }

    @Test
    void the_stored_shape_keeps_the_fields_lists_and_the_settlement_sweep_name() {
        ShareApplication application = application();
        MappingMongoConverter converter = MongoMappings.converter();
        Document stored = new Document();

        converter.write(ShareApplicationDocument.from(application, List.of()), stored);

        assertThat(stored).containsEntry("_id", "APP-1").containsEntry("version", 5L).containsEntry("outbox", List.of())
                .containsEntry("consumerDepartment", "CAB").containsEntry("providerDepartment", "HRSS")
                .containsEntry("state", "APPROVED").containsEntry("grantSettled", false).containsKeys("attachments", "history")
                .containsEntry("_class", "cn.govdata.sharing.application.ShareApplication");
        assertThat(stored.get("decision", Document.class)).containsEntry("decidedAt", java.util.Date.from(T.plusSeconds(60)));
        assertThat(converter.read(ShareApplicationDocument.class, stored).toDomain()).usingRecursiveComparison()
                .isEqualTo(application);
    }

    @Test
    void an_application_read_back_can_still_record_history() {
        ShareApplication read = ShareApplicationDocument.from(application(), List.of()).toDomain();

        read.cancel("resource withdrawn", T.plusSeconds(120));

        assertThat(read.history()).extracting(ShareApplication.HistoryEntry::action)
                .containsExactly("submitted", "attachment scan.pdf", "approved", "cancelled");
    }

    private static ShareApplication application() {
        var submitted = ShareApplication.submitted("APP-1", ShareApplication.Type.NEW, null,
                new ShareApplication.Submission("R-1", "社保", "CONDITIONAL", "HRSS", "CAB", "320600", "s", "p", "duty",
                        List.of("姓名"), List.of(), "API", Grant.Kind.DATA, T, T.plusSeconds(86_400)),
                ShareApplication.Route.PROVIDER_DECISION, "u", T);
        submitted.awaitDecision(T, T.plusSeconds(3_600));
        submitted.attach(new ShareApplication.Attachment("F-1", "scan.pdf", "application/pdf", 10, "abc", "u", T));
        submitted.approve(new ShareApplication.Decision(true, List.of("姓名"), List.of(), T.plusSeconds(86_400), List.of(),
                null, "approver", T.plusSeconds(60), "PROVIDER_DECISION", 100, 10));
        var d = ShareApplicationDocument.from(submitted, List.of());
        return new ShareApplicationDocument(d.id(), d.type(), d.renewsGrantId(), d.resourceId(), d.resourceName(), d.shareType(),
                d.providerDepartment(), d.consumerDepartment(), d.region(), d.scenario(), d.purpose(), d.legalDuty(), d.items(),
                d.unmaskedItems(), d.method(), d.kind(), d.validFrom(), d.validTo(), d.route(), d.state(), d.submittedBy(),
                d.submittedAt(), d.formalityPeriod(), d.formalityCheck(), d.decisionPeriod(), d.decision(),
                d.implementationDueAt(), d.implementedAt(), d.escalation(), d.coordination(), d.grantId(), d.grantSettled(),
                d.cancellation(), d.clearItemsApplicationId(), d.providerOpinion(), d.bureauReview(), d.referrals(),
                d.finalDecision(), d.filedWith(), d.attachments(), d.history(), 5L, List.of()).toDomain();
    }
}
