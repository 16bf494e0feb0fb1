package cn.govdata.sharing.provider;

import cn.govdata.platform.test.MongoMappings;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderRegistrationDocumentTest {

    private static final Instant T = Instant.parse("2026-03-01T08:00:00Z");

    @Test
    void a_registration_comes_back_equal_from_its_document_version_included() {
        ProviderRegistration registration = registration();

        ProviderRegistrationDocument document = ProviderRegistrationDocument.from(registration);

        assertThat(document.version()).isEqualTo(3L);
        assertThat(document.toDomain()).isEqualTo(registration);
    }

    @Test
    void the_stored_shape_is_the_registration_s_fields_under_the_resource_id() {
        ProviderRegistration registration = registration();
        MappingMongoConverter converter = MongoMappings.converter();
        Document stored = new Document();

        converter.write(ProviderRegistrationDocument.from(registration), stored);

        assertThat(stored).containsEntry("_id", "R-1").containsEntry("version", 3L).containsEntry("mode", "API")
                .containsEntry("providerDepartment", "PSB").containsKeys("fields", "masking", "files")
                .containsEntry("_class", "cn.govdata.sharing.provider.ProviderRegistration").doesNotContainKey("outbox");
        assertThat(converter.read(ProviderRegistrationDocument.class, stored).toDomain()).isEqualTo(registration);
    }

    private static ProviderRegistration registration() {
        return new ProviderRegistration("R-1", "PSB", ProviderRegistration.Mode.API, "http://psb/{key}", "http://psb/list",
                2_000, "公民身份号码", List.of(new ProviderRegistration.FieldName("姓名", "name")),
                List.of(new ProviderRegistration.MaskingRule("公民身份号码", Masking.ID_NUMBER)),
                4, List.of(new ProviderRegistration.ProviderFile("F-1", "a.csv", "text/csv", 10, "abc", List.of("姓名"),
                List.of(), "u", T)), "admin", T, T.plusSeconds(5), 3L);
    }
}
