package cn.govdata.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RefusalTest {

    @Test
    void anInvalidFieldNamesTheFieldInTheDetailAndInTheErrors() {
        Refusal refusal = Refusal.invalidField("legalBasis", "is required for a clear item");

        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.INVALID);
        assertThat(refusal.slug()).isEqualTo("validation");
        assertThat(refusal.getMessage()).isEqualTo("legalBasis: is required for a clear item");
        assertThat(refusal.properties()).containsEntry("errors",
                List.of(Map.of("field", "legalBasis", "message", "is required for a clear item")));
    }

    @Test
    void severalInvalidFieldsAreReportedTogetherInTheOrderGiven() {
        Refusal refusal = Refusal.invalid(List.of(new Refusal.FieldError("name", "is blank"),
                new Refusal.FieldError("items[0]", "is not in the entry")));

        assertThat(refusal.getMessage()).isEqualTo("name: is blank; items[0]: is not in the entry");
        assertThat((List<?>) refusal.properties().get("errors")).hasSize(2);
    }

    @Test
    void anInvalidRefusalWithoutFieldsIsAProgrammingError() {
        assertThatThrownBy(() -> Refusal.invalid(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theNamedRefusalsCarryTheirKind() {
        assertThat(Refusal.notFound("Catalog entry", "E-1").kind()).isEqualTo(Refusal.Kind.NOT_FOUND);
        assertThat(Refusal.notFound("Catalog entry", "E-1").getMessage()).isEqualTo("Catalog entry 'E-1' does not exist");
        assertThat(Refusal.conflict("already-decided", "decided").kind()).isEqualTo(Refusal.Kind.CONFLICT);
        assertThat(Refusal.forbidden("not your department").kind()).isEqualTo(Refusal.Kind.FORBIDDEN);
    }

    @Test
    void propertiesCannotBeChangedAfterTheRefusalIsMade() {
        Refusal refusal = new Refusal(Refusal.Kind.CONFLICT, "deemed-consent", "Consent was deemed", "too late",
                Map.of("deemedAt", "2026-12-07T10:00:00Z"));

        assertThatThrownBy(() -> refusal.properties().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }
}
