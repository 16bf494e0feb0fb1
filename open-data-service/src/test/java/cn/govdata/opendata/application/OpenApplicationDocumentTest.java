package cn.govdata.opendata.application;

import cn.govdata.platform.test.MongoMappings;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An open application has no version: its transitions are conditional on the state they leave. */
class OpenApplicationDocumentTest {

    private static final Instant T = Instant.parse("2026-03-01T08:00:00Z");

    @Test
    void an_application_comes_back_equal_from_its_document() {
        OpenApplication application = application();

        assertThat(OpenApplicationDocument.from(application, List.of()).toDomain()).isEqualTo(application);
    }

    @Test
    void the_stored_shape_keeps_the_fields_transitions_and_the_licence_lookup_name() {
        OpenApplication application = application();
        MappingMongoConverter converter = MongoMappings.converter();
        Document stored = new Document();

        converter.write(OpenApplicationDocument.from(application, List.of()), stored);

        assertThat(stored).containsEntry("_id", "ODA-1").containsEntry("state", "LICENSED").containsEntry("outbox", List.of())
                .containsEntry("department", "PSB").containsEntry("applicantSubject", "sub-1").containsEntry("decisionOverdue", false)
                .containsEntry("_class", "cn.govdata.opendata.application.OpenApplication").doesNotContainKey("version");
        assertThat(stored.get("licence", Document.class)).containsEntry("keyHash", "hash");
        assertThat(converter.read(OpenApplicationDocument.class, stored).toDomain()).isEqualTo(application);
    }

    @Test
    void an_application_stored_before_issue_16_reads_with_its_report_names_the_department_route_and_no_misses() {
        Document old = Document.parse("""
                {"_id":"ODA-0","entryId":"E-1","department":"PSB","applicantSubject":"sub-1","commercialUse":false,
                 "state":"LICENSED","licence":{"licenceId":"L-0","keyHash":"h","keyPrefix":"odk_abcd"},
                 "usageReports":[{"period":"2026Q1","summary":"used","products":["app"],"reportedBy":"alice"}]}""");

        OpenApplication read = MongoMappings.converter().read(OpenApplicationDocument.class, old).toDomain();

        assertThat(read.usageReports().get(0).products()).containsExactly("app");
        assertThat(read.usageReports().get(0).dataProducts()).isNull();
        assertThat(read.bureauRoute()).isFalse();
        assertThat(read.licence().misses()).isZero();
        assertThat(ApplicationView.of(read).route()).isEqualTo("department");
    }

    private static OpenApplication application() {
        return new OpenApplication("ODA-1", "E-1", "公交线路", "PSB", "320600", "alice", "sub-1", "citizen", "org", "research",
                "scenario", "encrypted disk", false, OpenApplication.State.LICENSED, T, T.plusSeconds(86_400), "SY 34", false,
                "approver", T.plusSeconds(60),
                "ok", new OpenApplication.Licence("L-1", "hash", "abcd1234", "v1", T.plusSeconds(120), T.plusSeconds(120), null,
                null, null, "3M", 2, T.plusSeconds(7_776_000), 1),
                List.of(new OpenApplication.UsageReport("2026Q1", "used", List.of("app"),
                        List.of(new OpenApplication.Product("app", "公交线路（PSB）", java.time.LocalDate.of(2026, 1, 5))), "alice",
                        T.plusSeconds(600), 1)),
                "bureau-with-technical-assessment", new OpenApplication.Assessment(true, "合理", "ops", T.plusSeconds(30)), "ops",
                T.plusSeconds(90), null);
    }
}
