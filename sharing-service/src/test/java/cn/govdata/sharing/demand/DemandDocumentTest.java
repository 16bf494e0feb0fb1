package cn.govdata.sharing.demand;

import cn.govdata.platform.test.MongoMappings;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DemandDocumentTest {

    private static final Instant T = Instant.parse("2026-03-01T08:00:00Z");

    @Test
    void a_demand_comes_back_equal_from_its_document_version_included() {
        Demand demand = demand();

        DemandDocument document = DemandDocument.from(demand, List.of());

        assertThat(document.version()).isEqualTo(4L);
        assertThat(document.toDomain()).usingRecursiveComparison().isEqualTo(demand);
    }

    @Test
    void the_stored_shape_keeps_the_fields_the_list_filters_on_at_the_top_level() {
        Demand demand = demand();
        MappingMongoConverter converter = MongoMappings.converter();
        Document stored = new Document();

        converter.write(DemandDocument.from(demand, List.of()), stored);

        assertThat(stored).containsEntry("_id", "D-1").containsEntry("version", 4L).containsEntry("outbox", List.of())
                .containsEntry("requestingDepartment", "CAB").containsEntry("addressedTo", "PSB").containsEntry("region", "320600")
                .containsEntry("state", "WILL_PUBLISH").containsEntry("answerOverdue", false).containsEntry("publishOverdue", true)
                .containsEntry("_class", "cn.govdata.sharing.demand.Demand");
        assertThat(converter.read(DemandDocument.class, stored).toDomain()).usingRecursiveComparison().isEqualTo(demand);
    }

    private static Demand demand() {
        return new Demand("D-1", "CAB", "PSB", "320600", "户籍人口", List.of("姓名"), "p", Demand.State.WILL_PUBLISH, "u",
                T, T.plusSeconds(86_400), false,
                new Demand.Answered(Demand.Answer.WILL_PUBLISH, LocalDate.of(2026, 4, 1), T.plusSeconds(3_000_000), "r", "a", T),
                true, null, 4L);
    }
}
